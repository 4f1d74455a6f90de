import { Value } from '@sinclair/typebox/value';
import { describe, expect, it, vi } from 'vitest';
import { NumberRange, Service } from './domain.schemas';
import {
  allocateNumber,
  formatNumber,
  rangeOf,
  rangeSize,
  rangesOverlap,
  seriesFor,
  servicesOverlap,
  validateRanges,
  type Allocation,
  type SeriesPosition,
} from './numbering';
import { range, service } from './testing/builders';

const start: SeriesPosition = { last: null, cycle: 0 };
const heldIn =
  (...values: number[]) =>
  (v: number) =>
    values.includes(v);

function ok(a: Allocation): { value: number; cycle: number; number: string } {
  if (!a.ok) throw new Error(`expected a number, got ${a.code}`);
  return { value: a.value, cycle: a.cycle, number: a.number };
}

describe('builders', () => {
  it('produce schema-valid ranges and services', () => {
    expect(Value.Check(NumberRange, range())).toBe(true);
    expect(Value.Check(NumberRange, range({ prefix: 'P', start: 1, end: 99, digits: 2, onExhausted: 'wrap' }))).toBe(true);
    expect(Value.Check(Service, service({ priorityNumbering: range({ prefix: 'P' }) }))).toBe(true);
    // The check can fail: a lower-case prefix is not a valid range.
    expect(Value.Check(NumberRange, range({ prefix: 'p' }))).toBe(false);
  });
});

describe('formatNumber', () => {
  it('pads to the number of digits', () => {
    expect(formatNumber({ digits: 4, prefix: '' }, 1)).toBe('0001');
    expect(formatNumber({ digits: 4, prefix: '' }, 23)).toBe('0023');
    expect(formatNumber({ digits: 4, prefix: '' }, 1023)).toBe('1023');
    expect(formatNumber({ digits: 3, prefix: '' }, 0)).toBe('000');
    expect(formatNumber({ digits: 1, prefix: '' }, 7)).toBe('7');
  });

  it('puts the prefix in front of the padded number', () => {
    expect(formatNumber({ digits: 3, prefix: 'A' }, 7)).toBe('A007');
    expect(formatNumber({ digits: 4, prefix: 'PR' }, 1001)).toBe('PR1001');
  });

  it('never cuts a number longer than the digits', () => {
    expect(formatNumber({ digits: 2, prefix: '' }, 12345)).toBe('12345');
  });
});

describe('rangeSize', () => {
  it('counts both ends', () => {
    expect(rangeSize(range())).toBe(999);
    expect(rangeSize(range({ start: 5, end: 5 }))).toBe(1);
    expect(rangeSize(range({ start: 0, end: 9999 }))).toBe(10_000);
  });
});

describe('allocateNumber', () => {
  it('gives the first number of the range when nothing was given out today', () => {
    expect(ok(allocateNumber(range(), start))).toEqual({ value: 1001, cycle: 0, number: '1001' });
  });

  it('formats with the range prefix and digits', () => {
    expect(ok(allocateNumber(range({ start: 1, end: 999, digits: 3, prefix: 'P' }), start))).toEqual({
      value: 1,
      cycle: 0,
      number: 'P001',
    });
  });

  it('gives numbers one after the other', () => {
    const r = range();
    let position: SeriesPosition = start;
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const a = ok(allocateNumber(r, position));
      numbers.push(a.number);
      position = { last: a.value, cycle: a.cycle };
    }
    expect(numbers).toEqual(['1001', '1002', '1003', '1004', '1005']);
  });

  it('continues from the last number given', () => {
    expect(ok(allocateNumber(range(), { last: 1022, cycle: 0 }))).toEqual({ value: 1023, cycle: 0, number: '1023' });
  });

  it('starts a range moved up during the day from its own first number', () => {
    // The admin changed 1001–1999 to 2001–2999 after 1005 was given: the next is 2001, not 1006.
    expect(ok(allocateNumber(range({ start: 2001, end: 2999 }), { last: 1005, cycle: 0 }))).toEqual({
      value: 2001,
      cycle: 0,
      number: '2001',
    });
  });

  it('refuses, rather than going outside, a range moved below the last number', () => {
    expect(allocateNumber(range({ start: 1001, end: 1400 }), { last: 1500, cycle: 0 })).toEqual({ ok: false, code: 'range_exhausted' });
  });

  it('gives the last number of the range', () => {
    expect(ok(allocateNumber(range(), { last: 1998, cycle: 0 })).value).toBe(1999);
  });

  it('does not ask about held numbers before the first wrap', () => {
    const isHeld = vi.fn((_value: number) => true);
    expect(ok(allocateNumber(range({ onExhausted: 'wrap' }), { last: 1500, cycle: 0 }, isHeld)).value).toBe(1501);
    expect(isHeld).not.toHaveBeenCalled();
  });

  describe("onExhausted: 'refuse'", () => {
    it('refuses once the range is used up', () => {
      expect(allocateNumber(range(), { last: 1999, cycle: 0 })).toEqual({ ok: false, code: 'range_exhausted' });
    });

    it('refuses a one-number range after its number', () => {
      const r = range({ start: 5, end: 5, digits: 1 });
      expect(ok(allocateNumber(r, start)).value).toBe(5);
      expect(allocateNumber(r, { last: 5, cycle: 0 })).toEqual({ ok: false, code: 'range_exhausted' });
    });

    it('uses up exactly the size of the range', () => {
      const r = range({ start: 1, end: 20, digits: 2 });
      let position: SeriesPosition = start;
      let given = 0;
      // Bounded, so that a series that never refuses fails here instead of hanging.
      for (let i = 0; i < 100; i++) {
        const a = allocateNumber(r, position);
        if (!a.ok) break;
        given++;
        position = { last: a.value, cycle: a.cycle };
      }
      expect(given).toBe(20);
      expect(position).toEqual({ last: 20, cycle: 0 });
    });
  });

  describe("onExhausted: 'wrap'", () => {
    const wrap = range({ start: 1001, end: 1005, onExhausted: 'wrap' });

    it('starts again at the start and counts the cycle', () => {
      expect(ok(allocateNumber(wrap, { last: 1005, cycle: 0 }))).toEqual({ value: 1001, cycle: 1, number: '1001' });
    });

    it('counts every further wrap', () => {
      expect(ok(allocateNumber(wrap, { last: 1005, cycle: 3 })).cycle).toBe(4);
    });

    it('skips numbers still held by active tickets after a wrap', () => {
      expect(ok(allocateNumber(wrap, { last: 1005, cycle: 0 }, heldIn(1001, 1002)))).toEqual({
        value: 1003,
        cycle: 1,
        number: '1003',
      });
    });

    it('keeps skipping held numbers in a wrapped series', () => {
      expect(ok(allocateNumber(wrap, { last: 1001, cycle: 1 }, heldIn(1002, 1003)))).toEqual({
        value: 1004,
        cycle: 1,
        number: '1004',
      });
    });

    it('asks about each number it considers, in order', () => {
      const isHeld = vi.fn(heldIn(1001, 1002));
      allocateNumber(wrap, { last: 1005, cycle: 0 }, isHeld);
      expect(isHeld.mock.calls.map((c) => c[0])).toEqual([1001, 1002, 1003]);
    });

    it('wraps a second time past held numbers at the end of the range', () => {
      expect(ok(allocateNumber(wrap, { last: 1003, cycle: 1 }, heldIn(1004, 1005, 1001)))).toEqual({
        value: 1002,
        cycle: 2,
        number: '1002',
      });
    });

    it('finds the only free number even when it is the last one given', () => {
      // Everything is held except 1003, which the series gave out last (its ticket has ended).
      expect(ok(allocateNumber(wrap, { last: 1003, cycle: 1 }, heldIn(1001, 1002, 1004, 1005))).value).toBe(1003);
    });

    it('reports range_exhausted when every number is held', () => {
      const isHeld = vi.fn((_value: number) => true);
      expect(allocateNumber(wrap, { last: 1005, cycle: 0 }, isHeld)).toEqual({ ok: false, code: 'range_exhausted' });
      // Each number of the range is tried once, no more.
      expect(isHeld).toHaveBeenCalledTimes(5);
      expect(new Set(isHeld.mock.calls.map((c) => c[0]))).toEqual(new Set([1001, 1002, 1003, 1004, 1005]));
    });

    it('reports range_exhausted mid-series when every number is held', () => {
      expect(allocateNumber(wrap, { last: 1002, cycle: 2 }, () => true)).toEqual({ ok: false, code: 'range_exhausted' });
    });

    it('a one-number range wraps onto itself when it is free', () => {
      const one = range({ start: 7, end: 7, digits: 1, onExhausted: 'wrap' });
      expect(ok(allocateNumber(one, { last: 7, cycle: 0 }))).toEqual({ value: 7, cycle: 1, number: '7' });
      expect(allocateNumber(one, { last: 7, cycle: 1 }, heldIn(7))).toEqual({ ok: false, code: 'range_exhausted' });
    });

    it('never gives a number that is held, whatever is held', () => {
      const r = range({ start: 1, end: 8, digits: 1, onExhausted: 'wrap' });
      for (let mask = 0; mask < 1 << 8; mask++) {
        const held = (v: number) => (mask & (1 << (v - 1))) !== 0;
        for (let last = 1; last <= 8; last++) {
          const a = allocateNumber(r, { last, cycle: 1 }, held);
          if (mask === 0xff) {
            expect(a.ok).toBe(false);
          } else {
            const got = ok(a);
            expect(held(got.value)).toBe(false);
            expect(got.value).toBeGreaterThanOrEqual(1);
            expect(got.value).toBeLessThanOrEqual(8);
            // The first free number after `last`, going round the range.
            let expected = last;
            do expected = (expected % 8) + 1;
            while (held(expected));
            expect(got.value).toBe(expected);
            expect(got.cycle).toBe(expected > last ? 1 : 2);
          }
        }
      }
    });
  });
});

describe('seriesFor', () => {
  const plain = service();
  const both = service({ priorityNumbering: range({ prefix: 'P' }), appointmentNumbering: range({ prefix: 'R' }) });

  it('normal tickets always draw from the normal series', () => {
    expect(seriesFor(plain, 'normal')).toBe('normal');
    expect(seriesFor(both, 'normal')).toBe('normal');
  });

  it('priority and appointment tickets use their own series when the service has one', () => {
    expect(seriesFor(both, 'priority')).toBe('priority');
    expect(seriesFor(both, 'appointment')).toBe('appointment');
  });

  it('falls back to the normal series otherwise', () => {
    expect(seriesFor(plain, 'priority')).toBe('normal');
    expect(seriesFor(plain, 'appointment')).toBe('normal');
  });

  it("does not borrow the other class's series", () => {
    expect(seriesFor(service({ appointmentNumbering: range({ prefix: 'R' }) }), 'priority')).toBe('normal');
    expect(seriesFor(service({ priorityNumbering: range({ prefix: 'P' }) }), 'appointment')).toBe('normal');
  });
});

describe('rangeOf', () => {
  const normal = range();
  const priority = range({ prefix: 'P' });
  const appointment = range({ prefix: 'R' });

  it('gives the range of each series', () => {
    const s = service({ numbering: normal, priorityNumbering: priority, appointmentNumbering: appointment });
    expect(rangeOf(s, 'normal')).toBe(normal);
    expect(rangeOf(s, 'priority')).toBe(priority);
    expect(rangeOf(s, 'appointment')).toBe(appointment);
  });

  it('falls back to the normal range when a series has none', () => {
    const s = service({ numbering: normal });
    expect(rangeOf(s, 'priority')).toBe(normal);
    expect(rangeOf(s, 'appointment')).toBe(normal);
  });

  it('agrees with seriesFor', () => {
    const s = service({ numbering: normal, priorityNumbering: priority });
    expect(rangeOf(s, seriesFor(s, 'priority'))).toBe(priority);
    expect(rangeOf(s, seriesFor(s, 'appointment'))).toBe(normal);
  });
});

describe('validateRanges', () => {
  it('accepts a plain service', () => {
    expect(validateRanges(service())).toBeNull();
  });

  it('accepts separate series with different values', () => {
    expect(
      validateRanges(
        service({
          numbering: range({ start: 1001, end: 1999 }),
          priorityNumbering: range({ start: 2001, end: 2999 }),
          appointmentNumbering: range({ start: 3001, end: 3999 }),
        }),
      ),
    ).toBeNull();
  });

  it('accepts ranges that touch without sharing a value', () => {
    expect(
      validateRanges(service({ numbering: range({ start: 1, end: 999 }), priorityNumbering: range({ start: 1000, end: 1999 }) })),
    ).toBeNull();
  });

  it('accepts the same values behind different prefixes', () => {
    expect(validateRanges(service({ numbering: range(), priorityNumbering: range({ prefix: 'P' }) }))).toBeNull();
  });

  it('accepts a one-number range and an end that fills the digits exactly', () => {
    expect(validateRanges(service({ numbering: range({ start: 9999, end: 9999, digits: 4 }) }))).toBeNull();
  });

  it('finds an end before the start', () => {
    expect(validateRanges(service({ numbering: range({ start: 1999, end: 1001 }) }))).toBe('end_before_start');
    expect(validateRanges(service({ appointmentNumbering: range({ start: 10, end: 9, prefix: 'R' }) }))).toBe('end_before_start');
  });

  it('finds an end with more digits than shown', () => {
    expect(validateRanges(service({ numbering: range({ start: 1, end: 10000, digits: 4 }) }))).toBe('too_many_digits');
    expect(validateRanges(service({ priorityNumbering: range({ start: 1, end: 100, digits: 2, prefix: 'P' }) }))).toBe(
      'too_many_digits',
    );
  });

  it('finds overlapping series with the same prefix', () => {
    expect(
      validateRanges(service({ numbering: range({ start: 1001, end: 1999 }), priorityNumbering: range({ start: 1500, end: 2500 }) })),
    ).toBe('ranges_overlap');
    expect(
      validateRanges(
        service({ priorityNumbering: range({ start: 5001, end: 5999 }), appointmentNumbering: range({ start: 5999, end: 6999 }) }),
      ),
    ).toBe('ranges_overlap');
    // One range inside another.
    expect(
      validateRanges(service({ numbering: range({ start: 1001, end: 1999 }), appointmentNumbering: range({ start: 1200, end: 1300 }) })),
    ).toBe('ranges_overlap');
  });

  it('checks each range before comparing them', () => {
    expect(
      validateRanges(service({ numbering: range({ start: 1001, end: 1999 }), priorityNumbering: range({ start: 1999, end: 1001 }) })),
    ).toBe('end_before_start');
  });
});

describe('rangesOverlap / servicesOverlap', () => {
  it('ranges overlap when they share a value under the same prefix', () => {
    expect(rangesOverlap(range({ start: 1001, end: 1999 }), range({ start: 1999, end: 2999 }))).toBe(true);
    expect(rangesOverlap(range({ start: 1001, end: 1999 }), range({ start: 2000, end: 2999 }))).toBe(false);
    expect(rangesOverlap(range({ start: 1, end: 99, prefix: 'A' }), range({ start: 1, end: 99, prefix: 'B' }))).toBe(false);
  });

  it('services overlap when any of their ranges do', () => {
    const a = service({ numbering: range({ start: 1001, end: 1899 }), priorityNumbering: range({ start: 1901, end: 1999 }) });
    const b = service({ numbering: range({ start: 2001, end: 2899 }), priorityNumbering: null });
    expect(servicesOverlap(a, b)).toBe(false);
    expect(servicesOverlap(a, { ...b, priorityNumbering: range({ start: 1950, end: 1960 }) })).toBe(true);
  });
});
