// Regression tests for the ticket holes found by trying to break the server (issue 6): numbers
// that collide after a transfer, queue jumping from a kiosk, tickets stranded at a closed counter,
// a clock stepped back across midnight, and a retried issue request.
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceCreate, Ticket } from '@jiaohao/shared';
import { FakeClock, TEST_SETUP, testApp, type TestApp } from '../../testing/fixtures';
import { errorCode, send } from '../../testing/http';

let t: TestApp;
afterEach(() => t?.close());

async function office(setup = TEST_SETUP, clock?: FakeClock) {
  t = await testApp({ setup, ...(clock ? { clock } : {}) });
  return { clerk: await t.staffToken('clerk'), kiosk: t.deviceToken('kiosk') };
}

async function issued(token: string, body: object): Promise<Ticket> {
  const res = await send(t.app, 'POST', '/api/v1/tickets', token, body);
  expect(res.statusCode, res.body).toBe(201);
  t.clock.minutes(1);
  return res.json<{ ticket: Ticket }>().ticket;
}

async function ok(method: 'POST' | 'PATCH', url: string, token: string, body?: object) {
  const res = await send(t.app, method, url, token, body);
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

describe('a number stays unique for the day however tickets move', () => {
  // Two lines with the same values behind different prefixes: A1001… and B1001…
  const lettered = (id: string, prefix: string): ServiceCreate => ({
    id,
    code: prefix + prefix,
    names: { 'zh-TW': `${prefix}線`, en: `Line ${prefix}` },
    numbering: { start: 1001, end: 1999, digits: 4, prefix, onExhausted: 'refuse' },
    targetWaitMinutes: 20,
    targetHandlingMinutes: 10,
    sortOrder: prefix.charCodeAt(0),
  });
  const setup = {
    ...TEST_SETUP,
    services: [lettered('a', 'A'), lettered('b', 'B')],
    counters: [{ id: 'c1', number: 1, names: { 'zh-TW': '1號櫃臺' }, serviceIds: ['a', 'b'] }],
  };

  it('a ticket transferred into a line that gives the same values never collides with it (was a 500 that jammed the line)', async () => {
    const { clerk, kiosk } = await office(setup);
    const a1001 = await issued(kiosk, { serviceId: 'a' });
    expect(a1001.number).toBe('A1001');
    await ok('POST', '/api/v1/counters/c1/open', clerk);
    await ok('POST', '/api/v1/counters/c1/call-next', clerk);
    await ok('POST', `/api/v1/tickets/${a1001.id}/start`, clerk);
    const moved = await ok('POST', `/api/v1/tickets/${a1001.id}/transfer`, clerk, { serviceId: 'b', reason: 'other_service_needed' });
    expect(moved.ticket).toMatchObject({ number: 'A1001', serviceId: 'b', state: 'waiting' });
    // Line B still gives its own numbers, from the start of its range.
    const b = [await issued(kiosk, { serviceId: 'b' }), await issued(kiosk, { serviceId: 'b' })];
    expect(b.map((x) => x.number)).toEqual(['B1001', 'B1002']);
    // And moving B1001 into line A, where A1001 was issued, is fine too.
    await ok('POST', '/api/v1/counters/c1/call-next', clerk); // A1001 (queued earliest) at c1
    await ok('POST', `/api/v1/tickets/${a1001.id}/start`, clerk);
    await ok('POST', `/api/v1/tickets/${a1001.id}/finish`, clerk);
    await ok('POST', '/api/v1/counters/c1/call-next', clerk);
    await ok('POST', `/api/v1/tickets/${b[0]!.id}/start`, clerk);
    const back = await ok('POST', `/api/v1/tickets/${b[0]!.id}/transfer`, clerk, { serviceId: 'a', reason: 'other_service_needed' });
    expect(back.ticket).toMatchObject({ number: 'B1001', serviceId: 'a' });
    expect((await issued(kiosk, { serviceId: 'a' })).number).toBe('A1002');
  });

  it('a daily cap counts the tickets a line issued, not those transferred into it', async () => {
    const capped = { ...setup, services: [lettered('a', 'A'), { ...lettered('b', 'B'), dailyCap: 1 }] };
    const { clerk, kiosk } = await office(capped);
    const a = await issued(kiosk, { serviceId: 'a' });
    await ok('POST', '/api/v1/counters/c1/open', clerk);
    await ok('POST', '/api/v1/counters/c1/call-next', clerk);
    await ok('POST', `/api/v1/tickets/${a.id}/start`, clerk);
    await ok('POST', `/api/v1/tickets/${a.id}/transfer`, clerk, { serviceId: 'b', reason: 'other_service_needed' });
    expect((await issued(kiosk, { serviceId: 'b' })).number).toBe('B1001');
    const over = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'b' });
    expect(errorCode(over)).toBe('daily_cap_reached');
  });
});

describe('queue jumping from a kiosk', () => {
  it('a kiosk may not issue an appointment ticket (only a booking check-in will); staff still can', async () => {
    const { clerk, kiosk } = await office();
    const before = t.eventCount();
    const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg', class: 'appointment', appointmentAt: new Date(t.clock.now).toISOString() });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'class_not_allowed', message: expect.stringMatching(/booking/i) });
    expect(t.eventCount()).toBe(before);
    const byStaff = await send(t.app, 'POST', '/api/v1/tickets', clerk, { serviceId: 'reg', class: 'appointment', appointmentAt: new Date(t.clock.now).toISOString() });
    expect(byStaff.statusCode, byStaff.body).toBe(201);
  });
});

describe('tickets sent to a counter that then closes', () => {
  async function sentToC2() {
    const { clerk, kiosk } = await office();
    const first = await issued(kiosk, { serviceId: 'reg' });
    const later = await issued(kiosk, { serviceId: 'reg' });
    await ok('POST', '/api/v1/counters/c1/open', clerk);
    await ok('POST', '/api/v1/counters/c2/open', clerk);
    await ok('POST', '/api/v1/counters/c1/call-next', clerk);
    await ok('POST', `/api/v1/tickets/${first.id}/start`, clerk);
    await ok('POST', `/api/v1/tickets/${first.id}/transfer`, clerk, { counterId: 'c2', reason: 'specialist_counter' });
    return { clerk, first, later };
  }

  it('closing the counter returns them to their line at their place, so another counter calls them next', async () => {
    const { clerk, first } = await sentToC2();
    const closed = await ok('POST', '/api/v1/counters/c2/close', clerk);
    expect(closed.counter.status).toBe('closed');
    const ticket = (await ok('POST', '/api/v1/counters/c1/call-next', clerk)).ticket;
    expect(ticket.id).toBe(first.id); // ahead of the later walk-in: it keeps its place
    const row = t.db.prepare("SELECT reason, counter_id FROM events WHERE type = 'ticket:returned' ORDER BY seq DESC LIMIT 1").get();
    expect(row).toEqual({ reason: 'counter_closed', counter_id: 'c2' });
  });

  it('deactivating the counter returns them too', async () => {
    const { clerk, first } = await sentToC2();
    await ok('PATCH', '/api/v1/counters/c2', t.adminToken, { active: false });
    expect((await ok('POST', '/api/v1/counters/c1/call-next', clerk)).ticket.id).toBe(first.id);
  });

  it('a ticket cannot be sent to a closed counter, where nobody would call it', async () => {
    const { clerk, kiosk } = await office();
    const x = await issued(kiosk, { serviceId: 'reg' });
    await ok('POST', '/api/v1/counters/c1/open', clerk);
    await ok('POST', '/api/v1/counters/c1/call-next', clerk);
    await ok('POST', `/api/v1/tickets/${x.id}/start`, clerk);
    const res = await send(t.app, 'POST', `/api/v1/tickets/${x.id}/transfer`, clerk, { counterId: 'c2', reason: 'specialist_counter' });
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('counter_not_open');
  });
});

describe('a clock stepped back across midnight', () => {
  it('never reopens the closed day: tickets go into the newest day, visible in the snapshot', async () => {
    const clock = new FakeClock(Date.parse('2026-12-02T01:00:00.000Z')); // Wed 09:00 Taipei
    const { kiosk } = await office(TEST_SETUP, clock);
    await issued(kiosk, { serviceId: 'reg' });
    clock.set('2026-12-01T09:00:00.000Z'); // Tue 17:00 Taipei: the day before
    const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().ticket).toMatchObject({ businessDate: '2026-12-02', number: '1002' });
    const snap = await send(t.app, 'GET', '/api/v1/snapshot', t.adminToken);
    expect(snap.json().businessDate).toBe('2026-12-02');
    expect(snap.json().tickets.map((x: Ticket) => x.number)).toEqual(['1001', '1002']);
  });

  it('after the day is closed no ticket is issued into it, by a kiosk or by staff', async () => {
    const { clerk, kiosk } = await office();
    const supervisor = await t.staffToken('supervisor');
    await ok('POST', '/api/v1/day/close', supervisor);
    const before = t.eventCount();
    for (const token of [kiosk, clerk]) {
      const res = await send(t.app, 'POST', '/api/v1/tickets', token, { serviceId: 'reg' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'issuing_closed', message: expect.stringMatching(/closed/) });
    }
    expect(t.eventCount()).toBe(before);
    // The next morning numbers start again.
    t.clock.minutes(24 * 60);
    expect((await issued(kiosk, { serviceId: 'reg' })).number).toBe('1001');
  });
});

describe('a retried issue request (idempotency key)', () => {
  it('a kiosk that lost the answer and retries gets the first ticket back, not a second one', async () => {
    const { kiosk } = await office();
    const body = { serviceId: 'reg', idempotencyKey: 'k-7f3a9c21-0001' };
    const first = await send(t.app, 'POST', '/api/v1/tickets', kiosk, body);
    expect(first.statusCode, first.body).toBe(201);
    const events = t.eventCount();
    const again = await send(t.app, 'POST', '/api/v1/tickets', kiosk, body);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json()); // the same ticket and tracking token
    expect(t.eventCount()).toBe(events);
    // A new key is a new ticket.
    const other = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { ...body, idempotencyKey: 'k-7f3a9c21-0002' });
    expect(other.json().ticket.number).toBe('1002');
  });

  it('the same key with another request is refused; another device may use the same key', async () => {
    const { kiosk } = await office();
    await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg', idempotencyKey: 'same-key-123' });
    const changed = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'cert', idempotencyKey: 'same-key-123' });
    expect(changed.statusCode).toBe(409);
    expect(errorCode(changed)).toBe('conflict');
    const otherKiosk = t.deviceToken('kiosk');
    const res = await send(t.app, 'POST', '/api/v1/tickets', otherKiosk, { serviceId: 'reg', idempotencyKey: 'same-key-123' });
    expect(res.json().ticket.number).toBe('1002');
  });

  it('the key may come as the Idempotency-Key header instead', async () => {
    const { kiosk } = await office();
    const post = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { authorization: `Bearer ${kiosk}`, 'idempotency-key': 'hdr-0000-0001' }, payload: { serviceId: 'reg' } });
    const first = await post();
    expect(first.statusCode, first.body).toBe(201);
    expect((await post()).json()).toEqual(first.json());
    expect(t.store.tickets.issuedCount(first.json().ticket.businessDate, 'reg')).toBe(1);
  });

  it('a malformed key is refused, in the body or the header', async () => {
    const { kiosk } = await office();
    const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg', idempotencyKey: 'x' });
    expect(errorCode(res)).toBe('validation_failed');
    const header = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { authorization: `Bearer ${kiosk}`, 'idempotency-key': 'bad key!' }, payload: { serviceId: 'reg' } });
    expect(errorCode(header)).toBe('validation_failed');
  });

  it('keys are forgotten with their day (their answers hold tracking tokens)', async () => {
    const { kiosk } = await office();
    await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg', idempotencyKey: 'day-one-key-1' });
    t.clock.minutes(24 * 60);
    const next = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg', idempotencyKey: 'fresh-key-0002' });
    expect(next.statusCode).toBe(201);
    expect(t.db.prepare('SELECT key FROM issue_requests').pluck().all()).toEqual(['fresh-key-0002']);
  });
});
