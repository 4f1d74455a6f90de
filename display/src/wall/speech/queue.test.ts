import { describe, expect, it } from 'vitest';
import type { RecentCall } from '@jiaohao/shared/schemas';
import { EMPTY_QUEUE, FRESH_MS, MAX_PENDING, dropPending, observeCalls, takeNext, type CallQueue } from './queue';

const T = Date.parse('2026-12-02T01:00:00.000Z');
const call = (seq: number, number: string, msAgo = 0, over: Partial<RecentCall> = {}): RecentCall => ({
  seq,
  at: new Date(T - msAgo).toISOString(),
  ticketId: `t${number}`,
  number,
  serviceId: 'household',
  counterId: 'c1',
  language: 'zh-TW',
  recall: false,
  ...over,
});
/** A display that has seen the office at seq 9 (its first snapshot): what comes after is new. */
const SEEN = observeCalls(EMPTY_QUEUE, [], 9, T);
const numbers = (q: CallQueue) => q.pending.map((j) => j.number);
/** The calls spoken, in order, draining the queue. */
function drain(q: CallQueue): string[] {
  const out: string[] = [];
  for (let [job, rest] = takeNext(q); job; [job, rest] = takeNext(rest)) out.push(job.number);
  return out;
}

describe('the announcement queue', () => {
  it('speaks calls that arrive together in the order they were made, whatever order they come in', () => {
    const q = observeCalls(SEEN, [call(12, '1003'), call(10, '1001'), call(11, '1002')], 12, T);
    expect(drain(q)).toEqual(['1001', '1002', '1003']);
  });

  it('never speaks a call twice: the same calls offered again (a snapshot after a reconnect) add nothing', () => {
    let q = observeCalls(SEEN, [call(10, '1001')], 10, T);
    const [first, rest] = takeNext(q);
    expect(first?.number).toBe('1001');
    q = observeCalls(rest, [call(10, '1001')], 10, T + 1000);
    expect(q.pending).toEqual([]);
    // And while still waiting to be spoken, offering it again does not queue it twice.
    let waiting = observeCalls(SEEN, [call(10, '1001')], 10, T);
    waiting = observeCalls(waiting, [call(11, '1002'), call(10, '1001')], 11, T);
    expect(numbers(waiting)).toEqual(['1001', '1002']);
  });

  it('speaks a recall again: it is an event of its own', () => {
    let q = observeCalls(SEEN, [call(10, '1001')], 10, T);
    q = takeNext(q)[1];
    q = observeCalls(q, [call(14, '1001', -30_000, { recall: true }), call(10, '1001')], 14, T + 30_000);
    expect(q.pending).toEqual([expect.objectContaining({ number: '1001', recall: true, seq: 14 })]);
  });

  it('lists but does not speak the calls of the first state it sees, however fresh: a reload never says a call twice', () => {
    const first = observeCalls(EMPTY_QUEUE, [call(12, '1003'), call(11, '1002', 2_000)], 12, T);
    expect(first.pending).toEqual([]);
    expect(first.heard).toBe(12);
    // The next call after it is said.
    expect(numbers(observeCalls(first, [call(13, '1004'), call(12, '1003')], 13, T))).toEqual(['1004']);
  });

  it('lists but does not speak calls older than a few seconds when first seen (calls missed offline)', () => {
    const q = observeCalls(SEEN, [call(12, '1003', 1_000), call(11, '1002', FRESH_MS + 1), call(10, '1001', 600_000)], 12, T);
    expect(numbers(q)).toEqual(['1003']);
    expect(q.heard).toBe(12);
    // Heard, so not spoken later either.
    expect(observeCalls(takeNext(q)[1], [call(11, '1002')], 12, T).pending).toEqual([]);
  });

  it('judges freshness by the server clock it is given, not by when the event reached the display', () => {
    // The event says 01:00:00; the display, 3 s behind, offers it at what the server calls 01:00:02.
    expect(numbers(observeCalls(SEEN, [call(10, '1001')], 10, T + 2_000))).toEqual(['1001']);
  });

  it('starts over when the office seq goes back (a new database), instead of never speaking again', () => {
    let q = observeCalls(SEEN, [call(500, '1009')], 500, T);
    q = takeNext(q)[1];
    q = observeCalls(q, [call(3, '1001')], 3, T);
    expect(numbers(q)).toEqual(['1001']);
  });

  it('keeps a backlog to its newest calls, and drops what waits when sound cannot play, remembering it was heard', () => {
    const many = Array.from({ length: MAX_PENDING + 5 }, (_, i) => call(i + 10, String(1001 + i)));
    const q = observeCalls(SEEN, many, many.length + 9, T);
    expect(q.pending).toHaveLength(MAX_PENDING);
    expect(q.pending[0]?.number).toBe(String(1001 + 5));
    const dropped = dropPending(q);
    expect(dropped.pending).toEqual([]);
    expect(observeCalls(dropped, many, many.length + 9, T).pending).toEqual([]);
  });
});
