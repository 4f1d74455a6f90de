import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ISSUING_MODES, OpeningSession } from './domain.schemas';
import { isIssuingOpen, sessionAt } from './sessions';

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
