import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/fixtures';
import { send } from '../../testing/http';

let t: TestApp;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jiaohao-audit-'));
  t = await testApp({ dbPath: join(dir, 'office.db') });
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/v1/events', () => {
  it('lists events after a seq with who, when and why; supervisors only', async () => {
    const clerk = await t.staffToken('clerk');
    const supervisor = await t.staffToken('supervisor');
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    await send(t.app, 'POST', '/api/v1/counters/c2/pause', clerk, { reason: 'meal' });

    expect((await send(t.app, 'GET', '/api/v1/events', clerk)).statusCode).toBe(403);
    expect((await send(t.app, 'GET', '/api/v1/events')).statusCode).toBe(401);

    const all = (await send(t.app, 'GET', '/api/v1/events?after=0&limit=1000', supervisor)).json();
    expect(all.lastSeq).toBe(t.eventCount());
    expect(all.events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: t.eventCount() }, (_, i) => i + 1));
    const tail = (await send(t.app, 'GET', `/api/v1/events?after=${all.lastSeq - 2}`, supervisor)).json().events;
    expect(tail.map((e: { type: string }) => e.type)).toEqual(['counter:opened', 'counter:paused']);
    expect(tail[1]).toMatchObject({ reason: 'meal', actor: { kind: 'staff' }, data: { counter: { id: 'c2', status: 'paused' } } });
    expect((await send(t.app, 'GET', '/api/v1/events?limit=5000', supervisor)).statusCode).toBe(400);
  });

  it('still reads a row written in an older event shape (a Ticket without fields added later): 200, never 500', async () => {
    const supervisor = await t.staffToken('supervisor');
    const kiosk = t.deviceToken('kiosk');
    const issued = (await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' })).json().ticket;
    // As a version-1 server would have stored it, had Ticket then lacked estimateAtIssue and recallCount.
    const { estimateAtIssue: _e, recallCount: _r, trackingToken: _t, ...oldTicket } = issued;
    const seq = t.eventCount() + 1;
    const db = new Database(join(dir, 'office.db'));
    db.prepare(
      `INSERT INTO events (seq, type, at, business_date, actor_kind, actor_id, reason, note, ticket_id, counter_id, data, prev_hash, hash, v)
       VALUES (?, 'ticket:issued', ?, '2026-12-01', 'device', 'old-kiosk', NULL, NULL, ?, NULL, ?, 'x', 'y', 1)`,
    ).run(seq, issued.issuedAt, issued.id, JSON.stringify({ ticket: oldTicket }));
    db.close();

    const res = await send(t.app, 'GET', `/api/v1/events?after=${seq - 1}`, supervisor);
    expect(res.statusCode, res.body).toBe(200);
    const [event] = res.json().events;
    expect(event).toMatchObject({ seq, type: 'ticket:issued', data: { ticket: { id: issued.id, number: issued.number } } });
    // Filled in so that the answer fits the published schema.
    expect(event.data.ticket).toHaveProperty('recallCount');
    expect(event.data.ticket).toHaveProperty('estimateAtIssue');
  });
});

describe('account and device changes are audited', () => {
  it('adding staff, changing a role, registering and revoking a device each leave an event naming who did it', async () => {
    const supervisor = await t.staffToken('supervisor');
    const admin = (await send(t.app, 'GET', '/api/v1/auth/me', t.adminToken)).json().staff;
    const after = t.eventCount();
    const asAdmin = (method: 'POST' | 'PATCH', url: string, payload: object) => send(t.app, method, url, t.adminToken, payload);
    const staff = (await asAdmin('POST', '/api/v1/staff', { username: 'mei', displayName: '王美', role: 'clerk', password: 'a long enough password' })).json();
    await asAdmin('PATCH', `/api/v1/staff/${staff.id}`, { role: 'supervisor' });
    const device = (await asAdmin('POST', '/api/v1/devices', { kind: 'kiosk', name: 'Lobby kiosk' })).json().device;
    await asAdmin('PATCH', `/api/v1/devices/${device.id}`, { revoked: true });

    const events = (await send(t.app, 'GET', `/api/v1/events?after=${after}`, supervisor)).json().events;
    expect(events.map((e: { type: string; data: unknown }) => [e.type, e.data])).toEqual([
      ['staff:changed', { staff: { id: staff.id, role: 'clerk', active: true } }],
      ['staff:changed', { staff: { id: staff.id, role: 'supervisor', active: true } }],
      ['device:changed', { device: { id: device.id, kind: 'kiosk', revoked: false } }],
      ['device:changed', { device: { id: device.id, kind: 'kiosk', revoked: true } }],
    ]);
    for (const e of events) expect(e.actor).toEqual({ kind: 'staff', id: admin.id });
    // Names stay out of the stream that displays and kiosks receive.
    expect(JSON.stringify(events)).not.toMatch(/mei|王美|Lobby/);
  });
});

describe('GET /api/v1/events/verify', () => {
  it('finds a row edited behind the server’s back', async () => {
    const supervisor = await t.staffToken('supervisor');
    const intact = (await send(t.app, 'GET', '/api/v1/events/verify', supervisor)).json();
    expect(intact).toEqual({ ok: true, checked: t.eventCount(), brokenAt: null, anchoredSeq: expect.any(Number), anchoredAt: expect.any(String), problems: [] });

    // Someone with the file drops the append-only trigger and rewrites the reason of event 3.
    const raw = new Database(join(dir, 'office.db'));
    raw.exec('DROP TRIGGER events_append_only_update');
    raw.prepare("UPDATE events SET reason = 'edited' WHERE seq = 3").run();
    raw.close();

    expect((await send(t.app, 'GET', '/api/v1/events/verify', supervisor)).json()).toEqual({
      ok: false,
      checked: t.eventCount(),
      brokenAt: 3,
      // Nothing is vouched for from the first break on: no anchor lies below event 3.
      anchoredSeq: null,
      anchoredAt: null,
      problems: [{ kind: 'chain', seq: 3, message: 'Event 3 does not match its hash: it was changed after it was written' }],
    });
  });

  it('finds events deleted from the file while the server runs (it remembers how far it wrote)', async () => {
    const supervisor = await t.staffToken('supervisor');
    const last = t.eventCount();
    const raw = new Database(join(dir, 'office.db'));
    raw.exec('DROP TRIGGER events_append_only_delete');
    raw.prepare('DELETE FROM events WHERE seq = ?').run(last);
    raw.close();

    const res = (await send(t.app, 'GET', '/api/v1/events/verify', supervisor)).json();
    expect(res).toMatchObject({ ok: false, checked: last - 1, brokenAt: last });
    expect(res.problems).toEqual([
      { kind: 'chain', seq: last, message: `This server wrote events up to ${last}, but the log now ends at ${last - 1}: events were deleted while it runs` },
    ]);
  });

  it('a full check is limited per session: it blocks the office while it reads the whole log', async () => {
    await t.close();
    t = await testApp({ dbPath: join(dir, 'limited.db'), config: { rateLimits: 'on' } });
    const supervisor = await t.staffToken('supervisor');
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await send(t.app, 'GET', '/api/v1/events/verify', supervisor)).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    // Another supervisor's session has its own allowance.
    expect((await send(t.app, 'GET', '/api/v1/events/verify', await t.staffToken('supervisor'))).statusCode).toBe(200);
  });

  it('the database refuses to update or delete an event', () => {
    expect(() => t.db.prepare("UPDATE events SET reason = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM events WHERE seq = 1').run()).toThrow(/append-only/);
  });
});
