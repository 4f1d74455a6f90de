// The supervisor's audit trail of a day: a morning at the office built by hand (calls in turn and
// out of turn, a no-show, a requeue, a transfer, a priority call, cancels by a clerk and by the
// resident, a plain recall), then what GET /audit/trail lists of it, for which date, and to whom.
import { Value } from '@sinclair/typebox/value';
import { AuditTrailDay, type AuditEntry } from '@jiaohao/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/fixtures';
import { errorCode, send } from '../../testing/http';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

interface Issued {
  id: string;
  number: string;
  trackingToken: string;
}

async function post<T = { ticket: Issued }>(url: string, token: string | undefined, body?: object): Promise<T> {
  const res = await send(t.app, 'POST', url, token, body);
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json<T>();
}

async function trail(token: string, query = ''): Promise<{ businessDate: string; entries: AuditEntry[] }> {
  const res = await send(t.app, 'GET', `/api/v1/audit/trail${query}`, token);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  expect(Value.Check(AuditTrailDay, body)).toBe(true);
  return body;
}

/** Tuesday morning (2026-12-01): what each ticket went through; returns the tickets and the staff. */
async function aMorning() {
  const clerk = await t.staffToken('clerk', 'lin.mei');
  const supervisor = await t.staffToken('supervisor', 'chen.boss');
  const kiosk = t.deviceToken('kiosk');
  // A minute apart, so the line's order is the order of issue.
  const issue = async (body: object) => {
    t.clock.minutes(1);
    return (await post('/api/v1/tickets', kiosk, body)).ticket;
  };
  const [a, b, c, d, e] = [await issue({ serviceId: 'reg' }), await issue({ serviceId: 'reg' }), await issue({ serviceId: 'reg' }), await issue({ serviceId: 'reg' }), await issue({ serviceId: 'reg' })];
  t.clock.minutes(5);
  await post('/api/v1/counters/c2/open', clerk);
  // In turn: not in the trail.
  const first = (await post<{ ticket: Issued; reason: string }>('/api/v1/counters/c2/call-next', clerk)).ticket;
  expect(first.id).toBe(a!.id);
  await post(`/api/v1/tickets/${a!.id}/start`, clerk);
  await post(`/api/v1/tickets/${a!.id}/finish`, clerk);
  t.clock.minutes(1);
  // Out of turn, by number.
  await post(`/api/v1/tickets/${c!.id}/call`, clerk, { counterId: 'c2', reason: 'resident_present', note: 'already at the desk' });
  t.clock.minutes(1);
  await post(`/api/v1/tickets/${c!.id}/no-show`, clerk, { reason: 'left_office', note: 'called three times' });
  await post(`/api/v1/tickets/${c!.id}/requeue`, clerk, { reason: 'resident_returned' });
  // In turn again (c went back to its own place, after b), then sent to another line.
  const second = (await post('/api/v1/counters/c2/call-next', clerk)).ticket;
  expect(second.id).toBe(b!.id);
  await post(`/api/v1/tickets/${b!.id}/start`, clerk);
  await post(`/api/v1/tickets/${b!.id}/transfer`, clerk, { serviceId: 'cert', reason: 'other_service_needed' });
  // The priority counter serves a priority ticket first: a rule, not the longest wait, chose it.
  const p = await issue({ serviceId: 'reg', class: 'priority' });
  await post('/api/v1/counters/c1/open', supervisor);
  const third = (await post<{ ticket: Issued; reason: string }>('/api/v1/counters/c1/call-next', supervisor)).ticket;
  expect(third.id).toBe(p.id);
  // A plain recall keeps the order: not listed.
  await post(`/api/v1/tickets/${p.id}/recall`, supervisor);
  await post(`/api/v1/tickets/${d!.id}/cancel`, clerk, { reason: 'duplicate_ticket' });
  await post(`/api/v1/tickets/${e!.id}/cancel`, undefined, { trackingToken: e!.trackingToken });
  return { clerk, supervisor, tickets: { b: b!, c: c!, d: d!, e: e!, p } };
}

describe('GET /api/v1/audit/trail', () => {
  it("lists the day's moves out of order, oldest first, with who (by name) and why; in-turn calls and plain recalls are left out", async () => {
    const { supervisor, tickets } = await aMorning();
    const { businessDate, entries } = await trail(supervisor);
    expect(businessDate).toBe('2026-12-01');
    const clerkId = (await send(t.app, 'GET', '/api/v1/staff', t.adminToken)).json<{ id: string; username: string }[]>().find((s) => s.username === 'lin.mei')!.id;
    const byClerk = { kind: 'staff', id: clerkId, name: 'lin.mei' };
    expect(entries.map(({ seq: _seq, at: _at, ...rest }) => rest)).toEqual([
      {
        kind: 'call',
        ticket: { id: tickets.c.id, number: tickets.c.number, serviceId: 'reg' },
        counterId: 'c2',
        actor: byClerk,
        reason: 'resident_present',
        note: 'already at the desk',
        pickReason: null,
        transferTo: null,
      },
      { kind: 'no_show', ticket: { id: tickets.c.id, number: tickets.c.number, serviceId: 'reg' }, counterId: 'c2', actor: byClerk, reason: 'left_office', note: 'called three times', pickReason: null, transferTo: null },
      // A missed ticket is at no counter any more when it is put back.
      { kind: 'requeue', ticket: { id: tickets.c.id, number: tickets.c.number, serviceId: 'reg' }, counterId: null, actor: byClerk, reason: 'resident_returned', note: null, pickReason: null, transferTo: null },
      // The line it left, and where it went.
      {
        kind: 'transfer',
        ticket: { id: tickets.b.id, number: tickets.b.number, serviceId: 'reg' },
        counterId: 'c2',
        actor: byClerk,
        reason: 'other_service_needed',
        note: null,
        pickReason: null,
        transferTo: { serviceId: 'cert', counterId: null },
      },
      {
        kind: 'call',
        ticket: { id: tickets.p.id, number: tickets.p.number, serviceId: 'reg' },
        counterId: 'c1',
        actor: { kind: 'staff', id: expect.any(String), name: 'chen.boss' },
        reason: null,
        note: null,
        pickReason: 'priority_counter',
        transferTo: null,
      },
      { kind: 'cancel', ticket: { id: tickets.d.id, number: tickets.d.number, serviceId: 'reg' }, counterId: null, actor: byClerk, reason: 'duplicate_ticket', note: null, pickReason: null, transferTo: null },
      // The resident, from their e-ticket page (known by their ticket): nobody to name.
      { kind: 'cancel', ticket: { id: tickets.e.id, number: tickets.e.number, serviceId: 'reg' }, counterId: null, actor: { kind: 'resident', id: tickets.e.id, name: null }, reason: 'resident_request', note: null, pickReason: null, transferTo: null },
    ]);
    const seqs = entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    // Each entry is the event in the log it names.
    const log = (await send(t.app, 'GET', '/api/v1/events?after=0&limit=1000', supervisor)).json<{ events: { seq: number; type: string; at: string }[] }>().events;
    const bySeq = new Map(log.map((e) => [e.seq, e]));
    expect(entries.map((e) => bySeq.get(e.seq)?.type)).toEqual(['ticket:called', 'ticket:missed', 'ticket:requeued', 'ticket:transferred', 'ticket:called', 'ticket:cancelled', 'ticket:cancelled']);
    for (const e of entries) expect(e.at).toBe(bySeq.get(e.seq)?.at);
  });

  it('reads another business date with ?date=, and defaults to today once the day has changed; a day without any is empty', async () => {
    const { tickets } = await aMorning();
    // Wednesday: one no-show (yesterday's sessions have ended: sign in again).
    t.clock.set('2026-12-02T01:00:00.000Z');
    const supervisor = await t.staffToken('supervisor');
    const clerk = await t.staffToken('clerk', 'wang.wed');
    const kiosk = t.deviceToken('kiosk');
    const w = (await post('/api/v1/tickets', kiosk, { serviceId: 'cert' })).ticket;
    await post('/api/v1/counters/c3/open', clerk);
    await post('/api/v1/counters/c3/call-next', clerk);
    await post(`/api/v1/tickets/${w.id}/no-show`, clerk, { reason: 'not_present_after_recalls' });

    const today = await trail(supervisor);
    expect(today.businessDate).toBe('2026-12-02');
    expect(today.entries.map((e) => [e.kind, e.ticket.number, e.counterId, e.actor.name, e.reason])).toEqual([['no_show', w.number, 'c3', 'wang.wed', 'not_present_after_recalls']]);
    const tuesday = await trail(supervisor, '?date=2026-12-01');
    expect(tuesday.businessDate).toBe('2026-12-01');
    expect(tuesday.entries).toHaveLength(7);
    expect(tuesday.entries.at(-1)?.ticket.id).toBe(tickets.e.id);
    expect(await trail(supervisor, '?date=2026-11-30')).toEqual({ businessDate: '2026-11-30', entries: [] });
  });

  it('is for supervisors and admins: a clerk gets 403, nobody signed in 401', async () => {
    const clerk = await t.staffToken('clerk');
    expect((await send(t.app, 'GET', '/api/v1/audit/trail', clerk)).statusCode).toBe(403);
    expect((await send(t.app, 'GET', '/api/v1/audit/trail')).statusCode).toBe(401);
    expect((await trail(t.adminToken)).entries).toEqual([]);
  });

  it.each(['2026-02-30', '2026-1-05', 'yesterday', '2026-12-01T00:00:00Z', ''])('refuses the date %j with 400', async (date) => {
    const supervisor = await t.staffToken('supervisor');
    const res = await send(t.app, 'GET', `/api/v1/audit/trail?date=${encodeURIComponent(date)}`, supervisor);
    expect(res.statusCode, res.body).toBe(400);
    expect(errorCode(res)).toBe('validation_failed');
  });

  it('refuses any other query parameter', async () => {
    const supervisor = await t.staffToken('supervisor');
    expect((await send(t.app, 'GET', '/api/v1/audit/trail?day=2026-12-01', supervisor)).statusCode).toBe(400);
  });
});
