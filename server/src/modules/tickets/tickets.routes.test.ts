// HTTP tests for the ticket routes: issuing, reading, the lifecycle moves, transfers, cancels and the
// business day. Every test builds its own in-memory office (services reg/cert/small, counters c1–c3).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '@jiaohao/shared';
import type { TestApp } from '../../testing/fixtures';
import { errorCode, officeWithClerkAndKiosk, send } from '../../testing/http';

let t: TestApp;
let clerk: string;
let kiosk: string;

async function issue(serviceId = 'reg', extra: object = {}, token = kiosk): Promise<Ticket & { trackingToken?: string }> {
  const res = await send(t.app, 'POST', '/api/v1/tickets', token, { serviceId, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  // Distinct issue times keep the queue order deterministic (ties are broken by random ids).
  t.clock.minutes(1);
  return res.json<{ ticket: Ticket & { trackingToken?: string } }>().ticket;
}

async function openCounter(counterId: string): Promise<void> {
  const res = await send(t.app, 'POST', `/api/v1/counters/${counterId}/open`, clerk);
  expect(res.statusCode, res.body).toBe(200);
}

async function getTicket(id: string, token = clerk): Promise<Ticket> {
  const res = await send(t.app, 'GET', `/api/v1/tickets/${id}`, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ ticket: Ticket }>().ticket;
}

/** Issues a ticket and brings it to `called` at the counter (which is opened first). */
async function calledAt(counterId: string, serviceId = 'reg'): Promise<Ticket> {
  await openCounter(counterId);
  const ticket = await issue(serviceId);
  const res = await send(t.app, 'POST', `/api/v1/counters/${counterId}/call-next`, clerk);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().ticket.id).toBe(ticket.id);
  return res.json<{ ticket: Ticket }>().ticket;
}

async function servingAt(counterId: string, serviceId = 'reg'): Promise<Ticket> {
  const ticket = await calledAt(counterId, serviceId);
  const res = await send(t.app, 'POST', `/api/v1/tickets/${ticket.id}/start`, clerk);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ ticket: Ticket }>().ticket;
}

/** The audit row of the latest event of this type (who, why, note). */
function lastEvent(type: string): Record<string, unknown> | undefined {
  return t.db.prepare('SELECT * FROM events WHERE type = ? ORDER BY seq DESC LIMIT 1').get(type) as Record<string, unknown> | undefined;
}

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
});
afterEach(() => t.close());

describe('POST /api/v1/tickets (issue)', () => {
  it('a kiosk issues numbered tickets 1001, 1002… shown with 4 digits, channel kiosk', async () => {
    const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.ticket).toMatchObject({ number: '1001', value: 1001, serviceId: 'reg', class: 'normal', channel: 'kiosk', state: 'waiting' });
    expect(body.ticket.issuedAt).toBe(new Date(t.clock.now).toISOString());
    expect(body.ticket.queuedAt).toBe(body.ticket.issuedAt);
    expect(body.ahead).toBe(0);
    const second = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    expect(second.json().ticket.number).toBe('1002');
    expect(second.json().ahead).toBe(1);
  });

  it('numbers are four digits even when the range value is shorter, per service series', async () => {
    const cert = await issue('cert');
    expect(cert.number).toBe('2001');
    expect(cert.number).toMatch(/^\d{4}$/);
    const reg = await issue('reg');
    expect(reg.number).toBe('1001');
  });

  it('staff issue too, with channel staff', async () => {
    const ticket = await issue('reg', {}, clerk);
    expect(ticket.channel).toBe('staff');
    expect(ticket.number).toBe('1001');
  });

  it('priority tickets draw from their own series starting at 1901', async () => {
    await issue('reg');
    const p1 = await issue('reg', { class: 'priority' });
    const p2 = await issue('reg', { class: 'priority' });
    expect(p1).toMatchObject({ number: '1901', class: 'priority' });
    expect(p2.number).toBe('1902');
    expect((await issue('reg')).number).toBe('1002');
  });

  it('an appointment (given by staff) needs appointmentAt (400) and gets the appointment series with it', async () => {
    const before = t.eventCount();
    const res = await send(t.app, 'POST', '/api/v1/tickets', clerk, { serviceId: 'reg', class: 'appointment' });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('validation_failed');
    expect(t.eventCount()).toBe(before);
    const at = new Date(t.clock.now + 30 * 60_000).toISOString();
    const ok = await issue('reg', { class: 'appointment', appointmentAt: at }, clerk);
    expect(ok).toMatchObject({ number: '1801', class: 'appointment', appointmentAt: at });
  });

  it('a display device may not issue (403), nobody without a token (401)', async () => {
    const display = t.deviceToken('display');
    const before = t.eventCount();
    const forbidden = await send(t.app, 'POST', '/api/v1/tickets', display, { serviceId: 'reg' });
    expect(forbidden.statusCode).toBe(403);
    expect(errorCode(forbidden)).toBe('forbidden');
    const anonymous = await send(t.app, 'POST', '/api/v1/tickets', undefined, { serviceId: 'reg' });
    expect(anonymous.statusCode).toBe(401);
    expect(errorCode(anonymous)).toBe('unauthenticated');
    const badToken = await send(t.app, 'POST', '/api/v1/tickets', 'jhd_not-a-real-token', { serviceId: 'reg' });
    expect(badToken.statusCode).toBe(401);
    expect(t.eventCount()).toBe(before);
  });

  it('an unknown service is 404 not_found', async () => {
    const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'nope' });
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('not_found');
  });

  it('a class the line does not take is 409 class_not_allowed', async () => {
    const before = t.eventCount();
    const priority = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'cert', class: 'priority' });
    expect(priority.statusCode).toBe(409);
    expect(errorCode(priority)).toBe('class_not_allowed');
    const appointment = await send(t.app, 'POST', '/api/v1/tickets', clerk, {
      serviceId: 'small',
      class: 'appointment',
      appointmentAt: new Date(t.clock.now).toISOString(),
    });
    expect(appointment.statusCode).toBe(409);
    expect(errorCode(appointment)).toBe('class_not_allowed');
    expect(t.eventCount()).toBe(before);
  });

  it('when issuing is closed the kiosk gets 409 issuing_closed but staff may still issue', async () => {
    const supervisor = await t.staffToken('supervisor');
    const patch = await send(t.app, 'POST', '/api/v1/office/issuing', supervisor, { mode: 'closed' });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().issuingMode).toBe('closed');
    const before = t.eventCount();
    const refused = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe('issuing_closed');
    expect(t.eventCount()).toBe(before);
    const byStaff = await send(t.app, 'POST', '/api/v1/tickets', clerk, { serviceId: 'reg' });
    expect(byStaff.statusCode).toBe(201);
    expect(byStaff.json().ticket).toMatchObject({ number: '1001', channel: 'staff' });
  });

  it("a 'refuse' range gives 409 range_exhausted once its numbers are used", async () => {
    expect((await issue('small')).number).toBe('3001');
    expect((await issue('small')).number).toBe('3002');
    expect((await issue('small')).number).toBe('3003');
    const before = t.eventCount();
    const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'small' });
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('range_exhausted');
    expect(t.eventCount()).toBe(before);
    // Other lines are not affected.
    expect((await issue('reg')).number).toBe('1001');
  });

  it('the tracking token is in the issue answer only, never in GET or the snapshot', async () => {
    const issued = await issue('reg');
    expect(issued.trackingToken).toEqual(expect.any(String));
    expect(issued.trackingToken!.length).toBeGreaterThanOrEqual(16);
    const byStaff = await send(t.app, 'GET', `/api/v1/tickets/${issued.id}`, clerk);
    expect(byStaff.json().ticket).not.toHaveProperty('trackingToken');
    expect(byStaff.body).not.toContain(issued.trackingToken);
    const byResident = await send(t.app, 'GET', `/api/v1/tickets/${issued.id}?token=${issued.trackingToken}`);
    expect(byResident.statusCode).toBe(200);
    expect(byResident.json().ticket).not.toHaveProperty('trackingToken');
    expect(byResident.body).not.toContain(issued.trackingToken);
    const snapshot = await send(t.app, 'GET', '/api/v1/snapshot', clerk);
    expect(snapshot.statusCode).toBe(200);
    expect(snapshot.body).not.toContain(issued.trackingToken);
    expect(snapshot.body).not.toContain('trackingToken');
    // Nor is it in the audit log (only its hash is kept, in the tickets table).
    const log = JSON.stringify(t.db.prepare('SELECT * FROM events').all());
    expect(log).toContain(issued.id);
    expect(log).not.toContain(issued.trackingToken);
  });
});

describe('GET /api/v1/tickets/:id', () => {
  it('staff and devices read a ticket; a resident reads theirs with ?token=', async () => {
    const issued = await issue('reg');
    const { trackingToken: _token, ...expected } = issued;
    expect(await getTicket(issued.id, clerk)).toEqual(expected);
    expect(await getTicket(issued.id, t.deviceToken('display'))).toEqual(expected);
    const resident = await send(t.app, 'GET', `/api/v1/tickets/${issued.id}?token=${encodeURIComponent(issued.trackingToken!)}`);
    expect(resident.statusCode).toBe(200);
    expect(resident.json().ticket).toEqual(expected);
  });

  it("a wrong tracking token, or another ticket's, is 403", async () => {
    const mine = await issue('reg');
    const other = await issue('reg');
    const wrong = await send(t.app, 'GET', `/api/v1/tickets/${mine.id}?token=wrong-token-wrong-token`);
    expect(wrong.statusCode).toBe(403);
    expect(errorCode(wrong)).toBe('forbidden');
    const crossed = await send(t.app, 'GET', `/api/v1/tickets/${mine.id}?token=${other.trackingToken}`);
    expect(crossed.statusCode).toBe(403);
    expect(errorCode(crossed)).toBe('forbidden');
  });

  it('without any credentials is 401; an unknown id is 404', async () => {
    const issued = await issue('reg');
    const anonymous = await send(t.app, 'GET', `/api/v1/tickets/${issued.id}`);
    expect(anonymous.statusCode).toBe(401);
    expect(errorCode(anonymous)).toBe('unauthenticated');
    const missing = await send(t.app, 'GET', '/api/v1/tickets/no-such-ticket', clerk);
    expect(missing.statusCode).toBe(404);
    expect(errorCode(missing)).toBe('not_found');
  });
});

describe('GET /api/v1/snapshot', () => {
  it('gives staff and devices the office state with the active tickets; 401 without a token', async () => {
    const a = await issue('reg');
    const b = await issue('cert');
    const res = await send(t.app, 'GET', '/api/v1/snapshot', clerk);
    expect(res.statusCode).toBe(200);
    const snap = res.json();
    expect(snap.businessDate).toBe('2026-12-01');
    expect(snap.office.id).toBe('test-office');
    expect(snap.services.map((s: { id: string }) => s.id).sort()).toEqual(['cert', 'reg', 'small']);
    expect(snap.counters.map((c: { id: string }) => c.id).sort()).toEqual(['c1', 'c2', 'c3']);
    expect(snap.tickets.map((x: Ticket) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(snap.seq).toBe(t.store.events.lastSeq);
    const device = await send(t.app, 'GET', '/api/v1/snapshot', t.deviceToken('display'));
    expect(device.statusCode).toBe(200);
    const anonymous = await send(t.app, 'GET', '/api/v1/snapshot');
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('GET /api/v1/estimates', () => {
  it('gives each active line the range its next ticket of each class is given, null with no open counter', async () => {
    const closed = await send(t.app, 'GET', '/api/v1/estimates', kiosk);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().reg).toEqual({ normal: null, priority: null });
    await openCounter('c2');
    await issue('reg');
    await issue('reg');
    const res = await send(t.app, 'GET', '/api/v1/estimates', kiosk);
    const reg = res.json<Record<string, { normal: { min: number; max: number } | null; priority: { min: number; max: number } | null }>>().reg!;
    expect(reg.normal).not.toBeNull();
    expect(reg.priority).not.toBeNull();
    // Two waiting ahead: a priority ticket goes before them, so it is told no longer a wait.
    expect(reg.priority!.max).toBeLessThanOrEqual(reg.normal!.max);
    expect(reg.normal!.max).toBeGreaterThan(0);
    // The same clock and load: the ticket taken now is told exactly what the confirm screen showed.
    const answer = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    expect(answer.json().estimate).toEqual(reg.normal);
    expect((await send(t.app, 'GET', '/api/v1/estimates', t.deviceToken('display'))).statusCode).toBe(200);
    expect((await send(t.app, 'GET', '/api/v1/estimates')).statusCode).toBe(401);
  });
});

describe('ticket lifecycle', () => {
  it('call-next → recall → start → finish, then the counter is free again', async () => {
    await openCounter('c2');
    const issued = await issue('reg');

    const next = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    expect(next.statusCode).toBe(200);
    expect(next.json().reason).toBe('longest_wait');
    expect(next.json().ticket).toMatchObject({ id: issued.id, state: 'called', counterId: 'c2', recallCount: 0 });
    expect(next.json().ticket.calledAt).toBe(new Date(t.clock.now).toISOString());

    const recall = await send(t.app, 'POST', `/api/v1/tickets/${issued.id}/recall`, clerk);
    expect(recall.statusCode).toBe(200);
    expect(recall.json().ticket).toMatchObject({ state: 'called', recallCount: 1 });
    const recall2 = await send(t.app, 'POST', `/api/v1/tickets/${issued.id}/recall`, clerk);
    expect(recall2.json().ticket.recallCount).toBe(2);

    t.clock.minutes(1);
    const start = await send(t.app, 'POST', `/api/v1/tickets/${issued.id}/start`, clerk);
    expect(start.statusCode).toBe(200);
    expect(start.json().ticket).toMatchObject({ state: 'serving', counterId: 'c2', startedAt: new Date(t.clock.now).toISOString() });

    t.clock.minutes(5);
    const finish = await send(t.app, 'POST', `/api/v1/tickets/${issued.id}/finish`, clerk);
    expect(finish.statusCode).toBe(200);
    expect(finish.json().ticket).toMatchObject({ state: 'done', endedAt: new Date(t.clock.now).toISOString() });
    expect((await getTicket(issued.id)).state).toBe('done');

    const empty = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ ticket: null, reason: null });
  });

  it('moves need a clerk: a kiosk gets 403 and nothing is written', async () => {
    const ticket = await calledAt('c2');
    const before = t.eventCount();
    const res = await send(t.app, 'POST', `/api/v1/tickets/${ticket.id}/start`, kiosk);
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('forbidden');
    const anonymous = await send(t.app, 'POST', `/api/v1/tickets/${ticket.id}/start`);
    expect(anonymous.statusCode).toBe(401);
    expect(t.eventCount()).toBe(before);
    expect((await getTicket(ticket.id)).state).toBe('called');
  });

  it('a move from the wrong state is 409 invalid_transition (finish a waiting ticket) and writes nothing', async () => {
    const waiting = await issue('reg');
    const before = t.eventCount();
    for (const move of ['finish', 'start', 'recall']) {
      const res = await send(t.app, 'POST', `/api/v1/tickets/${waiting.id}/${move}`, clerk);
      expect(res.statusCode, move).toBe(409);
      expect(errorCode(res)).toBe('invalid_transition');
    }
    const noShow = await send(t.app, 'POST', `/api/v1/tickets/${waiting.id}/no-show`, clerk, { reason: 'left_office' });
    expect(noShow.statusCode).toBe(409);
    expect(errorCode(noShow)).toBe('invalid_transition');
    expect(t.eventCount()).toBe(before);
    expect((await getTicket(waiting.id)).state).toBe('waiting');
  });

  it('a move on an unknown ticket is 404', async () => {
    const res = await send(t.app, 'POST', '/api/v1/tickets/no-such-ticket/finish', clerk);
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('not_found');
  });
});

describe('no-show, requeue, transfer, cancel (reasons)', () => {
  it('no-show with a reason frees the counter; requeue with a reason puts the ticket back in line', async () => {
    const ticket = await calledAt('c2');
    const noShow = await send(t.app, 'POST', `/api/v1/tickets/${ticket.id}/no-show`, clerk, { reason: 'not_present_after_recalls', note: 'called 3 times' });
    expect(noShow.statusCode).toBe(200);
    expect(noShow.json().ticket).toMatchObject({ state: 'no_show', counterId: null });
    // The counter is free again.
    const empty = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    expect(empty.json()).toEqual({ ticket: null, reason: null });

    t.clock.minutes(3);
    const requeue = await send(t.app, 'POST', `/api/v1/tickets/${ticket.id}/requeue`, clerk, { reason: 'resident_returned' });
    expect(requeue.statusCode).toBe(200);
    expect(requeue.json().ticket).toMatchObject({ state: 'waiting', counterId: null, calledAt: null, endedAt: null, queuedAt: ticket.queuedAt });
    const again = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    expect(again.json().ticket.id).toBe(ticket.id);
  });

  it('requeue straight from called works too', async () => {
    const ticket = await calledAt('c2');
    const res = await send(t.app, 'POST', `/api/v1/tickets/${ticket.id}/requeue`, clerk, { reason: 'called_in_error' });
    expect(res.statusCode).toBe(200);
    expect(res.json().ticket.state).toBe('waiting');
  });

  it('a missing reason is refused with 400 and nothing is written', async () => {
    const called = await calledAt('c2');
    const before = t.eventCount();
    // Every move that needs a reason answers reason_required, whether it is missing or empty.
    for (const move of ['no-show', 'requeue']) {
      const res = await send(t.app, 'POST', `/api/v1/tickets/${called.id}/${move}`, clerk, {});
      expect(res.statusCode, move).toBe(400);
      expect(errorCode(res), move).toBe('reason_required');
      const empty = await send(t.app, 'POST', `/api/v1/tickets/${called.id}/${move}`, clerk, { reason: '' });
      expect(empty.statusCode, move).toBe(400);
      expect(errorCode(empty), move).toBe('reason_required');
    }
    // A clerk's cancel needs one too (a resident cancelling with the tracking token does not).
    const waiting = await issue('reg');
    const before2 = t.eventCount();
    const cancel = await send(t.app, 'POST', `/api/v1/tickets/${waiting.id}/cancel`, clerk, {});
    expect(cancel.statusCode).toBe(400);
    expect(errorCode(cancel)).toBe('reason_required');
    expect(t.eventCount()).toBe(before2);
    expect(before2 - before).toBe(1); // only the issue in between
    expect((await getTicket(called.id)).state).toBe('called');
    expect((await getTicket(waiting.id)).state).toBe('waiting');
  });

  it('a reason that is not on the list is 400 invalid_reason', async () => {
    const called = await calledAt('c2');
    const before = t.eventCount();
    const noShow = await send(t.app, 'POST', `/api/v1/tickets/${called.id}/no-show`, clerk, { reason: 'resident_request' });
    expect(noShow.statusCode).toBe(400);
    expect(errorCode(noShow)).toBe('invalid_reason');
    const requeue = await send(t.app, 'POST', `/api/v1/tickets/${called.id}/requeue`, clerk, { reason: 'because' });
    expect(requeue.statusCode).toBe(400);
    expect(errorCode(requeue)).toBe('invalid_reason');
    expect(t.eventCount()).toBe(before);

    await send(t.app, 'POST', `/api/v1/tickets/${called.id}/start`, clerk);
    const transfer = await send(t.app, 'POST', `/api/v1/tickets/${called.id}/transfer`, clerk, { serviceId: 'cert', reason: 'left_office' });
    expect(transfer.statusCode).toBe(400);
    expect(errorCode(transfer)).toBe('invalid_reason');

    const waiting = await issue('reg');
    const cancel = await send(t.app, 'POST', `/api/v1/tickets/${waiting.id}/cancel`, clerk, { reason: 'day_closed' });
    expect(cancel.statusCode).toBe(400);
    expect(errorCode(cancel)).toBe('invalid_reason');
  });

  it('staff cancel a waiting ticket with a reason; a cancelled ticket cannot be cancelled again', async () => {
    const waiting = await issue('reg');
    const res = await send(t.app, 'POST', `/api/v1/tickets/${waiting.id}/cancel`, clerk, { reason: 'duplicate_ticket' });
    expect(res.statusCode).toBe(200);
    expect(res.json().ticket).toMatchObject({ state: 'cancelled', endedAt: new Date(t.clock.now).toISOString() });
    const again = await send(t.app, 'POST', `/api/v1/tickets/${waiting.id}/cancel`, clerk, { reason: 'duplicate_ticket' });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('invalid_transition');
  });

  it('a resident cancels their own ticket with the tracking token, and no other', async () => {
    const mine = await issue('reg');
    const other = await issue('reg');
    const before = t.eventCount();
    const wrong = await send(t.app, 'POST', `/api/v1/tickets/${other.id}/cancel`, undefined, { trackingToken: mine.trackingToken });
    expect(wrong.statusCode).toBe(403);
    expect(errorCode(wrong)).toBe('forbidden');
    const noToken = await send(t.app, 'POST', `/api/v1/tickets/${mine.id}/cancel`, undefined, { reason: 'resident_request' });
    expect(noToken.statusCode).toBe(401);
    expect(t.eventCount()).toBe(before);

    const ok = await send(t.app, 'POST', `/api/v1/tickets/${mine.id}/cancel`, undefined, { trackingToken: mine.trackingToken });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().ticket).toMatchObject({ id: mine.id, state: 'cancelled' });
    expect((await getTicket(other.id)).state).toBe('waiting');
    expect(lastEvent('ticket:cancelled')).toMatchObject({ reason: 'resident_request', actor_kind: 'resident', actor_id: mine.id, ticket_id: mine.id });
  });

  it('transfer to another counter keeps issuedAt as queuedAt and is picked first there (transferred_here)', async () => {
    await openCounter('c1');
    await openCounter('c2');
    const older = await issue('reg');
    const moved = await issue('reg');
    // Call the younger ticket out of turn at c1, serve it, then send it to c2.
    const call = await send(t.app, 'POST', `/api/v1/tickets/${moved.id}/call`, clerk, { counterId: 'c1', reason: 'returning_resident' });
    expect(call.statusCode, call.body).toBe(200);
    await send(t.app, 'POST', `/api/v1/tickets/${moved.id}/start`, clerk);
    t.clock.minutes(10);

    const transfer = await send(t.app, 'POST', `/api/v1/tickets/${moved.id}/transfer`, clerk, { counterId: 'c2', reason: 'specialist_counter' });
    expect(transfer.statusCode, transfer.body).toBe(200);
    const ticket = transfer.json().ticket;
    expect(ticket).toMatchObject({ state: 'waiting', serviceId: 'reg', counterId: null, targetCounterId: 'c2', calledAt: null, startedAt: null });
    expect(ticket.queuedAt).toBe(moved.issuedAt);
    expect(ticket.transfers).toEqual([
      { at: new Date(t.clock.now).toISOString(), fromServiceId: 'reg', fromCounterId: 'c1', toServiceId: 'reg', toCounterId: 'c2' },
    ]);

    // c1 is free and does not take the ticket held for c2: it gets the older walk-in.
    const atC2 = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    expect(atC2.json()).toMatchObject({ ticket: { id: moved.id, counterId: 'c2' }, reason: 'transferred_here' });
    const atC1 = await send(t.app, 'POST', '/api/v1/counters/c1/call-next', clerk);
    expect(atC1.json()).toMatchObject({ ticket: { id: older.id }, reason: 'longest_wait' });
  });

  it('transfer to another service keeps the place in line; it needs a target and a serving ticket', async () => {
    const serving = await servingAt('c2');
    const none = await send(t.app, 'POST', `/api/v1/tickets/${serving.id}/transfer`, clerk, { reason: 'other_service_needed' });
    expect(none.statusCode).toBe(400);
    expect(errorCode(none)).toBe('validation_failed');
    const missingReason = await send(t.app, 'POST', `/api/v1/tickets/${serving.id}/transfer`, clerk, { serviceId: 'cert' });
    expect(missingReason.statusCode).toBe(400);
    expect(errorCode(missingReason)).toBe('reason_required');

    t.clock.minutes(7);
    const res = await send(t.app, 'POST', `/api/v1/tickets/${serving.id}/transfer`, clerk, { serviceId: 'cert', reason: 'other_service_needed' });
    expect(res.statusCode).toBe(200);
    expect(res.json().ticket).toMatchObject({ state: 'waiting', serviceId: 'cert', targetCounterId: null, queuedAt: serving.issuedAt, number: serving.number });

    const waiting = await issue('reg');
    const wrongState = await send(t.app, 'POST', `/api/v1/tickets/${waiting.id}/transfer`, clerk, { serviceId: 'cert', reason: 'other_service_needed' });
    expect(wrongState.statusCode).toBe(409);
    expect(errorCode(wrongState)).toBe('invalid_transition');
  });
});

describe('POST /api/v1/tickets/:id/call (a particular ticket)', () => {
  it('calls out of turn with a reason; without a reason it is refused', async () => {
    await openCounter('c2');
    const first = await issue('reg');
    const second = await issue('reg');
    const before = t.eventCount();
    const noReason = await send(t.app, 'POST', `/api/v1/tickets/${second.id}/call`, clerk, { counterId: 'c2' });
    expect(noReason.statusCode).toBe(400);
    expect(errorCode(noReason)).toBe('reason_required');
    const badReason = await send(t.app, 'POST', `/api/v1/tickets/${second.id}/call`, clerk, { counterId: 'c2', reason: 'left_office' });
    expect(badReason.statusCode).toBe(400);
    expect(errorCode(badReason)).toBe('invalid_reason');
    expect(t.eventCount()).toBe(before);

    const ok = await send(t.app, 'POST', `/api/v1/tickets/${second.id}/call`, clerk, { counterId: 'c2', reason: 'priority_need', note: 'wheelchair' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().ticket).toMatchObject({ id: second.id, state: 'called', counterId: 'c2' });
    expect((await getTicket(first.id)).state).toBe('waiting');
    expect(lastEvent('ticket:called')).toMatchObject({ reason: 'priority_need', note: 'wheelchair', counter_id: 'c2', ticket_id: second.id, actor_kind: 'staff' });
  });

  it('a counter that does not serve the line is 409 service_not_served; a closed one 409 counter_not_open', async () => {
    const ticket = await issue('reg');
    const closed = await send(t.app, 'POST', `/api/v1/tickets/${ticket.id}/call`, clerk, { counterId: 'c3', reason: 'resident_present' });
    expect(closed.statusCode).toBe(409);
    expect(errorCode(closed)).toBe('counter_not_open');
    await openCounter('c3'); // c3 serves cert only
    const before = t.eventCount();
    const res = await send(t.app, 'POST', `/api/v1/tickets/${ticket.id}/call`, clerk, { counterId: 'c3', reason: 'resident_present' });
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('service_not_served');
    expect(t.eventCount()).toBe(before);
    expect((await getTicket(ticket.id)).state).toBe('waiting');
  });
});

describe('the business day', () => {
  it('a supervisor closes the day: waiting and called tickets expire, counters close; a clerk gets 403', async () => {
    const supervisor = await t.staffToken('supervisor');
    const done = await servingAt('c1');
    await send(t.app, 'POST', `/api/v1/tickets/${done.id}/finish`, clerk);
    await send(t.app, 'POST', '/api/v1/counters/c1/close', clerk);
    const called = await calledAt('c2');
    const waiting = await issue('cert');

    const before = t.eventCount();
    const denied = await send(t.app, 'POST', '/api/v1/day/close', clerk);
    expect(denied.statusCode).toBe(403);
    expect(errorCode(denied)).toBe('forbidden');
    expect(t.eventCount()).toBe(before);

    const res = await send(t.app, 'POST', '/api/v1/day/close', supervisor);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ businessDate: '2026-12-01', expired: 2 });
    expect((await getTicket(waiting.id)).state).toBe('expired');
    expect((await getTicket(called.id)).state).toBe('expired');
    expect((await getTicket(done.id)).state).toBe('done');
    const counters = (await send(t.app, 'GET', '/api/v1/counters', clerk)).json<{ status: string }[]>();
    expect(counters.every((c) => c.status === 'closed')).toBe(true);
  });

  it('a new business date (after 16:00 UTC) restarts numbering at 1001 and expires yesterday’s waiting tickets', async () => {
    const y1 = await issue('reg');
    const y2 = await issue('reg');
    const yp = await issue('reg', { class: 'priority' });
    expect([y1.number, y2.number, yp.number]).toEqual(['1001', '1002', '1901']);

    // 2026-12-01T16:00Z is midnight in Taipei: Wednesday 2026-12-02 begins.
    t.clock.set('2026-12-02T00:30:00.000Z');
    clerk = await t.staffToken('clerk'); // yesterday's 12-hour session has run out
    const today = await issue('reg');
    expect(today).toMatchObject({ number: '1001', businessDate: '2026-12-02' });
    expect((await issue('reg', { class: 'priority' })).number).toBe('1901');
    for (const old of [y1, y2, yp]) {
      const ticket = await getTicket(old.id);
      expect(ticket.state).toBe('expired');
      expect(ticket.businessDate).toBe('2026-12-01');
    }
    const snapshot = (await send(t.app, 'GET', '/api/v1/snapshot', clerk)).json();
    expect(snapshot.businessDate).toBe('2026-12-02');
    expect(snapshot.tickets).toHaveLength(2);
  });

  it('just before midnight in Taipei (15:59 UTC) it is still the same day', async () => {
    await issue('reg');
    t.clock.set('2026-12-01T15:59:00.000Z');
    const late = await issue('reg');
    expect(late).toMatchObject({ number: '1002', businessDate: '2026-12-01' });
  });
});
