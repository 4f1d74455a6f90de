import { describe, expect, it } from 'vitest';
import { estimateWait, rollingHandlingMinutes, type EstimateInput } from './estimate';

const MIN = 60_000;
const input = (over: Partial<EstimateInput> = {}): EstimateInput => ({ ahead: 4, openCounters: 1, handlingMinutes: 10, ...over });

describe('estimateWait', () => {
  it('is unknown (null) when no open counter serves the line', () => {
    expect(estimateWait(input({ openCounters: 0 }))).toBeNull();
    expect(estimateWait(input({ openCounters: -1 }))).toBeNull();
    expect(estimateWait(input({ openCounters: 0, ahead: 0 }))).toBeNull();
  });

  it('is unknown without a usable handling time', () => {
    expect(estimateWait(input({ handlingMinutes: 0 }))).toBeNull();
    expect(estimateWait(input({ handlingMinutes: -3 }))).toBeNull();
    expect(estimateWait(input({ handlingMinutes: Number.NaN }))).toBeNull();
    expect(estimateWait(input({ handlingMinutes: Number.POSITIVE_INFINITY }))).toBeNull();
  });

  it('is 0–5 min with nobody ahead', () => {
    expect(estimateWait(input({ ahead: 0 }))).toEqual({ min: 0, max: 5 });
    expect(estimateWait(input({ ahead: 0, openCounters: 3, handlingMinutes: 40 }))).toEqual({ min: 0, max: 5 });
  });

  it('treats a negative count as nobody ahead, never a negative wait', () => {
    expect(estimateWait(input({ ahead: -1 }))).toEqual({ min: 0, max: 5 });
  });

  it('spreads the expected wait ±20% and rounds outwards to 5 minutes', () => {
    // 3 ahead × 10 min / 2 counters = 15 min → 12 … 18 → 10–20.
    expect(estimateWait({ ahead: 3, openCounters: 2, handlingMinutes: 10 })).toEqual({ min: 10, max: 20 });
    // 4 × 10 / 1 = 40 → 32 … 48 → 30–50.
    expect(estimateWait({ ahead: 4, openCounters: 1, handlingMinutes: 10 })).toEqual({ min: 30, max: 50 });
    // 5 × 5 / 1 = 25 → 20 … 30 → 20–30 (already on a step).
    expect(estimateWait({ ahead: 5, openCounters: 1, handlingMinutes: 5 })).toEqual({ min: 20, max: 30 });
    // 1 × 7.5 / 1 = 7.5 → 6 … 9 → 5–10.
    expect(estimateWait({ ahead: 1, openCounters: 1, handlingMinutes: 7.5 })).toEqual({ min: 5, max: 10 });
  });

  it('never gives an empty range for a short wait', () => {
    // 1 × 1 / 4 = 0.25 min → 0 … 0.3 → at least a 5-minute range.
    expect(estimateWait({ ahead: 1, openCounters: 4, handlingMinutes: 1 })).toEqual({ min: 0, max: 5 });
  });

  it('gives whole 5-minute ranges, min below max, around the expected wait', () => {
    for (let ahead = 0; ahead <= 40; ahead += 3) {
      for (let openCounters = 1; openCounters <= 6; openCounters++) {
        for (const handlingMinutes of [1, 2.5, 6, 10, 17, 45]) {
          const e = estimateWait({ ahead, openCounters, handlingMinutes });
          expect(e).not.toBeNull();
          expect(e!.min % 5).toBe(0);
          expect(e!.max % 5).toBe(0);
          expect(e!.min).toBeGreaterThanOrEqual(0);
          expect(e!.max).toBeGreaterThan(e!.min);
          const expected = (ahead * handlingMinutes) / openCounters;
          expect(e!.min).toBeLessThanOrEqual(expected);
          expect(e!.max).toBeGreaterThanOrEqual(expected);
        }
      }
    }
  });

  it('more open counters → a shorter wait', () => {
    const one = estimateWait({ ahead: 10, openCounters: 1, handlingMinutes: 6 });
    const two = estimateWait({ ahead: 10, openCounters: 2, handlingMinutes: 6 });
    const three = estimateWait({ ahead: 10, openCounters: 3, handlingMinutes: 6 });
    expect(one).toEqual({ min: 45, max: 75 });
    expect(two).toEqual({ min: 20, max: 40 });
    expect(three).toEqual({ min: 15, max: 25 });
  });

  it('never grows when a counter opens, nor shrinks when someone joins the line', () => {
    for (let ahead = 1; ahead <= 30; ahead++) {
      for (let openCounters = 1; openCounters <= 5; openCounters++) {
        const e = estimateWait({ ahead, openCounters, handlingMinutes: 8 })!;
        const moreCounters = estimateWait({ ahead, openCounters: openCounters + 1, handlingMinutes: 8 })!;
        const moreAhead = estimateWait({ ahead: ahead + 1, openCounters, handlingMinutes: 8 })!;
        expect(moreCounters.min).toBeLessThanOrEqual(e.min);
        expect(moreCounters.max).toBeLessThanOrEqual(e.max);
        expect(moreAhead.min).toBeGreaterThanOrEqual(e.min);
        expect(moreAhead.max).toBeGreaterThanOrEqual(e.max);
      }
    }
  });
});

describe('rollingHandlingMinutes', () => {
  it('falls back to the target with no durations', () => {
    expect(rollingHandlingMinutes([], 12)).toBe(12);
  });

  it('is the mean of the durations, in minutes', () => {
    expect(rollingHandlingMinutes([5 * MIN, 7 * MIN], 20)).toBe(6);
    expect(rollingHandlingMinutes([3 * MIN, 4 * MIN, 11 * MIN], 20)).toBe(6);
    expect(rollingHandlingMinutes([90_000], 20)).toBe(1.5);
  });

  it('ignores durations that are zero, negative or not finite', () => {
    expect(rollingHandlingMinutes([0, -MIN, Number.NaN, Number.POSITIVE_INFINITY, 8 * MIN], 20)).toBe(8);
  });

  it('falls back to the target when no duration is usable', () => {
    expect(rollingHandlingMinutes([0, -5, Number.NaN], 9)).toBe(9);
  });

  it('never goes below one minute', () => {
    expect(rollingHandlingMinutes([1_000, 2_000, 3_000], 20)).toBe(1);
    expect(rollingHandlingMinutes([30_000], 20)).toBe(1);
  });
});
