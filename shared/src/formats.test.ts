import { Kind, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import * as schemas from './entries/schemas';
import { CalendarDate, IsoDateTime, OfficePatch, ServicePatch } from './entries/schemas';
import { DATE_MESSAGE, INSTANT_MESSAGE, Int, isCalendarDate, isInstant, MAX_INTEGER, STRING_FORMATS } from './formats';

describe('date-time format', () => {
  it('accepts ISO 8601 date-times with a zone, and nothing else', () => {
    expect(Value.Check(IsoDateTime, '2026-12-01T01:00:00.000Z')).toBe(true);
    expect(Value.Check(IsoDateTime, '2026-12-01T09:00:00+08:00')).toBe(true);
    expect(Value.Check(IsoDateTime, 'tomorrow')).toBe(false);
    expect(Value.Check(IsoDateTime, '2026-12-01 09:00')).toBe(false);
    expect(Value.Check(IsoDateTime, '2026-12-01T09:00:00')).toBe(false); // no zone: ambiguous
    expect(Value.Check(IsoDateTime, '2026-13-45T25:00:00Z')).toBe(false); // right shape, not a date
  });

  it('accepts every real instant, whatever its zone or precision', () => {
    for (const v of [
      '2024-02-29T00:00:00Z', // a leap day
      '2026-12-31T23:59:59.999Z',
      '2026-12-01T09:00:00.123456789+08:00',
      '2026-12-01T09:00:00-00:00',
      '2026-12-01T09:00:00+05:45',
      '2026-12-01T00:30:00+14:00', // the day before in UTC
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      new Date(1_796_115_600_000).toISOString(),
    ]) {
      expect(isInstant(v), v).toBe(true);
      expect(Value.Check(IsoDateTime, v), v).toBe(true);
    }
  });

  it('refuses a date-time whose fields do not come back from the instant they name', () => {
    for (const v of [
      '2026-12-02T23:59:60+08:00', // a leap second: Date.parse gives NaN
      '2026-12-31T23:59:60Z', // even the one RFC 3339 allows in UTC
      '2026-02-30T10:00:00Z', // Date.parse rolls it over to 2 March
      '2026-02-29T10:00:00Z', // not a leap year
      '2026-04-31T10:00:00Z',
      '2026-12-02T24:00:00Z', // Date.parse reads it as the next midnight
      '2026-12-02T23:60:00Z',
      '2026-00-10T10:00:00Z',
      '2026-12-00T10:00:00Z',
      '2026-12-01T09:00:00+24:00',
      '2026-12-01T09:00:00+08:60',
      '2026-12-01t09:00:00z', // RFC 3339 allows lowercase; nothing here writes it, so nothing reads it
      '2026-12-01T09:00:00.Z',
      '2026-12-01T09:00:00.1234567890Z',
      '+275760-09-13T00:00:00Z',
      'NaN',
      '',
      ' 2026-12-01T09:00:00Z',
      '2026-12-01T09:00:00Z\n',
      '２０２６-12-01T09:00:00Z', // full-width digits
    ]) {
      expect(isInstant(v), v).toBe(false);
      expect(Value.Check(IsoDateTime, v), v).toBe(false);
    }
  });

  it('tells a refused instant what it must be', () => {
    const errors = [...Value.Errors(schemas.IssueTicketBody, { serviceId: 'reg', appointmentAt: '2026-12-02T23:59:60+08:00' })];
    expect(errors.map((e) => [e.path, e.message])).toEqual([['/appointmentAt', INSTANT_MESSAGE]]);
    // Other messages are TypeBox's own.
    expect([...Value.Errors(schemas.IssueTicketBody, { serviceId: 42 })][0]?.message).toMatch(/string/i);
  });
});

describe('date format', () => {
  it('accepts every real calendar date, leap days included', () => {
    for (const v of ['2026-12-25', '2027-01-01', '2024-02-29', '2000-02-29', '0001-01-01', '0099-12-31', '9999-12-31']) {
      expect(isCalendarDate(v), v).toBe(true);
      expect(Value.Check(CalendarDate, v), v).toBe(true);
    }
  });

  it('refuses a date its month does not have, and anything not shaped YYYY-MM-DD', () => {
    for (const v of ['2026-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-12-00', '2026-1-1', '20261225', '2026-12-25T00:00:00Z', ' 2026-12-25', '２０２６-12-25', '']) {
      expect(isCalendarDate(v), v).toBe(false);
      expect(Value.Check(CalendarDate, v), v).toBe(false);
    }
  });

  it('tells a refused date what it must be', () => {
    const day = { date: '2026-02-30', kind: 'closed', name: { 'zh-TW': '假日' } };
    // A special day is a union (closed or open): the reason is inside the variant's errors.
    const [error] = [...Value.Errors(OfficePatch, { specialDays: [day] })];
    expect(error?.path).toBe('/specialDays/0');
    const inside = (error?.errors ?? []).flatMap((variant) => [...variant]).map((e) => [e.path, e.message]);
    expect(inside).toContainEqual(['/specialDays/0/date', DATE_MESSAGE]);
  });
});

describe('bounded integers', () => {
  it('refuses what SQLite cannot store as an INTEGER and what no office needs', () => {
    for (const sortOrder of [1e300, 2 ** 53, -(2 ** 53), 1_000_001, 1.5]) {
      expect(Value.Check(ServicePatch, { sortOrder }), String(sortOrder)).toBe(false);
    }
    expect(Value.Check(ServicePatch, { sortOrder: 1_000_000 })).toBe(true);
    expect(Value.Check(ServicePatch, { dailyCap: 1e300 })).toBe(false);
    expect(Value.Check(ServicePatch, { dailyCap: 999_999 })).toBe(true);
  });

  it('Int needs both bounds, as safe integers, the lower first', () => {
    expect(Int(-5, 5)).toMatchObject({ type: 'integer', minimum: -5, maximum: 5 });
    expect(() => Int(0, 2 ** 53)).toThrow(/safe integers/);
    expect(() => Int(Number.NEGATIVE_INFINITY, 0)).toThrow(/safe integers/);
    expect(() => Int(2, 1)).toThrow(/lower first/);
  });

  // The class of bug, not one field: a schema added later with a bare Type.Integer() fails here.
  it('every integer and number in every exported schema has both bounds, within what SQLite stores', () => {
    const unbounded: string[] = [];
    const formats = new Set<string>();
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
      if (node === null || typeof node !== 'object') return;
      const s = node as Record<string, unknown>;
      if (s.type === 'integer' || s.type === 'number') {
        const ok = typeof s.minimum === 'number' && typeof s.maximum === 'number' && Math.abs(s.minimum) <= MAX_INTEGER && Math.abs(s.maximum) <= MAX_INTEGER;
        if (!ok) unbounded.push(path);
      }
      if (typeof s.format === 'string') formats.add(s.format);
      for (const [key, value] of Object.entries(s)) walk(value, `${path}/${key}`);
    };
    let walked = 0;
    for (const [name, value] of Object.entries(schemas)) {
      if (value !== null && typeof value === 'object' && Kind in value) {
        walked++;
        walk(value as TSchema, name);
      }
    }
    expect(walked).toBeGreaterThan(40);
    expect(unbounded).toEqual([]);
    // Every format a schema names has a check both validators are given.
    expect([...formats].filter((f) => !(f in STRING_FORMATS))).toEqual([]);
  });
});
