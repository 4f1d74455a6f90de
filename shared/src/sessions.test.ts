import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ISSUING_MODES, OpeningSession, type IssuingStop, type Office } from './domain.schemas';
import { isIssuingOpen, isStopActive, issuingStatus, sessionAt, sessionEndsAt, stopFor, type IssuingParts } from './sessions';
import { closure } from './testing/builders';

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
    expect(sessionAt(WEEK, taipei(MONDAY, '09:15'), TZ)).toBe(morning);
    expect(sessionAt(WEEK, taipei(MONDAY, '15:00'), TZ)).toBe(afternoon);
    expect(sessionAt(WEEK, taipei(FRIDAY, '10:00'), TZ)).toBe(fridayMorning);
    expect(sessionAt(WEEK, taipei(SATURDAY, '11:59'), TZ)).toBe(saturday);
  });

  it('includes the start minute and excludes the end minute', () => {
    expect(sessionAt(WEEK, taipei(MONDAY, '07:59'), TZ)).toBeNull();
    expect(sessionAt(WEEK, taipei(MONDAY, '08:00'), TZ)).toBe(morning);
    expect(sessionAt(WEEK, taipei(MONDAY, '11:59'), TZ)).toBe(morning);
    expect(sessionAt(WEEK, taipei(MONDAY, '12:00'), TZ)).toBeNull();
    expect(sessionAt(WEEK, Date.parse(`${MONDAY}T11:59:59.999+08:00`), TZ)).toBe(morning);
  });

  it('is null between sessions and outside opening days', () => {
    expect(sessionAt(WEEK, taipei(MONDAY, '12:45'), TZ)).toBeNull();
    expect(sessionAt(WEEK, taipei(MONDAY, '20:00'), TZ)).toBeNull();
    expect(sessionAt(WEEK, taipei(FRIDAY, '15:00'), TZ)).toBeNull(); // no Friday afternoon in this list
    expect(sessionAt(WEEK, taipei(SUNDAY, '09:00'), TZ)).toBeNull();
    expect(sessionAt([], taipei(MONDAY, '09:00'), TZ)).toBeNull();
  });

  it('one session ends where the next begins', () => {
    expect(sessionAt(WEEK, taipei(MONDAY, '16:59'), TZ)).toBe(afternoon);
    expect(sessionAt(WEEK, taipei(MONDAY, '17:00'), TZ)).toBe(evening);
  });

  it('reads the weekday and time in the office time zone', () => {
    // Monday 09:00 in Taipei is Monday 01:00 UTC; Sunday 17:00 UTC is Monday 01:00 in Taipei.
    expect(sessionAt(WEEK, Date.parse('2024-05-06T01:00:00Z'), TZ)).toBe(morning);
    expect(sessionAt(WEEK, Date.parse('2024-05-05T17:00:00Z'), TZ)).toBeNull(); // Monday 01:00 local
    expect(sessionAt(WEEK, Date.parse('2024-05-06T09:00:00Z'), 'UTC')).toBe(morning);
    expect(sessionAt(WEEK, Date.parse('2024-05-06T09:00:00Z'), TZ)).toBe(evening); // 17:00 in Taipei
  });

  describe('per service', () => {
    it('a session for all services serves any service', () => {
      expect(sessionAt(WEEK, taipei(MONDAY, '09:00'), TZ, 'household')).toBe(morning);
      expect(sessionAt(WEEK, taipei(MONDAY, '09:00'), TZ, 'seal')).toBe(morning);
    });

    it('a session for some services serves only those', () => {
      expect(sessionAt(WEEK, taipei(MONDAY, '18:00'), TZ, 'household')).toBe(evening);
      expect(sessionAt(WEEK, taipei(MONDAY, '18:00'), TZ, 'passport')).toBeNull();
      expect(sessionAt(WEEK, taipei(SATURDAY, '09:00'), TZ, 'passport')).toBe(saturday);
      expect(sessionAt(WEEK, taipei(SATURDAY, '09:00'), TZ, 'seal')).toBeNull();
    });

    it('without a service, any session counts', () => {
      expect(sessionAt(WEEK, taipei(MONDAY, '18:00'), TZ)).toBe(evening);
      expect(sessionAt(WEEK, taipei(SATURDAY, '09:00'), TZ)).toBe(saturday);
    });

    it('a session that leaves the service out does not hide a later one that covers it', () => {
      const narrow = session({ start: '08:00', end: '10:00', serviceIds: ['passport'] });
      const wide = session({ start: '08:00', end: '12:00', serviceIds: null });
      expect(sessionAt([narrow, wide], taipei(MONDAY, '09:00'), TZ, 'household')).toBe(wide);
      expect(sessionAt([narrow, wide], taipei(MONDAY, '09:00'), TZ, 'passport')).toBe(narrow);
    });

    it('an empty service list serves no service', () => {
      const none = session({ serviceIds: [] });
      expect(sessionAt([none], taipei(MONDAY, '09:00'), TZ, 'household')).toBeNull();
    });
  });
});

describe('isIssuingOpen', () => {
  it("'open' issues at any time, even with no sessions", () => {
    expect(isIssuingOpen('open', WEEK, taipei(SUNDAY, '03:00'), TZ)).toBe(true);
    expect(isIssuingOpen('open', [], taipei(MONDAY, '12:30'), TZ, 'passport')).toBe(true);
  });

  it("'closed' never issues, even inside a session", () => {
    expect(isIssuingOpen('closed', WEEK, taipei(MONDAY, '09:00'), TZ)).toBe(false);
    expect(isIssuingOpen('closed', WEEK, taipei(MONDAY, '18:00'), TZ, 'household')).toBe(false);
  });

  it("'schedule' follows the sessions", () => {
    expect(isIssuingOpen('schedule', WEEK, taipei(MONDAY, '09:00'), TZ)).toBe(true);
    expect(isIssuingOpen('schedule', WEEK, taipei(MONDAY, '12:00'), TZ)).toBe(false);
    expect(isIssuingOpen('schedule', WEEK, taipei(MONDAY, '13:30'), TZ)).toBe(true);
    expect(isIssuingOpen('schedule', WEEK, taipei(SUNDAY, '09:00'), TZ)).toBe(false);
    expect(isIssuingOpen('schedule', [], taipei(MONDAY, '09:00'), TZ)).toBe(false);
  });

  it("'schedule' follows per-service sessions", () => {
    expect(isIssuingOpen('schedule', WEEK, taipei(MONDAY, '18:00'), TZ, 'household')).toBe(true);
    expect(isIssuingOpen('schedule', WEEK, taipei(MONDAY, '18:00'), TZ, 'passport')).toBe(false);
    expect(isIssuingOpen('schedule', WEEK, taipei(MONDAY, '18:00'), TZ)).toBe(true);
  });

  it('answers for every mode', () => {
    const inside = taipei(MONDAY, '09:00');
    const outside = taipei(MONDAY, '21:00');
    const answers = ISSUING_MODES.map((m) => [m, isIssuingOpen(m, WEEK, inside, TZ), isIssuingOpen(m, WEEK, outside, TZ)]);
    expect(answers).toEqual([
      ['schedule', true, false],
      ['open', true, true],
      ['closed', false, false],
    ]);
  });
});

describe('sessionEndsAt ("for the rest of the session")', () => {
  it('is the end of the session running now, for the line or the office', () => {
    expect(sessionEndsAt(WEEK, taipei(MONDAY, '09:15'), TZ, null)).toBe(taipei(MONDAY, '12:00'));
    expect(sessionEndsAt(WEEK, taipei(MONDAY, '14:00'), TZ, 'passport')).toBe(taipei(MONDAY, '17:00'));
    // The evening session is for household only: the office's runs on with it, passport's does not.
    expect(sessionEndsAt(WEEK, taipei(MONDAY, '18:00'), TZ, 'household')).toBe(taipei(MONDAY, '20:00'));
    expect(sessionEndsAt(WEEK, taipei(MONDAY, '18:00'), TZ, null)).toBe(taipei(MONDAY, '20:00'));
  });

  it('outside every session for the line, is the end of the business day', () => {
    expect(sessionEndsAt(WEEK, taipei(MONDAY, '18:00'), TZ, 'passport')).toBe(taipei('2024-05-07', '00:00'));
    expect(sessionEndsAt(WEEK, taipei(MONDAY, '12:30'), TZ, null)).toBe(taipei('2024-05-07', '00:00'));
    expect(sessionEndsAt([], taipei(SUNDAY, '23:59'), TZ, null)).toBe(taipei('2024-05-13', '00:00'));
  });

  it('takes the latest end where sessions overlap', () => {
    const long = session({ start: '08:00', end: '19:00' });
    expect(sessionEndsAt([morning, long], taipei(MONDAY, '09:00'), TZ, null)).toBe(taipei(MONDAY, '19:00'));
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
