// Regression tests for the socket holes found by trying to break the server (issue 6): issuing
// with no rate limit, sessions that should be dead, messages answered with silence, unlimited
// snapshots. Real socket.io-client connections; nothing sleeps.
import { describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, NAMESPACES, type DomainEvent } from '@jiaohao/shared';
import { bearerHeader } from '../testing/fixtures';
import { ask, disconnected, expectError, expectOk, once, socketTestbed, untyped, type DisplayClient, type KioskClient, type StaffClient } from '../testing/sockets';

const bed = socketTestbed({ config: { rateLimits: 'on', issuePerMinute: 5 } });
const { client, join, joinPublic, staff, publicClient } = bed;

const issue = (socket: KioskClient | StaffClient, key?: string) => ask(socket as KioskClient, 'ticket:issue', { serviceId: 'reg', ...(key ? { idempotencyKey: key } : {}) });

describe('issuing limits belong to the command, whichever way it arrives', () => {
  it('a kiosk socket issuing faster than issuePerMinute is refused, and the supervisors are told once', async () => {
    const supervisor = await staff('supervisor');
    await join(supervisor);
    const token = bed.t.deviceToken('kiosk');
    const k = client<KioskClient>(NAMESPACES.kiosk, token);
    await join(k);
    const alert = once(supervisor, 'alert:raised' as never) as Promise<DomainEvent>;
    for (let i = 0; i < 5; i++) expectOk(await issue(k));
    const refused = await issue(k);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('rate_limited');
    expect(refused.error.details).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    const raised = await alert;
    expect(raised.data).toMatchObject({ alert: { kind: 'command_rate', command: 'ticket:issue', by: { kind: 'device' }, count: 5, windowSeconds: 60 } });
    // One alert per burst, not one per refused ticket.
    const alertsBefore = bed.t.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'alert:raised'").pluck().get();
    expect(expectError(await issue(k))).toBe('rate_limited');
    expect(bed.t.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'alert:raised'").pluck().get()).toBe(alertsBefore);
    // The same budget over REST: the token, not the transport, is limited.
    const viaRest = await bed.t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearerHeader(token), payload: { serviceId: 'reg' } });
    expect(viaRest.statusCode).toBe(429);
    expect(viaRest.json().error.code).toBe('rate_limited');
    expect(bed.t.store.tickets.issuedCount('2026-12-01', 'reg')).toBe(5);
    // A minute later people may walk up again.
    bed.t.clock.minutes(1);
    expectOk(await issue(k));
  });

  it('the /staff socket is limited the same way, per person', async () => {
    const clerk = await staff('clerk');
    await join(clerk);
    for (let i = 0; i < 5; i++) expectOk(await issue(clerk));
    expect(expectError(await issue(clerk))).toBe('rate_limited');
    const other = await staff('clerk');
    await join(other);
    expectOk(await issue(other));
  });

  it('a retried issue over the socket with the same idempotency key gets the first ticket back', async () => {
    const k = client<KioskClient>(NAMESPACES.kiosk, bed.t.deviceToken('kiosk'));
    await join(k);
    const first = expectOk(await issue(k, 'kiosk-retry-0001'));
    const again = expectOk(await issue(k, 'kiosk-retry-0001'));
    expect(again).toEqual(first);
    expect(bed.t.store.tickets.issuedCount('2026-12-01', 'reg')).toBe(1);
  });
});

describe('every message gets an answer', () => {
  it('a command a display or kiosk may not send is answered forbidden, not left to time out', async () => {
    const d = client<DisplayClient>(NAMESPACES.display, bed.t.deviceToken('display'));
    await join(d);
    const byDisplay = await untyped(d).timeout(5_000).emitWithAck('ticket:issue', { serviceId: 'reg' });
    expect(byDisplay).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const k = client<KioskClient>(NAMESPACES.kiosk, bed.t.deviceToken('kiosk'));
    await join(k);
    const byKiosk = await untyped(k).timeout(5_000).emitWithAck('counter:call-next', { counterId: 'c1' });
    expect(byKiosk).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('counter:call-next') } });
    const unknown = await untyped(k).timeout(5_000).emitWithAck('no:such-message', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('any message on /public but the status request is answered forbidden', async () => {
    const p = publicClient();
    await joinPublic(p);
    const refused = await untyped(p).timeout(5_000).emitWithAck('ticket:issue', { serviceId: 'reg' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const status = await untyped(p).timeout(5_000).emitWithAck(CLIENT_EVENTS.publicStatus);
    expect(status).toMatchObject({ ok: true });
    // A payload the request does not take goes unread; the ack is still answered (it went unanswered).
    const withPayload = await untyped(p).timeout(5_000).emitWithAck(CLIENT_EVENTS.publicStatus, { office: 'x' }, 42);
    expect(withPayload).toMatchObject({ ok: true });
  });

  it('snapshot requests are limited per connection (was: 300 full snapshots in 3 s)', async () => {
    const s = await staff();
    await join(s);
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await ask(s, CLIENT_EVENTS.snapshotRequest));
    expect(answers.slice(0, 10).every((a) => a.ok)).toBe(true);
    expect(answers[10]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    bed.t.clock.minutes(1);
    expect((await ask(s, CLIENT_EVENTS.snapshotRequest)).ok).toBe(true);
  });
});

describe('sessions that should be dead are dead, on every namespace', () => {
  /** A clerk with sockets open on /staff, /kiosk and /display, all on one session. */
  async function clerkEverywhere() {
    const username = `clerk-${Math.random().toString(36).slice(2, 8)}`;
    const token = await bed.t.staffToken('clerk', username);
    const id = bed.t.store.staff.byUsername(username)!.id;
    const sockets = [NAMESPACES.staff, NAMESPACES.kiosk, NAMESPACES.display].map((nsp) => client<StaffClient>(nsp, token));
    for (const s of sockets) await join(s);
    return { token, id, sockets };
  }

  it('deactivating a staff member disconnects every socket of theirs at once, and their session is gone', async () => {
    const { token, id, sockets } = await clerkEverywhere();
    const closed = sockets.map((s) => disconnected(s));
    const off = await bed.t.app.inject({ method: 'PATCH', url: `/api/v1/staff/${id}`, headers: bearerHeader(bed.t.adminToken), payload: { active: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect', 'io server disconnect']);
    expect(bed.t.services.auth.resolve(token)).toBeNull();
    await expect(join(client<KioskClient>(NAMESPACES.kiosk, token))).rejects.toThrow('unauthenticated');
  });

  it('a password change ends every session of that person, sockets included', async () => {
    const { token, id, sockets } = await clerkEverywhere();
    const other = await bed.t.services.auth.login(bed.t.store.staff.byId(id)!.username, 'correct horse battery staple', '10.0.0.2');
    const closed = sockets.map((s) => disconnected(s));
    const res = await bed.t.app.inject({ method: 'PATCH', url: `/api/v1/staff/${id}`, headers: bearerHeader(bed.t.adminToken), payload: { password: 'a whole new password' } });
    expect(res.statusCode, res.body).toBe(200);
    await Promise.all(closed);
    expect(bed.t.services.auth.resolve(token)).toBeNull();
    expect(bed.t.services.auth.resolve(other.token)).toBeNull();
    // A role change alone keeps the sessions (the new role counts at the next command).
    const fresh = await bed.t.services.auth.login(bed.t.store.staff.byId(id)!.username, 'a whole new password', '10.0.0.2');
    await bed.t.app.inject({ method: 'PATCH', url: `/api/v1/staff/${id}`, headers: bearerHeader(bed.t.adminToken), payload: { role: 'supervisor' } });
    expect(bed.t.services.auth.resolve(fresh.token)).toMatchObject({ role: 'supervisor' });
  });

  it('an expired session stops receiving events: the sweep disconnects its sockets on every namespace', async () => {
    const { sockets } = await clerkEverywhere();
    bed.t.clock.minutes(bed.t.services.config.sessionHours * 60 - 1);
    const keeper = await staff('supervisor'); // logged in later: still valid after the others expire
    await join(keeper);
    bed.t.clock.minutes(2);
    const closed = sockets.map((s) => disconnected(s));
    bed.t.realtime.sweep();
    await Promise.all(closed);
    expect(untyped(keeper).connected).toBe(true);
  });
});
