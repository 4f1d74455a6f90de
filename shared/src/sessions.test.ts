import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ISSUING_MODES, OpeningSession, Office as OfficeSchema, SpecialDay, type IssuingStop, type Office } from './domain.schemas';
import { isIssuingOpen, isStopActive, issuingStatus, nextSessionStart, sessionAt, sessionEndsAt, sessionsOn, specialDayOn, stopFor, type IssuingParts, type Schedule } from './sessions';
import { closure, office } from './testing/builders';

const TZ = 'Asia/Taipei';
/** A Taipei wall-clock time on a date, as epoch ms. */
const taipei = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);
const MONDAY = '2024-05-06';
const FRIDAY = '2024-05-10';
const SATURDAY = '2024-05-11';
const SUNDAY = '2024-05-12';

function session(over: Partial<OpeningSession> = {}): OpeningSession {
  return { weekday: 1, start: '08:00', end: '12:00', kind: 'regular', serviceIds: null, ...over };
}

const morning = session({ start: '08:00', end: '12:00' });
const afternoon = session({ start: '13:30', end: '17:00' });
const evening = session({ start: '17:00', end: '20:00', kind: 'evening', serviceIds: ['household'] });
const fridayMorning = session({ weekday: 5 });
const saturday = session({ weekday: 6, start: '08:00', end: '12:00', kind: 'weekend', serviceIds: ['household', 'passport'] });
const WEEK = [morning, afternoon, evening, fridayMorning, saturday];

describe('builders', () => {
  it('produce schema-valid sessions', () => {
    for (const s of WEEK) expect(Value.Check(OpeningSession, s)).toBe(true);
    // The check can fail.
    expect(Value.Check(OpeningSession, session({ end: '24:00' }))).toBe(false);
  });
});

describe('sessionAt', () => {
  it('finds the session the time falls in', () => {
    expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '09:15'), TZ)).toBe(morning);
    expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '15:00'), TZ)).toBe(afternoon);
    expect(sessionAt({ sessions: WEEK }, taipei(FRIDAY, '10:00'), TZ)).toBe(fridayMorning);
    expect(sessionAt({ sessions: WEEK }, taipei(SATURDAY, '11:59'), TZ)).toBe(saturday);
  });

  it('includes the start minute and excludes the end minute', () => {
    expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '07:59'), TZ)).toBeNull();
    expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '08:00'), TZ)).toBe(morning);
    expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '11:59'), TZ)).toBe(morning);
    expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '12:00'), TZ)).toBeNull();
    expect(sessionAt({ sessions: WEEK }, Date.parse(`${MONDAY}T11:59:59.999+08:00`), TZ)).toBe(morning);
  });

  it('is null between sessions and outside opening days', () => {
    expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '12:45'), TZ)).toBeNull();
    expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '20:00'), TZ)).toBeNull();
    expect(sessionAt({ sessions: WEEK }, taipei(FRIDAY, '15:00'), TZ)).toBeNull(); // no Friday afternoon in this list
    expect(sessionAt({ sessions: WEEK }, taipei(SUNDAY, '09:00'), TZ)).toBeNull();
    expect(sessionAt({ sessions: [] }, taipei(MONDAY, '09:00'), TZ)).toBeNull();
  });

  it('one session ends where the next begins', () => {
    expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '16:59'), TZ)).toBe(afternoon);
    expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '17:00'), TZ)).toBe(evening);
  });

  it('reads the weekday and time in the office time zone', () => {
    // Monday 09:00 in Taipei is Monday 01:00 UTC; Sunday 17:00 UTC is Monday 01:00 in Taipei.
    expect(sessionAt({ sessions: WEEK }, Date.parse('2024-05-06T01:00:00Z'), TZ)).toBe(morning);
    expect(sessionAt({ sessions: WEEK }, Date.parse('2024-05-05T17:00:00Z'), TZ)).toBeNull(); // Monday 01:00 local
    expect(sessionAt({ sessions: WEEK }, Date.parse('2024-05-06T09:00:00Z'), 'UTC')).toBe(morning);
    expect(sessionAt({ sessions: WEEK }, Date.parse('2024-05-06T09:00:00Z'), TZ)).toBe(evening); // 17:00 in Taipei
  });

  describe('per service', () => {
    it('a session for all services serves any service', () => {
      expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '09:00'), TZ, 'household')).toBe(morning);
      expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '09:00'), TZ, 'seal')).toBe(morning);
    });

    it('a session for some services serves only those', () => {
      expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '18:00'), TZ, 'household')).toBe(evening);
      expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '18:00'), TZ, 'passport')).toBeNull();
      expect(sessionAt({ sessions: WEEK }, taipei(SATURDAY, '09:00'), TZ, 'passport')).toBe(saturday);
      expect(sessionAt({ sessions: WEEK }, taipei(SATURDAY, '09:00'), TZ, 'seal')).toBeNull();
    });

    it('without a service, any session counts', () => {
      expect(sessionAt({ sessions: WEEK }, taipei(MONDAY, '18:00'), TZ)).toBe(evening);
      expect(sessionAt({ sessions: WEEK }, taipei(SATURDAY, '09:00'), TZ)).toBe(saturday);
    });

    it('a session that leaves the service out does not hide a later one that covers it', () => {
      const narrow = session({ start: '08:00', end: '10:00', serviceIds: ['passport'] });
      const wide = session({ start: '08:00', end: '12:00', serviceIds: null });
      expect(sessionAt({ sessions: [narrow, wide] }, taipei(MONDAY, '09:00'), TZ, 'household')).toBe(wide);
      expect(sessionAt({ sessions: [narrow, wide] }, taipei(MONDAY, '09:00'), TZ, 'passport')).toBe(narrow);
    });

    it('an empty service list serves no service', () => {
      const none = session({ serviceIds: [] });
      expect(sessionAt({ sessions: [none] }, taipei(MONDAY, '09:00'), TZ, 'household')).toBeNull();
    });
  });
});

describe('isIssuingOpen', () => {
  it("'open' issues at any time, even with no sessions", () => {
    expect(isIssuingOpen('open', { sessions: WEEK }, taipei(SUNDAY, '03:00'), TZ)).toBe(true);
    expect(isIssuingOpen('open', { sessions: [] }, taipei(MONDAY, '12:30'), TZ, 'passport')).toBe(true);
  });

  it("'closed' never issues, even inside a session", () => {
    expect(isIssuingOpen('closed', { sessions: WEEK }, taipei(MONDAY, '09:00'), TZ)).toBe(false);
    expect(isIssuingOpen('closed', { sessions: WEEK }, taipei(MONDAY, '18:00'), TZ, 'household')).toBe(false);
  });

  it("'schedule' follows the sessions", () => {
    expect(isIssuingOpen('schedule', { sessions: WEEK }, taipei(MONDAY, '09:00'), TZ)).toBe(true);
    expect(isIssuingOpen('schedule', { sessions: WEEK }, taipei(MONDAY, '12:00'), TZ)).toBe(false);
    expect(isIssuingOpen('schedule', { sessions: WEEK }, taipei(MONDAY, '13:30'), TZ)).toBe(true);
    expect(isIssuingOpen('schedule', { sessions: WEEK }, taipei(SUNDAY, '09:00'), TZ)).toBe(false);
    expect(isIssuingOpen('schedule', { sessions: [] }, taipei(MONDAY, '09:00'), TZ)).toBe(false);
  });

  it("'schedule' follows per-service sessions", () => {
    expect(isIssuingOpen('schedule', { sessions: WEEK }, taipei(MONDAY, '18:00'), TZ, 'household')).toBe(true);
    expect(isIssuingOpen('schedule', { sessions: WEEK }, taipei(MONDAY, '18:00'), TZ, 'passport')).toBe(false);
    expect(isIssuingOpen('schedule', { sessions: WEEK }, taipei(MONDAY, '18:00'), TZ)).toBe(true);
  });

  it('answers for every mode', () => {
    const inside = taipei(MONDAY, '09:00');
    const outside = taipei(MONDAY, '21:00');
    const answers = ISSUING_MODES.map((m) => [m, isIssuingOpen(m, { sessions: WEEK }, inside, TZ), isIssuingOpen(m, { sessions: WEEK }, outside, TZ)]);
    expect(answers).toEqual([
      ['schedule', true, false],
      ['open', true, true],
      ['closed', false, false],
    ]);
  });
});

describe('sessionEndsAt ("for the rest of the session")', () => {
  it('is the end of the session running now, for the line or the office', () => {
    expect(sessionEndsAt({ sessions: WEEK }, taipei(MONDAY, '09:15'), TZ, null)).toBe(taipei(MONDAY, '12:00'));
    expect(sessionEndsAt({ sessions: WEEK }, taipei(MONDAY, '14:00'), TZ, 'passport')).toBe(taipei(MONDAY, '17:00'));
    // The evening session is for household only: the office's runs on with it, passport's does not.
    expect(sessionEndsAt({ sessions: WEEK }, taipei(MONDAY, '18:00'), TZ, 'household')).toBe(taipei(MONDAY, '20:00'));
    expect(sessionEndsAt({ sessions: WEEK }, taipei(MONDAY, '18:00'), TZ, null)).toBe(taipei(MONDAY, '20:00'));
  });

  it('outside every session for the line, is the end of the business day', () => {
    expect(sessionEndsAt({ sessions: WEEK }, taipei(MONDAY, '18:00'), TZ, 'passport')).toBe(taipei('2024-05-07', '00:00'));
    expect(sessionEndsAt({ sessions: WEEK }, taipei(MONDAY, '12:30'), TZ, null)).toBe(taipei('2024-05-07', '00:00'));
    expect(sessionEndsAt({ sessions: [] }, taipei(SUNDAY, '23:59'), TZ, null)).toBe(taipei('2024-05-13', '00:00'));
  });

  it('takes the latest end where sessions overlap', () => {
    const long = session({ start: '08:00', end: '19:00' });
    expect(sessionEndsAt({ sessions: [morning, long] }, taipei(MONDAY, '09:00'), TZ, null)).toBe(taipei(MONDAY, '19:00'));
  });
});

describe('issuingStatus', () => {
  const OFFICE: Pick<Office, 'issuingMode' | 'sessions' | 'timeZone'> = { issuingMode: 'schedule', sessions: WEEK, timeZone: TZ };
  const at = taipei(MONDAY, '09:00');
  const stop = (over: Partial<IssuingStop> = {}): IssuingStop => ({
    serviceId: 'household',
    reason: 'staff_shortage',
    until: 'resumed',
    since: new Date(at - 60_000).toISOString(),
    endsAt: null,
    ...over,
  });
  const parts = (over: Partial<IssuingParts> = {}): IssuingParts => ({ office: OFFICE, issuingStops: [], closure: null, ...over });

  it('follows the office switch and sessions when nothing else stops it', () => {
    expect(issuingStatus(parts(), at, 'household')).toEqual({ open: true, reason: null });
    expect(issuingStatus(parts(), taipei(MONDAY, '12:30'), 'household')).toEqual({ open: false, reason: 'outside_session' });
    expect(issuingStatus(parts({ office: { ...OFFICE, issuingMode: 'closed' } }), at)).toEqual({ open: false, reason: 'issuing_closed' });
    expect(issuingStatus(parts({ office: { ...OFFICE, issuingMode: 'open' } }), taipei(SUNDAY, '03:00'), 'passport')).toEqual({ open: true, reason: null });
  });

  it("a line's stop closes that line only, with the stop's reason; the office's stops every line", () => {
    const lineStop = parts({ issuingStops: [stop()] });
    expect(issuingStatus(lineStop, at, 'household')).toEqual({ open: false, reason: 'staff_shortage' });
    expect(issuingStatus(lineStop, at, 'passport')).toEqual({ open: true, reason: null });
    expect(issuingStatus(lineStop, at)).toEqual({ open: true, reason: null });
    const officeStop = parts({ issuingStops: [stop(), stop({ serviceId: null, reason: 'system_issue' })] });
    expect(issuingStatus(officeStop, at, 'household')).toEqual({ open: false, reason: 'system_issue' });
    expect(issuingStatus(officeStop, at, 'passport')).toEqual({ open: false, reason: 'system_issue' });
    expect(issuingStatus(officeStop, at)).toEqual({ open: false, reason: 'system_issue' });
  });

  it('a stop for the rest of the session ends by itself at its end', () => {
    const endsAt = new Date(taipei(MONDAY, '12:00')).toISOString();
    const p = parts({ issuingStops: [stop({ until: 'session_end', endsAt })] });
    expect(issuingStatus(p, taipei(MONDAY, '11:59'), 'household')).toEqual({ open: false, reason: 'staff_shortage' });
    expect(issuingStatus(p, taipei(MONDAY, '13:30'), 'household')).toEqual({ open: true, reason: null });
    expect(isStopActive(stop({ endsAt }), taipei(MONDAY, '12:00'))).toBe(false);
    expect(isStopActive(stop(), taipei('2030-01-01', '00:00'))).toBe(true);
    expect(stopFor([stop({ endsAt })], taipei(MONDAY, '12:00'), 'household')).toBeNull();
  });

  it('the day closed, then an emergency closure, win over everything else', () => {
    const everything = parts({ issuingStops: [stop(), stop({ serviceId: null })], closure: closure(), office: { ...OFFICE, issuingMode: 'closed' } });
    expect(issuingStatus(everything, at, 'household')).toEqual({ open: false, reason: 'office_closed' });
    expect(issuingStatus({ ...everything, dayClosed: true }, at, 'household')).toEqual({ open: false, reason: 'day_closed' });
    expect(issuingStatus(parts({ closure: closure(), office: { ...OFFICE, issuingMode: 'open' } }), at)).toEqual({ open: false, reason: 'office_closed' });
  });
});

describe('holidays and make-up days', () => {
  const NEXT_MONDAY = '2024-05-13';
  const holiday: SpecialDay = { date: MONDAY, kind: 'closed', name: { 'zh-TW': '國定假日', en: 'National holiday' } };
  // A make-up Saturday (補班) that works as a Friday: Friday's morning only, not its own Saturday session.
  const makeUp: SpecialDay = { date: SATURDAY, kind: 'open', name: { 'zh-TW': '補班' }, sessionsOf: 5 };
  const schedule: Schedule = { sessions: WEEK, specialDays: [holiday, makeUp] };

  it('are schema-valid as built here; a date that does not exist, or an open day without its weekday, is not', () => {
    for (const d of [holiday, makeUp]) expect(Value.Check(SpecialDay, d)).toBe(true);
    expect(Value.Check(OfficeSchema, office({ specialDays: [holiday, makeUp] }))).toBe(true);
    expect(Value.Check(SpecialDay, { ...holiday, date: '2026-02-29' })).toBe(false);
    expect(Value.Check(SpecialDay, { ...holiday, date: '2024-5-6' })).toBe(false);
    expect(Value.Check(SpecialDay, { ...holiday, sessionsOf: 5 })).toBe(false);
    expect(Value.Check(SpecialDay, { date: SATURDAY, kind: 'open', name: { 'zh-TW': '補班' } })).toBe(false);
    expect(Value.Check(SpecialDay, { ...makeUp, sessionsOf: 6 })).toBe(false); // a make-up day works as Monday–Friday
    expect(Value.Check(SpecialDay, { ...holiday, name: { 'zh-TW': '' } })).toBe(false);
    expect(Value.Check(OfficeSchema, office({ specialDays: Array.from({ length: 101 }, () => holiday) }))).toBe(false);
  });

  it('sessionsOn: none on a closed day, the followed weekday on a make-up day, the week otherwise', () => {
    expect(sessionsOn(schedule, MONDAY)).toEqual([]);
    expect(sessionsOn(schedule, NEXT_MONDAY)).toEqual([morning, afternoon, evening]);
    expect(sessionsOn(schedule, SATURDAY)).toEqual([{ ...fridayMorning, weekday: 6 }]);
    expect(sessionsOn({ sessions: WEEK }, SATURDAY)).toEqual([saturday]);
    expect(specialDayOn(schedule, SATURDAY)).toBe(makeUp);
    expect(specialDayOn(schedule, FRIDAY)).toBeNull();
    expect(specialDayOn({ sessions: WEEK }, MONDAY)).toBeNull(); // an office stored before special days: none
  });

  it('a closed day has no session, for any line, in schedule mode; the same weekday a week on is open again', () => {
    expect(sessionAt(schedule, taipei(MONDAY, '09:00'), TZ)).toBeNull();
    expect(sessionAt(schedule, taipei(MONDAY, '18:00'), TZ, 'household')).toBeNull();
    expect(isIssuingOpen('schedule', schedule, taipei(MONDAY, '09:00'), TZ)).toBe(false);
    expect(isIssuingOpen('schedule', schedule, taipei(NEXT_MONDAY, '09:00'), TZ)).toBe(true);
    // By hand wins over the calendar, as over the sessions.
    expect(isIssuingOpen('open', schedule, taipei(MONDAY, '09:00'), TZ)).toBe(true);
  });

  it('a make-up day runs the sessions of the weekday it follows, with their lines and hours', () => {
    expect(sessionAt(schedule, taipei(SATURDAY, '09:00'), TZ)).toEqual({ ...fridayMorning, weekday: 6 });
    // Friday's session is for every line; Saturday's own (household and passport only) does not run.
    expect(isIssuingOpen('schedule', schedule, taipei(SATURDAY, '09:00'), TZ, 'seal')).toBe(true);
    expect(isIssuingOpen('schedule', schedule, taipei(SATURDAY, '12:00'), TZ)).toBe(false);
    const asMonday: Schedule = { sessions: WEEK, specialDays: [{ ...makeUp, sessionsOf: 1 }] };
    expect(sessionAt(asMonday, taipei(SATURDAY, '18:00'), TZ, 'household')).toEqual({ ...evening, weekday: 6 });
    expect(sessionAt(asMonday, taipei(SATURDAY, '18:00'), TZ, 'passport')).toBeNull();
  });

  it('the date is the office’s: Sunday 17:00 UTC is the closed Monday in Taipei', () => {
    const early: Schedule = { sessions: [session({ start: '00:00', end: '12:00' })], specialDays: [holiday] };
    expect(isIssuingOpen('schedule', early, Date.parse('2024-05-05T17:00:00Z'), TZ)).toBe(false);
    expect(isIssuingOpen('schedule', { sessions: early.sessions }, Date.parse('2024-05-05T17:00:00Z'), TZ)).toBe(true);
    expect(isIssuingOpen('schedule', early, Date.parse('2024-05-05T17:00:00Z'), 'UTC')).toBe(false); // Sunday in UTC: no session
  });

  it('"for the rest of the session" ends with the make-up day’s session, and on a closed day at midnight', () => {
    expect(sessionEndsAt(schedule, taipei(SATURDAY, '09:00'), TZ, 'seal')).toBe(taipei(SATURDAY, '12:00'));
    expect(sessionEndsAt(schedule, taipei(MONDAY, '09:00'), TZ, null)).toBe(taipei('2024-05-07', '00:00'));
  });

  it('issuingStatus: a closed day is outside every session; the day closing, an emergency and the switch still say theirs', () => {
    const parts = (over: Partial<Office> = {}, more: Partial<IssuingParts> = {}): IssuingParts => ({
      office: { issuingMode: 'schedule', timeZone: TZ, ...schedule, ...over },
      issuingStops: [],
      closure: null,
      ...more,
    });
    expect(issuingStatus(parts(), taipei(MONDAY, '09:00'), 'household')).toEqual({ open: false, reason: 'outside_session' });
    expect(issuingStatus(parts(), taipei(MONDAY, '09:00'))).toEqual({ open: false, reason: 'outside_session' });
    expect(issuingStatus(parts(), taipei(SATURDAY, '09:00'), 'seal')).toEqual({ open: true, reason: null });
    expect(issuingStatus(parts({ issuingMode: 'closed' }), taipei(MONDAY, '09:00'))).toEqual({ open: false, reason: 'issuing_closed' });
    expect(issuingStatus(parts({ issuingMode: 'open' }), taipei(MONDAY, '09:00'))).toEqual({ open: true, reason: null });
    expect(issuingStatus(parts({}, { closure: closure() }), taipei(MONDAY, '09:00'))).toEqual({ open: false, reason: 'office_closed' });
    expect(issuingStatus(parts({}, { dayClosed: true }), taipei(SATURDAY, '09:00'))).toEqual({ open: false, reason: 'day_closed' });
  });
});

describe('nextSessionStart (when the kiosk says the office opens again)', () => {
  const schedule: Schedule = { sessions: WEEK, specialDays: [] };
  it('is the next start today, then tomorrow’s, skipping days without sessions', () => {
    expect(nextSessionStart(schedule, taipei(MONDAY, '07:00'), TZ)).toBe(taipei(MONDAY, '08:00'));
    expect(nextSessionStart(schedule, taipei(MONDAY, '12:30'), TZ)).toBe(taipei(MONDAY, '13:30'));
    // After Monday's last session: Friday morning is the next (Tuesday–Thursday have none here).
    expect(nextSessionStart(schedule, taipei(MONDAY, '20:30'), TZ)).toBe(taipei(FRIDAY, '08:00'));
    // During a session, the next one to start, not the one running.
    expect(nextSessionStart(schedule, taipei(MONDAY, '09:00'), TZ)).toBe(taipei(MONDAY, '13:30'));
  });

  it('follows a line’s own sessions, holidays and make-up days', () => {
    expect(nextSessionStart(schedule, taipei(MONDAY, '16:00'), TZ, 'household')).toBe(taipei(MONDAY, '17:00'));
    expect(nextSessionStart(schedule, taipei(MONDAY, '16:00'), TZ, 'passport')).toBe(taipei(FRIDAY, '08:00'));
    const holiday: Schedule = { sessions: WEEK, specialDays: [{ date: FRIDAY, kind: 'closed', name: { 'zh-TW': '國定假日' } }] };
    expect(nextSessionStart(holiday, taipei(MONDAY, '20:30'), TZ)).toBe(taipei(SATURDAY, '08:00'));
    const makeUp: Schedule = { sessions: WEEK, specialDays: [{ date: SUNDAY, kind: 'open', name: { 'zh-TW': '補班' }, sessionsOf: 1 }] };
    expect(nextSessionStart(makeUp, taipei(SATURDAY, '13:00'), TZ)).toBe(taipei(SUNDAY, '08:00'));
  });

  it('is null for an office with no sessions at all', () => {
    expect(nextSessionStart({ sessions: [], specialDays: [] }, taipei(MONDAY, '09:00'), TZ)).toBeNull();
  });
});
