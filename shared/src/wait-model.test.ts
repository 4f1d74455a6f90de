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

  it('is 0–2 min at a free counter with nobody ahead', () => {
    expect(expectedCall(load({ counters: [counter('c1', ['a'])] }), subject())?.minutes).toBe(0);
    expect(estimateCall(load({ counters: [counter('c1', ['a'])] }), subject())).toEqual({ min: 0, max: 2 });
  });

  it('estimates a booking checked in before its slot at the slot, not behind the walk-in line (the issue answer)', () => {
    const counters = [counter('c1', ['a'])];
    const ahead = Array.from({ length: 6 }, (_, i) => waiting('a', 20 - i));
    const walkIn = expectedCall(load({ counters, waiting: ahead }), subject())!;
    const booked = expectedCall(load({ counters, waiting: ahead }), { serviceId: 'a', class: 'appointment', queuedAt: NOW, appointmentAt: NOW + 20 * MIN })!;
    // Due 5 minutes before its slot (DEFAULT_POLICY): the counter's next call after minute 15.
    expect(walkIn.minutes).toBeGreaterThan(50);
    expect(booked.minutes).toBeGreaterThanOrEqual(15);
    expect(booked.minutes).toBeLessThan(15 + EACH + 1);
  });

  it('counts the residents of the other lines the same counters serve, not only its own line', () => {
    const counters = [counter('c1', ['a', 'b'])];
    const alone = expectedCall(load({ counters, waiting: [waiting('a', 5)] }), subject())!;
    const pooled = expectedCall(load({ counters, waiting: [waiting('a', 5), waiting('b', 5), waiting('b', 4)] }), subject())!;
    // One ahead: called when the counter has served them. Three ahead: three times that.
    expect(alone.minutes).toBeCloseTo(EACH, 1);
    expect(pooled.minutes).toBeCloseTo(3 * EACH, 1);
  });

  it('leaves to a counter that serves only other lines the residents it takes', () => {
    // c2 serves only b: of the three b residents ahead it takes one at once, c1 the other two.
    const counters = [counter('c1', ['a', 'b']), counter('c2', ['b'])];
    const ahead = [waiting('b', 10), waiting('b', 9), waiting('b', 8)];
    expect(expectedCall(load({ counters, waiting: ahead }), subject())!.minutes).toBeCloseTo(2 * EACH, 1);
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
    expect(estimateCall(load({ lines, counters: [busy] }), subject())).toEqual({ min: 1, max: 4 });
  });

  it('takes the first counter to free as random: sooner than the soonest expected one', () => {
    // Two residents 5 minutes into cases of 6 to 20 minutes: each is expected to take 7 more,
    // but the first of the two to finish comes sooner than that.
    const lines = { a: line({ recentHandlingMinutes: [6, 7, 8, 9, 10, 12, 14, 16, 18, 20] }) };
    const busy = (id: string) => counter(id, ['a'], { busy: { serviceId: 'a', since: NOW - 5 * MIN, serving: true } });
    const one = expectedCall(load({ lines, counters: [busy('c1')] }), subject())!.minutes;
    const two = expectedCall(load({ lines, counters: [busy('c1'), busy('c2')] }), subject())!.minutes;
    expect(one).toBeCloseTo(7, 1);
    expect(two).toBeLessThan(one - 2);
  });

  it('expects the later calls of several counters a little sooner than a replay of mean times', () => {
    // Ten ahead at two free counters: each serves five, the subject is the 11th call. By mean times
    // that is at 5 × EACH; whichever counter drew the shorter cases frees first.
    const ten = Array.from({ length: 10 }, (_, i) => waiting('a', 10 - i));
    const two = expectedCall(load({ counters: [counter('c1', ['a']), counter('c2', ['a'])], waiting: ten }), subject())!.minutes;
    expect(two).toBeLessThan(5 * EACH);
    expect(two).toBeGreaterThan(5 * EACH - 1.5);
    // One counter: the replay is exact.
    expect(expectedCall(load({ counters: [counter('c1', ['a'])], waiting: ten }), subject())!.minutes).toBeCloseTo(10 * EACH, 5);
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

  it('puts waiting and expected priority tickets ahead of an ordinary one, and calls a priority one as pickNext does', () => {
    const counters = [counter('c1', ['a'])];
    const prio = [waiting('a', 1, { class: 'priority' })];
    expect(expectedCall(load({ counters, waiting: prio }), subject('a', 'normal'))!.minutes).toBeCloseTo(EACH, 1);
    // A new priority ticket goes before ordinary residents who have waited longer: at once at a
    // priority counter, or at an ordinary one on its every-3rd call; otherwise once it has waited
    // the policy's 10 minutes (here: after the counter's next resident).
    const longer = [waiting('a', 15), waiting('a', 12)];
    expect(expectedCall(load({ counters: [counter('c1', ['a'], { isPriority: true })], waiting: longer }), subject('a', 'priority'))!.minutes).toBe(0);
    expect(expectedCall(load({ counters: [counter('c1', ['a'], { callsSincePriority: 2 })], waiting: longer }), subject('a', 'priority'))!.minutes).toBe(0);
    expect(expectedCall(load({ counters, waiting: longer }), subject('a', 'priority'))!.minutes).toBeCloseTo(EACH, 1);
    // Priority residents keep coming (three in the last hour, one every 20 minutes): the one due in
    // 10 minutes takes the counter's every-3rd call, ahead of an ordinary ticket with two ahead of it.
    const lines = { a: line({ recentArrivals: { normal: 0, priority: 3 } }) };
    const two = [waiting('a', 3), waiting('a', 2)];
    expect(expectedCall(load({ counters, waiting: two }), subject())!.minutes).toBeCloseTo(2 * EACH, 1);
    expect(expectedCall(load({ lines, counters, waiting: two }), subject())!.minutes).toBeCloseTo(3 * EACH, 1);
    // More of them than the counter can serve: no time can be promised.
    const flood = { a: line({ recentArrivals: { normal: 0, priority: 12 } }) };
    expect(estimateCall(load({ lines: flood, counters, waiting: two }), subject())).toBeNull();
  });

  it('reads the arrival rate over the office, shared out by each line’s tickets today', () => {
    const quick = (today: number) => ({
      a: line({ targetWaitMinutes: 20 }),
      quick: line({ targetWaitMinutes: 10, recentArrivals: { normal: 0, priority: 0 }, todayArrivals: { normal: today, priority: 0 } }),
      busy: line({ recentArrivals: { normal: 30, priority: 0 }, todayArrivals: { normal: 60, priority: 0 } }),
    });
    const counters = [counter('c1', ['a', 'quick', 'busy'])];
    const ahead = [waiting('a', 5), waiting('a', 4)];
    // No quick-line resident came in the last hour, but they were a third of the day's: some will
    // come in later and go ahead; none when the day has had none.
    const none = expectedCall(load({ lines: quick(0), counters, waiting: ahead }), subject())!.minutes;
    const some = expectedCall(load({ lines: quick(30), counters, waiting: ahead }), subject())!.minutes;
    expect(none).toBeCloseTo(2 * EACH, 1);
    expect(some).toBeGreaterThan(none + EACH / 2);
  });

  it('gives a range that widens with the wait, in whole minutes below 20 and 5-minute steps from it, and holds the expected call', () => {
    const counters = [counter('c1', ['a']), counter('c2', ['a'])];
    let previous = 0;
    for (const n of [2, 6, 12, 24]) {
      const ahead = Array.from({ length: n }, (_, i) => waiting('a', n - i));
      const e = estimateCall(load({ counters, waiting: ahead }), subject())!;
      const point = expectedCall(load({ counters, waiting: ahead }), subject())!.minutes;
      for (const edge of [e.min, e.max]) expect(Number.isInteger(edge) && (edge < 20 || edge % 5 === 0)).toBe(true);
      expect(e.min).toBeLessThanOrEqual(point);
      expect(e.max).toBeGreaterThanOrEqual(point);
      expect(e.max - e.min).toBeGreaterThanOrEqual(previous);
      previous = e.max - e.min;
    }
  });
});
