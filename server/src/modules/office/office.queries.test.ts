// The snapshot's recentCalls: today's calls and recalls read from the log, so a wall display that
// reloads or reconnects lists the last calls again, those of tickets finished since included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { applyEvent, fromSnapshot, MAX_RECENT_CALLS, Snapshot, type RecentCall, type Ticket } from '@jiaohao/shared';
import { CALLS_SQL } from '../events/events.repo';
import type { TestApp } from '../../testing/fixtures';
import { officeWithClerkAndKiosk, send } from '../../testing/http';

let t: TestApp;
let clerk: string;
let kiosk: string;
/** A display reads the snapshot (its token does not expire with a day, as a clerk's session does). */
let display: string;

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
  display = t.deviceToken('display');
  await ok('POST', '/api/v1/counters/c2/open', clerk);
});
afterEach(() => t.close());

async function ok<T>(method: 'GET' | 'POST', url: string, token: string, body?: object): Promise<T> {
  const res = await send(t.app, method, url, token, body);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  t.clock.tick(1000);
  return res.json<T>();
}
const snapshot = () => ok<Snapshot>('GET', '/api/v1/snapshot', display);
const issue = (serviceId = 'reg', language = 'zh-TW') => ok<{ ticket: Ticket }>('POST', '/api/v1/tickets', kiosk, { serviceId, language }).then((r) => r.ticket);
const callNext = (counterId = 'c2') => ok<{ ticket: Ticket | null }>('POST', `/api/v1/counters/${counterId}/call-next`, clerk).then((r) => r.ticket!);
const lastSeq = () => t.store.events.lastSeq;

/** Issues a ticket, calls it to the counter, serves and finishes it; returns it and the seq of its call. */
async function served(serviceId = 'reg', counterId = 'c2'): Promise<{ ticket: Ticket; seq: number }> {
  await issue(serviceId);
  const ticket = await callNext(counterId);
  const seq = lastSeq();
  await ok('POST', `/api/v1/tickets/${ticket.id}/start`, clerk);
  await ok('POST', `/api/v1/tickets/${ticket.id}/finish`, clerk);
  return { ticket, seq };
}

describe('GET /api/v1/snapshot recentCalls', () => {
  it('is empty before the first call', async () => {
    await issue();
    expect((await snapshot()).recentCalls).toEqual([]);
  });

  it('lists calls and recalls newest first, those of finished tickets too, as the reducer would', async () => {
    const start = await snapshot();
    const first = await served('reg');
    await issue('cert', 'vi');
    const second = await callNext();
    const calledAt = second.calledAt;
    const callSeq = lastSeq();
    await ok('POST', `/api/v1/tickets/${second.id}/recall`, clerk);
    const recallSeq = lastSeq();
    const recallAt = new Date(t.clock.now - 1000).toISOString();

    const snap = await snapshot();
    // The first ticket is done: not in the snapshot's tickets, but still among its calls.
    expect(snap.tickets.map((x) => x.id)).not.toContain(first.ticket.id);
    expect(snap.recentCalls).toEqual<RecentCall[]>([
      { seq: recallSeq, at: recallAt, ticketId: second.id, number: second.number, serviceId: 'cert', counterId: 'c2', language: 'vi', recall: true },
      { seq: callSeq, at: calledAt!, ticketId: second.id, number: second.number, serviceId: 'cert', counterId: 'c2', language: 'vi', recall: false },
      { seq: first.seq, at: first.ticket.calledAt!, ticketId: first.ticket.id, number: first.ticket.number, serviceId: 'reg', counterId: 'c2', language: 'zh-TW', recall: false },
    ]);
    // A client that applied the events since its first snapshot lists the same.
    const applied = t.store.events.after(start.seq).reduce(applyEvent, fromSnapshot(start));
    expect(applied.stale).toBe(false);
    expect(applied.recentCalls).toEqual(snap.recentCalls);
  });

  it(`keeps the newest ${MAX_RECENT_CALLS}`, async () => {
    const calls: number[] = [];
    for (let i = 0; i < MAX_RECENT_CALLS + 3; i++) calls.push((await served()).seq);
    const snap = await snapshot();
    expect(snap.recentCalls.map((c) => c.seq)).toEqual(calls.reverse().slice(0, MAX_RECENT_CALLS));
  });

  it("holds only today's calls: none on a new day until someone is called, then only the new day's", async () => {
    await served();
    await served();
    expect((await snapshot()).recentCalls).toHaveLength(2);

    // Wednesday 09:00: nothing has happened yet today.
    t.clock.set('2026-12-02T01:00:00.000Z');
    const morning = await snapshot();
    expect(morning.businessDate).toBe('2026-12-02');
    expect(morning.recentCalls).toEqual([]);

    // Yesterday's session has ended: a clerk logs in and opens another counter.
    clerk = await t.staffToken('clerk');
    await ok('POST', '/api/v1/counters/c1/open', clerk);
    const today = await served('reg', 'c1');
    expect((await snapshot()).recentCalls.map((c) => [c.seq, c.ticketId])).toEqual([[today.seq, today.ticket.id]]);
  });

  it('is one read of the partial index on the calls, newest first, without sorting', () => {
    const plan = t.store.db.prepare(`EXPLAIN QUERY PLAN ${CALLS_SQL}`).all('2026-12-01', MAX_RECENT_CALLS) as { detail: string }[];
    const details = plan.map((p) => p.detail).join(' | ');
    expect(details).toContain('events_calls');
    expect(details).not.toMatch(/TEMP B-TREE/);
  });

  it('fits the Snapshot schema', async () => {
    await served();
    expect(Value.Check(Snapshot, await snapshot())).toBe(true);
  });
});
