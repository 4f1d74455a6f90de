import { describe, expect, it } from 'vitest';
import { businessDate, instantAt, localTime, nextDate, weekdayOf } from './business-date';

const at = (isoUtc: string) => Date.parse(isoUtc);

describe('localTime in Asia/Taipei (UTC+8, no daylight saving)', () => {
  it('is eight hours ahead of UTC', () => {
    expect(localTime(at('2024-05-06T00:00:00Z'))).toEqual({ date: '2024-05-06', weekday: 1, time: '08:00' });
    expect(localTime(at('2024-05-06T05:30:00Z'))).toEqual({ date: '2024-05-06', weekday: 1, time: '13:30' });
  });

  it('changes date at 16:00 UTC', () => {
    expect(localTime(at('2024-01-01T15:59:59.999Z'))).toEqual({ date: '2024-01-01', weekday: 1, time: '23:59' });
    expect(localTime(at('2024-01-01T16:00:00.000Z'))).toEqual({ date: '2024-01-02', weekday: 2, time: '00:00' });
  });

  it('shows midnight as 00, never 24', () => {
    expect(localTime(at('2024-07-14T16:00:00Z')).time).toBe('00:00');
    expect(localTime(at('2024-07-14T16:05:00Z')).time).toBe('00:05');
  });

  it('changes year and month at 16:00 UTC on the last day', () => {
    expect(localTime(at('2024-12-31T15:59:00Z')).date).toBe('2024-12-31');
    expect(localTime(at('2024-12-31T16:00:00Z'))).toEqual({ date: '2025-01-01', weekday: 3, time: '00:00' });
    expect(localTime(at('2024-02-28T16:00:00Z')).date).toBe('2024-02-29');
    expect(localTime(at('2024-02-29T16:00:00Z')).date).toBe('2024-03-01');
  });

  it('gives every weekday, 0 = Sunday', () => {
    // 2024-05-05 was a Sunday; 10:00 in Taipei each day.
    const days = Array.from({ length: 7 }, (_, i) => localTime(at('2024-05-05T02:00:00Z') + i * 86_400_000));
    expect(days.map((d) => d.weekday)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(days.map((d) => d.date)).toEqual([
      '2024-05-05',
      '2024-05-06',
      '2024-05-07',
      '2024-05-08',
      '2024-05-09',
      '2024-05-10',
      '2024-05-11',
    ]);
  });

  it('the weekday follows the Taipei date, not the UTC date', () => {
    // Saturday 20:00 UTC is already Sunday 04:00 in Taipei.
    expect(localTime(at('2024-05-04T20:00:00Z'))).toEqual({ date: '2024-05-05', weekday: 0, time: '04:00' });
  });

  it('has no daylight-saving jump in summer or winter', () => {
    expect(localTime(at('2024-01-15T00:00:00Z')).time).toBe('08:00');
    expect(localTime(at('2024-07-15T00:00:00Z')).time).toBe('08:00');
  });

  it('truncates seconds rather than rounding', () => {
    expect(localTime(at('2024-05-06T01:59:59.999Z')).time).toBe('09:59');
  });

  it('uses the given time zone', () => {
    const instant = at('2024-01-01T16:30:00Z');
    expect(localTime(instant, 'UTC')).toEqual({ date: '2024-01-01', weekday: 1, time: '16:30' });
    expect(localTime(instant, 'Asia/Taipei')).toEqual({ date: '2024-01-02', weekday: 2, time: '00:30' });
    expect(localTime(instant, 'America/New_York')).toEqual({ date: '2024-01-01', weekday: 1, time: '11:30' });
  });
});

describe('businessDate', () => {
  it('is the Taipei date by default', () => {
    expect(businessDate(at('2024-01-01T15:59:00Z'))).toBe('2024-01-01');
    expect(businessDate(at('2024-01-01T16:00:00Z'))).toBe('2024-01-02');
  });

  it('agrees with localTime', () => {
    for (let h = 0; h < 48; h++) {
      const instant = at('2024-03-10T00:00:00Z') + h * 3_600_000;
      expect(businessDate(instant)).toBe(localTime(instant).date);
      expect(businessDate(instant, 'UTC')).toBe(localTime(instant, 'UTC').date);
    }
  });

  it('a whole Taipei day shares one business date', () => {
    const dayStart = at('2024-05-05T16:00:00Z'); // 2024-05-06 00:00 in Taipei
    const dates = new Set<string>();
    for (let m = 0; m < 24 * 60; m += 7) dates.add(businessDate(dayStart + m * 60_000));
    dates.add(businessDate(dayStart + 24 * 3_600_000 - 1));
    expect([...dates]).toEqual(['2024-05-06']);
    expect(businessDate(dayStart - 1)).toBe('2024-05-05');
    expect(businessDate(dayStart + 24 * 3_600_000)).toBe('2024-05-07');
  });

  it('uses the given time zone', () => {
    expect(businessDate(at('2024-01-01T16:00:00Z'), 'UTC')).toBe('2024-01-01');
  });
});

describe('instantAt and nextDate', () => {
  it('turns a wall-clock time of a date in the zone into its instant', () => {
    expect(instantAt('2024-05-06', '12:00')).toBe(at('2024-05-06T04:00:00Z'));
    expect(instantAt('2024-05-07', '00:00', 'Asia/Taipei')).toBe(at('2024-05-06T16:00:00Z'));
    expect(instantAt('2024-05-06', '12:00', 'UTC')).toBe(at('2024-05-06T12:00:00Z'));
  });

  it('follows a zone with daylight saving on either side of the change', () => {
    // New York: UTC-5 in winter, UTC-4 from 2024-03-10 03:00 local.
    expect(instantAt('2024-03-09', '12:00', 'America/New_York')).toBe(at('2024-03-09T17:00:00Z'));
    expect(instantAt('2024-03-10', '12:00', 'America/New_York')).toBe(at('2024-03-10T16:00:00Z'));
    for (const [date, time] of [['2024-03-10', '12:00'], ['2024-11-03', '09:30'], ['2024-07-01', '23:59']] as const) {
      expect(localTime(instantAt(date, time, 'America/New_York'), 'America/New_York')).toMatchObject({ date, time });
    }
  });

  it('nextDate crosses months, years and leap days', () => {
    expect(nextDate('2024-05-06')).toBe('2024-05-07');
    expect(nextDate('2024-02-28')).toBe('2024-02-29');
    expect(nextDate('2023-02-28')).toBe('2023-03-01');
    expect(nextDate('2024-12-31')).toBe('2025-01-01');
  });

  it('weekdayOf counts from Sunday (0), as the sessions do, and agrees with localTime', () => {
    expect(['2024-05-05', '2024-05-06', '2024-05-11', '2026-12-25', '2027-01-01', '2024-02-29'].map(weekdayOf)).toEqual([0, 1, 6, 5, 5, 4]);
    expect(weekdayOf('2026-12-02')).toBe(localTime(instantAt('2026-12-02', '09:00')).weekday);
  });
});
