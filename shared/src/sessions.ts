// Whether tickets can be taken now: by hand (open/closed) or by the office's opening sessions and
// its holidays and make-up days, and on top of that the supervisors' stops and an emergency
// closure. Kiosks follow all of it; staff can always hand out a number (the server checks only the
// day's closing for them).
import type { Closure, IssuingMode, IssuingStop, Office, OpeningSession, SpecialDay } from './domain.schemas';
import type { IssuingClosedReason, IssuingStatus } from './events.schemas';
import { instantAt, localTime, nextDate, weekdayOf } from './business-date';

/**
 * What decides which sessions run on a date: the weekly sessions and the dated exceptions to them
 * (an Office is one). Without specialDays (an office stored before they existed), none.
 */
export interface Schedule {
  readonly sessions: readonly OpeningSession[];
  readonly specialDays?: readonly SpecialDay[];
}

/** The holiday or make-up day on a date (YYYY-MM-DD), or null. */
export function specialDayOn(schedule: Schedule, date: string): SpecialDay | null {
  return schedule.specialDays?.find((d) => d.date === date) ?? null;
}

/**
 * The sessions that run on a date (the office's local date, YYYY-MM-DD): none on a closed day; on
 * a make-up day, those of the weekday it follows, given the date's own weekday (in place of the
 * date's usual sessions); on any other day, the week's sessions of its weekday.
 */
export function sessionsOn(schedule: Schedule, date: string): readonly OpeningSession[] {
  const weekday = weekdayOf(date);
  const day = specialDayOn(schedule, date);
  if (day?.kind === 'closed') return [];
  if (day?.kind === 'open') return schedule.sessions.filter((s) => s.weekday === day.sessionsOf).map((s) => ({ ...s, weekday }));
  return schedule.sessions.filter((s) => s.weekday === weekday);
}

/** The session running now (for the line, when given), on the office's own date; null outside every one. */
export function sessionAt(schedule: Schedule, now: number, timeZone: string, serviceId?: string): OpeningSession | null {
  const t = localTime(now, timeZone);
  for (const s of sessionsOn(schedule, t.date)) {
    if (t.time < s.start || t.time >= s.end) continue;
    if (serviceId !== undefined && s.serviceIds !== null && !s.serviceIds.includes(serviceId)) continue;
    return s;
  }
  return null;
}

/** By hand ('open', 'closed'), or by the schedule: a session running now, and not on a closed day. */
export function isIssuingOpen(mode: IssuingMode, schedule: Schedule, now: number, timeZone: string, serviceId?: string): boolean {
  if (mode === 'open') return true;
  if (mode === 'closed') return false;
  return sessionAt(schedule, now, timeZone, serviceId) !== null;
}

/**
 * When "for the rest of the session" ends, for a line (or the whole office, null): the latest end
 * among the sessions running now that include it; outside every session (a closed day too), the
 * end of the business day (the next local midnight).
 */
export function sessionEndsAt(schedule: Schedule, now: number, timeZone: string, serviceId: string | null): number {
  const t = localTime(now, timeZone);
  let end: string | null = null;
  for (const s of sessionsOn(schedule, t.date)) {
    if (t.time < s.start || t.time >= s.end) continue;
    if (serviceId !== null && s.serviceIds !== null && !s.serviceIds.includes(serviceId)) continue;
    if (end === null || s.end > end) end = s.end;
  }
  return end === null ? instantAt(nextDate(t.date), '00:00', timeZone) : instantAt(t.date, end, timeZone);
}

/** How far ahead nextSessionStart looks: past a long holiday (Lunar New Year closes about 9 days). */
export const NEXT_SESSION_DAYS = 21;

/**
 * When the next opening session starts after `now` (for the line, when given), holidays and make-up
 * days included; null when none starts within NEXT_SESSION_DAYS (an office with no sessions).
 */
export function nextSessionStart(schedule: Schedule, now: number, timeZone: string, serviceId?: string): number | null {
  let date = localTime(now, timeZone).date;
  for (let day = 0; day <= NEXT_SESSION_DAYS; day++, date = nextDate(date)) {
    const starts = sessionsOn(schedule, date)
      .filter((s) => serviceId === undefined || s.serviceIds === null || s.serviceIds.includes(serviceId))
      .map((s) => instantAt(date, s.start, timeZone))
      .filter((at) => at > now)
      .sort((a, b) => a - b);
    if (starts[0] !== undefined) return starts[0];
  }
  return null;
}

/** A stop holds until a supervisor resumes it, or until its session ended. */
export function isStopActive(stop: IssuingStop, now: number): boolean {
  return stop.endsAt === null || Date.parse(stop.endsAt) > now;
}

/** Why kiosks issue nothing, besides a supervisor's stop (whose own reason code is given then). */
export const ISSUING_CLOSED_REASONS = [
  /** A supervisor closed today's queue (day:close). */
  'day_closed',
  /** The office is closed in an emergency (see the closure and its reason). */
  'office_closed',
  /** Issuing is switched off by hand (office:set-issuing closed). */
  'issuing_closed',
  /** The office follows its opening sessions and none is running for this line now (or today is a closed day). */
  'outside_session',
] as const;

/** What decides the issuing: the office's switch, sessions and special days, the stops, an emergency closure. */
export interface IssuingParts {
  readonly office: Pick<Office, 'issuingMode' | 'timeZone'> & Schedule;
  readonly issuingStops: readonly IssuingStop[];
  readonly closure: Closure | null;
  /** Today's queue was closed by a supervisor (day:close). */
  readonly dayClosed?: boolean;
}

/** The stop in force for a line (the whole office's first), or for the office itself when no line is given. */
export function stopFor(stops: readonly IssuingStop[], now: number, serviceId?: string): IssuingStop | null {
  const active = stops.filter((s) => isStopActive(s, now));
  return active.find((s) => s.serviceId === null) ?? (serviceId === undefined ? undefined : active.find((s) => s.serviceId === serviceId)) ?? null;
}

/**
 * Whether a kiosk may issue a ticket of this line now (or, without a line, whether the office
 * issues at all), and why not. The most decisive reason wins: the day's closing, an emergency,
 * a supervisor's stop, the switch by hand, the sessions.
 */
export function issuingStatus(parts: IssuingParts, now: number, serviceId?: string): IssuingStatus {
  const closed = (reason: IssuingClosedReason): IssuingStatus => ({ open: false, reason });
  if (parts.dayClosed) return closed('day_closed');
  if (parts.closure) return closed('office_closed');
  const stop = stopFor(parts.issuingStops, now, serviceId);
  if (stop) return closed(stop.reason);
  const { issuingMode, timeZone } = parts.office;
  if (issuingMode === 'closed') return closed('issuing_closed');
  if (!isIssuingOpen(issuingMode, parts.office, now, timeZone, serviceId)) return closed('outside_session');
  return { open: true, reason: null };
}
