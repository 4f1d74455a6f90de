// HTTP tests for the counter routes: the admin's list/create/patch and the clerk's open, pause,
// close and call-next. The test office has counters c1 (priority), c2, c3 (cert only), all closed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Counter } from '@jiaohao/shared';
import type { TestApp } from '../../testing/fixtures';
import { errorCode, officeWithClerkAndKiosk, send } from '../../testing/http';

let t: TestApp;
let clerk: string;
let kiosk: string;

async function counters(): Promise<Counter[]> {
  const res = await send(t.app, 'GET', '/api/v1/counters', clerk);
  expect(res.statusCode).toBe(200);
  return res.json<Counter[]>();
}

async function counter(id: string): Promise<Counter> {
  const found = (await counters()).find((c) => c.id === id);
  expect(found).toBeDefined();
  return found!;
}

async function issue(serviceId = 'reg'): Promise<string> {
  const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId });
  expect(res.statusCode, res.body).toBe(201);
  t.clock.minutes(1);
  return res.json<{ ticket: { id: string } }>().ticket.id;
}

const newCounter = { id: 'c4', number: 4, names: { 'zh-TW': '4號櫃臺', en: 'Counter 4' }, serviceIds: ['cert', 'reg'] };

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
});
afterEach(() => t.close());

describe('GET /api/v1/counters', () => {
  it('lists the counters to staff and devices, closed at the start', async () => {
    const list = await counters();
    expect(list.map((c) => c.id).sort()).toEqual(['c1', 'c2', 'c3']);
    expect(list.find((c) => c.id === 'c1')).toMatchObject({ number: 1, isPriority: true, status: 'closed', serviceIds: ['reg', 'cert', 'small'] });
    expect(list.find((c) => c.id === 'c3')).toMatchObject({ isPriority: false, serviceIds: ['cert'] });
    const byDevice = await send(t.app, 'GET', '/api/v1/counters', t.deviceToken('display'));
    expect(byDevice.statusCode).toBe(200);
    expect(byDevice.json()).toEqual(list);
    const anonymous = await send(t.app, 'GET', '/api/v1/counters');
    expect(anonymous.statusCode).toBe(401);
    expect(errorCode(anonymous)).toBe('unauthenticated');
  });
});

describe('POST /api/v1/counters (admin)', () => {
  it('an admin adds a counter (closed, default language zh-TW)', async () => {
    const res = await send(t.app, 'POST', '/api/v1/counters', t.adminToken, newCounter);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ ...newCounter, status: 'closed', isPriority: false, languages: ['zh-TW'], active: true, staffId: null });
    expect((await counter('c4')).number).toBe(4);
  });

  it('a clerk or a supervisor gets 403, nobody 401; nothing is written', async () => {
    const supervisor = await t.staffToken('supervisor');
    const before = t.eventCount();
    for (const token of [clerk, supervisor, kiosk]) {
      const res = await send(t.app, 'POST', '/api/v1/counters', token, newCounter);
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('forbidden');
    }
    const anonymous = await send(t.app, 'POST', '/api/v1/counters', undefined, newCounter);
    expect(anonymous.statusCode).toBe(401);
    expect(t.eventCount()).toBe(before);
    expect(await counters()).toHaveLength(3);
  });

  it('a taken number or id is 409 conflict, an unknown service 400', async () => {
    const before = t.eventCount();
    const dupNumber = await send(t.app, 'POST', '/api/v1/counters', t.adminToken, { ...newCounter, number: 2 });
    expect(dupNumber.statusCode).toBe(409);
    expect(errorCode(dupNumber)).toBe('conflict');
    expect(dupNumber.json().error.details).toEqual([{ path: '/number', message: 'taken' }]);
    const dupId = await send(t.app, 'POST', '/api/v1/counters', t.adminToken, { ...newCounter, id: 'c2' });
    expect(dupId.statusCode).toBe(409);
    expect(errorCode(dupId)).toBe('conflict');
    const unknown = await send(t.app, 'POST', '/api/v1/counters', t.adminToken, { ...newCounter, serviceIds: ['reg', 'nope'] });
    expect(unknown.statusCode).toBe(400);
    expect(errorCode(unknown)).toBe('validation_failed');
    const twice = await send(t.app, 'POST', '/api/v1/counters', t.adminToken, { ...newCounter, serviceIds: ['reg', 'reg'] });
    expect(twice.statusCode).toBe(400);
    const badNumber = await send(t.app, 'POST', '/api/v1/counters', t.adminToken, { ...newCounter, number: 0 });
    expect(badNumber.statusCode).toBe(400);
    expect(errorCode(badNumber)).toBe('validation_failed');
    expect(t.eventCount()).toBe(before);
    expect(await counters()).toHaveLength(3);
  });
});

describe('PATCH /api/v1/counters/:counterId (admin)', () => {
  it('an admin changes a counter; a clerk gets 403', async () => {
    const res = await send(t.app, 'PATCH', '/api/v1/counters/c3', t.adminToken, { serviceIds: ['cert', 'small'], languages: ['zh-TW', 'en'], number: 9 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: 'c3', number: 9, serviceIds: ['cert', 'small'], languages: ['zh-TW', 'en'] });
    expect((await counter('c3')).number).toBe(9);

    const before = t.eventCount();
    const denied = await send(t.app, 'PATCH', '/api/v1/counters/c3', clerk, { number: 10 });
    expect(denied.statusCode).toBe(403);
    expect(errorCode(denied)).toBe('forbidden');
    expect(t.eventCount()).toBe(before);
    expect((await counter('c3')).number).toBe(9);
  });

  it('a taken number is 409, an unknown service 400, an unknown counter 404, an empty patch 400', async () => {
    const before = t.eventCount();
    const dup = await send(t.app, 'PATCH', '/api/v1/counters/c3', t.adminToken, { number: 1 });
    expect(dup.statusCode).toBe(409);
    expect(errorCode(dup)).toBe('conflict');
    const unknown = await send(t.app, 'PATCH', '/api/v1/counters/c3', t.adminToken, { serviceIds: ['ghost'] });
    expect(unknown.statusCode).toBe(400);
    expect(errorCode(unknown)).toBe('validation_failed');
    const missing = await send(t.app, 'PATCH', '/api/v1/counters/c99', t.adminToken, { number: 42 });
    expect(missing.statusCode).toBe(404);
    expect(errorCode(missing)).toBe('not_found');
    const empty = await send(t.app, 'PATCH', '/api/v1/counters/c3', t.adminToken, {});
    expect(empty.statusCode).toBe(400);
    expect(errorCode(empty)).toBe('validation_failed');
    const status = await send(t.app, 'PATCH', '/api/v1/counters/c3', t.adminToken, { status: 'open' });
    expect(status.statusCode).toBe(400);
    expect(t.eventCount()).toBe(before);
  });

  it('keeping its own number is not a clash; deactivating closes it, not while it has a ticket', async () => {
    const same = await send(t.app, 'PATCH', '/api/v1/counters/c2', t.adminToken, { number: 2 });
    expect(same.statusCode).toBe(200);

    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    await issue();
    await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    const busy = await send(t.app, 'PATCH', '/api/v1/counters/c2', t.adminToken, { active: false });
    expect(busy.statusCode).toBe(409);
    expect(errorCode(busy)).toBe('counter_busy');

    await send(t.app, 'POST', '/api/v1/counters/c1/open', clerk);
    const off = await send(t.app, 'PATCH', '/api/v1/counters/c1', t.adminToken, { active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, status: 'closed' });
    const open = await send(t.app, 'POST', '/api/v1/counters/c1/open', clerk);
    expect(open.statusCode).toBe(404);
  });
});

describe('open / pause / close', () => {
  it('a clerk opens, pauses with a reason and closes a counter', async () => {
    const open = await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    expect(open.statusCode).toBe(200);
    expect(open.json().counter).toMatchObject({ id: 'c2', status: 'open', pauseReason: null });
    expect(open.json().counter.staffId).toEqual(expect.any(String));

    // Opening an open counter is a no-op that writes nothing.
    const before = t.eventCount();
    const again = await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    expect(again.statusCode).toBe(200);
    expect(again.json().counter.status).toBe('open');
    expect(t.eventCount()).toBe(before);

    const pause = await send(t.app, 'POST', '/api/v1/counters/c2/pause', clerk, { reason: 'meal', note: 'lunch' });
    expect(pause.statusCode).toBe(200);
    expect(pause.json().counter).toMatchObject({ status: 'paused', pauseReason: 'meal' });
    expect((await counter('c2')).status).toBe('paused');

    const reopen = await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    expect(reopen.json().counter).toMatchObject({ status: 'open', pauseReason: null });

    const close = await send(t.app, 'POST', '/api/v1/counters/c2/close', clerk);
    expect(close.statusCode).toBe(200);
    expect(close.json().counter).toMatchObject({ status: 'closed', staffId: null });
    expect((await counter('c2')).status).toBe('closed');
  });

  it('pause needs a reason from the list and an open counter', async () => {
    const closed = await send(t.app, 'POST', '/api/v1/counters/c2/pause', clerk, { reason: 'break' });
    expect(closed.statusCode).toBe(409);
    expect(errorCode(closed)).toBe('counter_not_open');
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    const before = t.eventCount();
    const missing = await send(t.app, 'POST', '/api/v1/counters/c2/pause', clerk, {});
    expect(missing.statusCode).toBe(400);
    expect(errorCode(missing)).toBe('reason_required');
    const bad = await send(t.app, 'POST', '/api/v1/counters/c2/pause', clerk, { reason: 'nap' });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('invalid_reason');
    expect(t.eventCount()).toBe(before);
    expect((await counter('c2')).status).toBe('open');
  });

  it('open/pause/close need staff: a kiosk 403, nobody 401; an unknown counter 404', async () => {
    for (const [action, body] of [['open', undefined], ['pause', { reason: 'break' }], ['close', undefined]] as const) {
      const byKiosk = await send(t.app, 'POST', `/api/v1/counters/c2/${action}`, kiosk, body);
      expect(byKiosk.statusCode, action).toBe(403);
      const anonymous = await send(t.app, 'POST', `/api/v1/counters/c2/${action}`, undefined, body);
      expect(anonymous.statusCode, action).toBe(401);
      const missing = await send(t.app, 'POST', `/api/v1/counters/c99/${action}`, clerk, body);
      expect(missing.statusCode, action).toBe(404);
      expect(errorCode(missing)).toBe('not_found');
    }
  });

  it('closing a counter with a called or serving ticket is 409 counter_busy', async () => {
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    const id = await issue();
    await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    const before = t.eventCount();
    const called = await send(t.app, 'POST', '/api/v1/counters/c2/close', clerk);
    expect(called.statusCode).toBe(409);
    expect(errorCode(called)).toBe('counter_busy');
    expect(called.json().error.details).toEqual({ ticketId: id });
    await send(t.app, 'POST', `/api/v1/tickets/${id}/start`, clerk);
    const serving = await send(t.app, 'POST', '/api/v1/counters/c2/close', clerk);
    expect(serving.statusCode).toBe(409);
    expect(errorCode(serving)).toBe('counter_busy');
    expect(t.eventCount()).toBe(before + 1); // the start only
    expect((await counter('c2')).status).toBe('open');

    await send(t.app, 'POST', `/api/v1/tickets/${id}/finish`, clerk);
    const ok = await send(t.app, 'POST', '/api/v1/counters/c2/close', clerk);
    expect(ok.statusCode).toBe(200);
  });
});

describe('POST /api/v1/counters/:counterId/call-next', () => {
  it('on a closed or paused counter is 409 counter_not_open', async () => {
    await issue();
    const before = t.eventCount();
    const closed = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    expect(closed.statusCode).toBe(409);
    expect(errorCode(closed)).toBe('counter_not_open');
    expect(t.eventCount()).toBe(before);
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    await send(t.app, 'POST', '/api/v1/counters/c2/pause', clerk, { reason: 'break' });
    const paused = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    expect(paused.statusCode).toBe(409);
    expect(errorCode(paused)).toBe('counter_not_open');
  });

  it('while a ticket is called there is 409 counter_busy', async () => {
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    const first = await issue();
    const second = await issue();
    const call = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    expect(call.json().ticket.id).toBe(first);
    const before = t.eventCount();
    const busy = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    expect(busy.statusCode).toBe(409);
    expect(errorCode(busy)).toBe('counter_busy');
    expect(busy.json().error.details).toEqual({ ticketId: first });
    expect(t.eventCount()).toBe(before);
    const snapshot = (await send(t.app, 'GET', '/api/v1/snapshot', clerk)).json<{ tickets: { id: string; state: string }[] }>();
    expect(snapshot.tickets.find((x) => x.id === second)?.state).toBe('waiting');
  });

  it('with nobody waiting answers { ticket: null, reason: null } and writes nothing', async () => {
    await send(t.app, 'POST', '/api/v1/counters/c3/open', clerk);
    await issue('reg'); // c3 serves cert only
    const before = t.eventCount();
    const res = await send(t.app, 'POST', '/api/v1/counters/c3/call-next', clerk);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ticket: null, reason: null });
    expect(t.eventCount()).toBe(before);
  });

  it('calls the longest-waiting ticket; at the priority counter a priority ticket first', async () => {
    await send(t.app, 'POST', '/api/v1/counters/c1/open', clerk);
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    const normal = await issue('reg');
    const priority = (await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg', class: 'priority' })).json().ticket.id;
    const atC1 = await send(t.app, 'POST', '/api/v1/counters/c1/call-next', clerk);
    expect(atC1.json()).toMatchObject({ ticket: { id: priority, state: 'called', counterId: 'c1' }, reason: 'priority_counter' });
    const atC2 = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    expect(atC2.json()).toMatchObject({ ticket: { id: normal, counterId: 'c2' }, reason: 'longest_wait' });
  });

  it('needs a clerk: a kiosk 403, nobody 401; an unknown counter 404', async () => {
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    await issue();
    const before = t.eventCount();
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/call-next', kiosk)).statusCode).toBe(403);
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/call-next')).statusCode).toBe(401);
    const missing = await send(t.app, 'POST', '/api/v1/counters/c99/call-next', clerk);
    expect(missing.statusCode).toBe(404);
    expect(t.eventCount()).toBe(before);
  });
});

describe('a counter is held by the clerk who opened it', () => {
  let other: string;
  beforeEach(async () => {
    other = await t.staffToken('clerk');
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
  });

  it('another clerk may not open, pause, close or call at it: 409 counter_taken, nothing written', async () => {
    const waiting = await issue();
    const before = t.eventCount();
    for (const [url, body] of [
      ['/api/v1/counters/c2/open', undefined],
      ['/api/v1/counters/c2/pause', { reason: 'break' }],
      ['/api/v1/counters/c2/close', undefined],
      ['/api/v1/counters/c2/call-next', undefined],
      [`/api/v1/tickets/${waiting}/call`, { counterId: 'c2', reason: 'resident_present' }],
    ] as const) {
      const res = await send(t.app, 'POST', url, other, body);
      expect([url, res.statusCode, errorCode(res)]).toEqual([url, 409, 'counter_taken']);
      expect(res.json().error.message).toBe('Counter 2 is held by another clerk; a supervisor can release it');
      expect(res.json().error.details).toEqual({ counterId: 'c2' });
    }
    expect(t.eventCount()).toBe(before);
    // Its own clerk carries on; a paused counter stays theirs.
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/pause', clerk, { reason: 'meal' })).statusCode).toBe(200);
    expect(errorCode(await send(t.app, 'POST', '/api/v1/counters/c2/open', other))).toBe('counter_taken');
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk)).statusCode).toBe(200);
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk)).json().ticket.id).toBe(waiting);
  });

  it('the ticket at it is its clerk’s too: another clerk may not recall, start, finish, miss, requeue or transfer it', async () => {
    const id = await issue();
    await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    const before = t.eventCount();
    for (const [move, body] of [['recall', undefined], ['start', undefined], ['no-show', { reason: 'left_office' }], ['requeue', { reason: 'called_in_error' }]] as const) {
      const res = await send(t.app, 'POST', `/api/v1/tickets/${id}/${move}`, other, body);
      expect([move, res.statusCode, errorCode(res)]).toEqual([move, 409, 'counter_taken']);
    }
    expect((await send(t.app, 'POST', `/api/v1/tickets/${id}/start`, clerk)).statusCode).toBe(200);
    for (const [move, body] of [['finish', undefined], ['transfer', { serviceId: 'cert', reason: 'other_service_needed' }]] as const) {
      const res = await send(t.app, 'POST', `/api/v1/tickets/${id}/${move}`, other, body);
      expect([move, res.statusCode, errorCode(res)]).toEqual([move, 409, 'counter_taken']);
    }
    expect(t.eventCount()).toBe(before + 1); // the start only
    expect((await send(t.app, 'POST', `/api/v1/tickets/${id}/finish`, clerk)).statusCode).toBe(200);
    // A finished ticket is nobody's any more: a wrong move on it is the transition table's refusal.
    expect(errorCode(await send(t.app, 'POST', `/api/v1/tickets/${id}/start`, other))).toBe('invalid_transition');
  });

  it('once its clerk closes it, anyone may open it', async () => {
    await send(t.app, 'POST', '/api/v1/counters/c2/close', clerk);
    const res = await send(t.app, 'POST', '/api/v1/counters/c2/open', other);
    expect(res.statusCode).toBe(200);
    expect(errorCode(await send(t.app, 'POST', '/api/v1/counters/c2/pause', clerk, { reason: 'break' }))).toBe('counter_taken');
  });

  it('supervisors and admins may act on any counter without taking it over', async () => {
    const supervisor = await t.staffToken('supervisor');
    const holder = (await counter('c2')).staffId;
    expect(holder).toEqual(expect.any(String));
    await issue();
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/pause', supervisor, { reason: 'meeting' })).statusCode).toBe(200);
    const reopened = await send(t.app, 'POST', '/api/v1/counters/c2/open', t.adminToken);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().counter.staffId).toBe(holder);
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/call-next', supervisor)).json().ticket).not.toBeNull();
    // The snapshot says who holds it; names come from GET /staff/names.
    const snap = (await send(t.app, 'GET', '/api/v1/snapshot', other)).json<{ counters: Counter[] }>();
    expect(snap.counters.find((c) => c.id === 'c2')?.staffId).toBe(holder);
  });
});

describe('POST /api/v1/counters/:counterId/release (supervisor)', () => {
  let supervisor: string;
  beforeEach(async () => {
    supervisor = await t.staffToken('supervisor');
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
  });

  it('frees the counter: the called ticket goes back to its place in line, tickets sent to it back to their line; it closes', async () => {
    const first = await issue();
    const second = await issue();
    const called = (await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk)).json().ticket;
    expect(called.id).toBe(first);
    // Another counter sends a ticket over to c2.
    await send(t.app, 'POST', '/api/v1/counters/c1/open', t.adminToken);
    const third = await issue();
    const atC1 = (await send(t.app, 'POST', `/api/v1/tickets/${third}/call`, t.adminToken, { counterId: 'c1', reason: 'resident_present' })).json().ticket;
    await send(t.app, 'POST', `/api/v1/tickets/${atC1.id}/start`, t.adminToken);
    await send(t.app, 'POST', `/api/v1/tickets/${atC1.id}/transfer`, t.adminToken, { counterId: 'c2', reason: 'specialist_counter' });

    const seq = t.store.events.lastSeq;
    const res = await send(t.app, 'POST', '/api/v1/counters/c2/release', supervisor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counter).toMatchObject({ id: 'c2', status: 'closed', staffId: null, pauseReason: null });
    const events = (await send(t.app, 'GET', `/api/v1/events?after=${seq}`, supervisor)).json<{ events: { type: string; reason: string | null; data: { ticket?: { id: string } } }[] }>().events;
    expect(events.map((e) => [e.type, e.reason, e.data.ticket?.id ?? null])).toEqual([
      ['ticket:requeued', 'counter_released', first],
      ['counter:closed', 'counter_released', null],
      ['ticket:returned', 'counter_closed', third],
    ]);

    const snap = (await send(t.app, 'GET', '/api/v1/snapshot', clerk)).json<{ tickets: { id: string; state: string; queuedAt: string; counterId: string | null; targetCounterId: string | null }[] }>();
    const byId = new Map(snap.tickets.map((x) => [x.id, x]));
    expect(byId.get(first)).toMatchObject({ state: 'waiting', counterId: null, queuedAt: called.queuedAt });
    expect(byId.get(third)).toMatchObject({ state: 'waiting', targetCounterId: null });
    // Back at its place: the next call anywhere takes it before the second ticket.
    const again = await send(t.app, 'POST', '/api/v1/counters/c1/call-next', t.adminToken);
    expect(again.json().ticket.id).toBe(first);
    expect(byId.get(second)?.state).toBe('waiting');
    // Free: another clerk opens it now.
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/open', await t.staffToken('clerk'))).statusCode).toBe(200);
  });

  it('refuses while a ticket is being served there (its resident is at the counter): 409 counter_busy', async () => {
    const id = await issue();
    await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    await send(t.app, 'POST', `/api/v1/tickets/${id}/start`, clerk);
    const before = t.eventCount();
    const res = await send(t.app, 'POST', '/api/v1/counters/c2/release', supervisor);
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('counter_busy');
    expect(res.json().error.details).toEqual({ ticketId: id });
    expect(t.eventCount()).toBe(before);
    await send(t.app, 'POST', `/api/v1/tickets/${id}/finish`, clerk);
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/release', supervisor)).json().counter.status).toBe('closed');
  });

  it('a closed counter nobody holds is left as it is; a clerk gets 403, an unknown counter 404', async () => {
    const before = t.eventCount();
    expect((await send(t.app, 'POST', '/api/v1/counters/c3/release', supervisor)).json().counter).toMatchObject({ status: 'closed', staffId: null });
    expect(t.eventCount()).toBe(before);
    const denied = await send(t.app, 'POST', '/api/v1/counters/c2/release', clerk);
    expect(denied.statusCode).toBe(403);
    expect(errorCode(denied)).toBe('forbidden');
    expect((await send(t.app, 'POST', '/api/v1/counters/c99/release', supervisor)).statusCode).toBe(404);
    expect((await counter('c2')).status).toBe('open');
  });
});
