import { describe, expect, it } from 'vitest';
import { estimateCall, expectedCall, type LoadCounter, type LoadLine, type LoadTicket, type OfficeLoad } from './wait-model';

const MIN = 60_000;
const NOW = Date.parse('2026-12-07T02:00:00.000Z');

const line = (over: Partial<LoadLine> = {}): LoadLine => ({
  targetWaitMinutes: 20,
  targetHandlingMinutes: 10,
  recentHandlingMinutes: [],
  noShows: 0,
  called: 0,
  recentArrivals: { normal: 0, priority: 0 },
  ...over,
});
const counter = (id: string, serviceIds: string[], over: Partial<LoadCounter> = {}): LoadCounter => ({ id, serviceIds, isPriority: false, busy: null, ...over });
let seq = 0;
const waiting = (serviceId: string, minutesAgo: number, over: Partial<LoadTicket> = {}): LoadTicket => ({
  id: `t${++seq}`,
  serviceId,
  class: 'normal',
  queuedAt: NOW - minutesAgo * MIN,
  appointmentAt: null,
  targetCounterId: null,
  ...over,
});
const load = (over: Partial<OfficeLoad>): OfficeLoad => ({ now: NOW, waiting: [], counters: [], lines: { a: line(), b: line() }, ...over });
const subject = (serviceId = 'a', cls: 'normal' | 'priority' = 'normal') => ({ serviceId, class: cls, queuedAt: NOW });
// A resident of a fresh line: the 10-minute target, ½ minute to walk up, 5% no-shows of 2 minutes.
const EACH = 0.95 * 10.5 + 0.05 * 2;

describe('estimateCall', () => {
  it('is unknown when no open counter serves the line, or only paused ones do', () => {
    expect(estimateCall(load({ counters: [counter('c1', ['b'])] }), subject())).toBeNull();
    expect(estimateCall(load({ counters: [counter('c1', ['a'], { pause: { since: NOW - MIN, reason: 'meal' } })] }), subject())).toBeNull();
    expect(estimateCall(load({ counters: [] }), subject())).toBeNull();
  });

  it('is 0–5 min at a free counter with nobody ahead', () => {
    expect(expectedCall(load({ counters: [counter('c1', ['a'])] }), subject())?.minutes).toBe(0);
    expect(estimateCall(load({ counters: [counter('c1', ['a'])] }), subject())).toEqual({ min: 0, max: 5 });
  });

  it('counts the residents of the other lines the same counters serve (one pool), not only its own line', () => {
    const counters = [counter('c1', ['a', 'b'])];
    const alone = expectedCall(load({ counters, waiting: [waiting('a', 5)] }), subject())!;
    const pooled = expectedCall(load({ counters, waiting: [waiting('a', 5), waiting('b', 5), waiting('b', 4)] }), subject())!;
    // One ahead: called when the counter has served them. Three ahead: three times that.
    expect(alone.minutes).toBeCloseTo(EACH, 1);
    expect(pooled.minutes).toBeCloseTo(3 * EACH, 1);
  });

  it('weighs waits by their line’s target as pickNext does: a shorter target goes ahead sooner', () => {
    const lines = { a: line({ targetWaitMinutes: 20 }), quick: line({ targetWaitMinutes: 10 }) };
    // The one counter frees in 10 minutes (its resident has just started; no handling times yet).
    const counters = [counter('c1', ['a', 'quick'], { busy: { serviceId: 'a', since: NOW, serving: true } })];
    // A quick-line resident who has waited 1 minute scores (1 + w) / 10, more than w / 20: ahead.
    expect(expectedCall(load({ lines, counters, waiting: [waiting('quick', 1)] }), subject('a'))!.minutes).toBeCloseTo(10 + EACH, 1);
    // An a-line resident who has waited 1 minute scores (1 + 10) / 20 when the counter frees, less
    // than a new quick-line ticket's 10 / 10: the new one goes first.
    expect(expectedCall(load({ lines, counters, waiting: [waiting('a', 1)] }), subject('quick'))!.minutes).toBeCloseTo(10, 1);
  });

  it('counts a counter free when its resident should be done, judged by the line’s recent handling times', () => {
    const lines = { a: line({ recentHandlingMinutes: [10, 10, 10, 10, 10, 10] }) };
    const busy = counter('c1', ['a'], { busy: { serviceId: 'a', since: NOW - 8 * MIN, serving: true } });
    // Served for 8 of about 10 minutes: free in about 2, and nobody else is ahead.
    expect(expectedCall(load({ lines, counters: [busy] }), subject())!.minutes).toBeCloseTo(2, 0);
    expect(estimateCall(load({ lines, counters: [busy] }), subject())).toEqual({ min: 0, max: 5 });
  });

  it('counts a paused counter back in when its break should be over', () => {
    const open = counter('c1', ['a'], { busy: { serviceId: 'a', since: NOW, serving: true } });
    const meal = counter('c2', ['a'], { pause: { since: NOW - 40 * MIN, reason: 'meal' } });
    const ahead = [waiting('a', 10), waiting('a', 9), waiting('a', 8)];
    const without = expectedCall(load({ counters: [open], waiting: ahead }), subject())!.minutes;
    const withBreak = expectedCall(load({ counters: [open, meal], waiting: ahead }), subject())!.minutes;
    expect(withBreak).toBeLessThan(without);
    // A pause of hours is not counted on.
    const gone = counter('c2', ['a'], { pause: { since: NOW - 180 * MIN, reason: 'meal' } });
    expect(expectedCall(load({ counters: [open, gone], waiting: ahead }), subject())!.minutes).toBeCloseTo(without, 5);
  });

  it('puts waiting and expected priority tickets ahead of an ordinary one, and an ordinary one behind a priority one', () => {
    const counters = [counter('c1', ['a'])];
    const prio = [waiting('a', 1, { class: 'priority' })];
    expect(expectedCall(load({ counters, waiting: prio }), subject('a', 'normal'))!.minutes).toBeCloseTo(EACH, 1);
    // A new priority ticket goes before ordinary residents who have waited longer.
    expect(expectedCall(load({ counters, waiting: [waiting('a', 15), waiting('a', 12)] }), subject('a', 'priority'))!.minutes).toBe(0);
    // Priority residents keep coming (one in the last half hour): they add to the wait of an ordinary ticket.
    const lines = { a: line({ recentArrivals: { normal: 0, priority: 1 } }) };
    const later = expectedCall(load({ lines, counters, waiting: [waiting('a', 3)] }), subject())!.minutes;
    expect(later).toBeGreaterThan(EACH + 1);
    // More of them than the counter can serve: no time can be promised.
    const flood = { a: line({ recentArrivals: { normal: 0, priority: 6 } }) };
    expect(estimateCall(load({ lines: flood, counters, waiting: [waiting('a', 3)] }), subject())).toBeNull();
  });

  it('gives a range that widens with the wait, in 5-minute steps, and holds the expected call', () => {
    const counters = [counter('c1', ['a']), counter('c2', ['a'])];
    let previous = 0;
    for (const n of [2, 6, 12, 24]) {
      const ahead = Array.from({ length: n }, (_, i) => waiting('a', n - i));
      const e = estimateCall(load({ counters, waiting: ahead }), subject())!;
      const point = expectedCall(load({ counters, waiting: ahead }), subject())!.minutes;
      expect(e.min % 5).toBe(0);
      expect(e.max % 5).toBe(0);
      expect(e.min).toBeLessThanOrEqual(point);
      expect(e.max).toBeGreaterThanOrEqual(point);
      expect(e.max - e.min).toBeGreaterThanOrEqual(previous);
      previous = e.max - e.min;
    }
  });
});
