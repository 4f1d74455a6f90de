// Socket.IO end to end: real socket.io-client connections against the app listening on port 0.
// Nothing here sleeps: every wait is for an event or an ack, with a timeout that fails the test.
import { describe, expect, it } from 'vitest';
import type { Socket as ClientSocket } from 'socket.io-client';
import {
  applyEvent,
  CLIENT_EVENTS,
  DEFAULT_DISPLAY_SETTINGS,
  skipSeq,
  fromSnapshot,
  NAMESPACES,
  SERVER_EVENTS,
  type Ack,
  type CounterRef,
  type Device,
  type DisplaySettings,
  type DomainEvent,
  type OfficeState,
  type PublicStatus,
  type Ticket,
  type TicketRef,
} from '@jiaohao/shared';
import { bearerHeader } from '../testing/fixtures';
import {
  ask,
  byId,
  disconnected,
  expectError,
  expectOk,
  once,
  record,
  socketTestbed,
  WAIT_MS,
  type DisplayClient,
  type KioskClient,
  type PublicClient,
  type StaffClient,
  untyped,
} from '../testing/sockets';

const bed = socketTestbed();
const { client, join, joinPublic, staff, display, kiosk, publicClient, serverSeq, rest } = bed;

// ---- 1. handshake ---------------------------------------------------------------------------------

describe('browser sessions: the httpOnly cookie, and where a page comes from', () => {
  /** Logs in over REST as a browser would and returns the Cookie header it would send. */
  async function sessionCookie(role: 'clerk' | 'supervisor'): Promise<string> {
    await bed.t.staffToken(role, `${role}-browser`);
    const res = await bed.t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `${role}-browser`, password: 'correct horse battery staple' } });
    const cookie = res.cookies.find((c) => c.name === 'jiaohao_session');
    if (!cookie) throw new Error('no session cookie');
    return `jiaohao_session=${cookie.value}`;
  }
  const own = () => new URL(bed.baseUrl).origin;

  it('the session cookie alone authenticates /staff (no token in the page), and commands work', async () => {
    const cookie = await sessionCookie('clerk');
    const s = client<StaffClient>(NAMESPACES.staff, undefined, { cookie, origin: own() });
    const snap = await join(s);
    expect(snap.seq).toBe(serverSeq());
    expect(expectOk(await ask(s, 'counter:open', { counterId: 'c2' })).counter.status).toBe('open');
  });

  it('a page from another origin cannot use the cookie: /staff, /display and /kiosk refuse it', async () => {
    const cookie = await sessionCookie('supervisor');
    for (const nsp of [NAMESPACES.staff, NAMESPACES.display, NAMESPACES.kiosk]) {
      await expect(join(client<StaffClient>(nsp, undefined, { cookie, origin: 'https://evil.example' }))).rejects.toThrow('forbidden origin');
    }
    // A device token from a foreign page is refused as well: staff and device namespaces are same-origin only.
    await expect(join(client<DisplayClient>(NAMESPACES.display, bed.t.deviceToken('display'), { origin: 'https://evil.example' }))).rejects.toThrow('forbidden origin');
  });

  it('an origin listed in the config (a development server) is let through', async () => {
    await bed.restart({ config: { allowedOrigins: ['http://localhost:5173'] } });
    const cookie = await sessionCookie('clerk');
    await join(client<StaffClient>(NAMESPACES.staff, undefined, { cookie, origin: 'http://localhost:5173' }));
    await expect(join(client<StaffClient>(NAMESPACES.staff, undefined, { cookie, origin: 'http://localhost:5174' }))).rejects.toThrow('forbidden origin');
  });

  it('the public namespace is open to any site', async () => {
    const p = client<PublicClient>(NAMESPACES.public, undefined, { origin: 'https://city-app.example' });
    const status = await joinPublic(p);
    expect(status.seq).toBe(serverSeq());
  });

  it('a cookie that is no session is refused', async () => {
    await expect(join(client<StaffClient>(NAMESPACES.staff, undefined, { cookie: 'jiaohao_session=jhs_forged', origin: own() }))).rejects.toThrow('unauthenticated');
  });
});

describe('audiences: each namespace gets only the events meant for it', () => {
  it('displays and kiosks get no staff:changed or device:changed, only its seq, and stay in step', async () => {
    const d = display();
    const k = kiosk();
    const s = await staff('clerk');
    const [dSnap, , sSnap] = await Promise.all([join(d), join(k), join(s)]);
    let dState = fromSnapshot(dSnap);
    const seen: string[] = [];
    const dSeen = record(d);
    untyped(d).onAny((name: string, payload: { seq: number } & DomainEvent) => {
      seen.push(name);
      dState = name === SERVER_EVENTS.skipped ? skipSeq(dState, payload.seq) : applyEvent(dState, payload);
    });
    const kSeen = record(k);
    const sSeen = record(s);

    await rest('POST', '/api/v1/staff', bed.t.adminToken, { username: 'newclerk', displayName: 'New', role: 'clerk', password: 'correct horse battery staple' });
    await rest('POST', '/api/v1/devices', bed.t.adminToken, { kind: 'kiosk', name: 'Lobby 2' });
    await rest('POST', '/api/v1/tickets', bed.t.adminToken, { serviceId: 'reg' });
    const last = serverSeq();
    await Promise.all([dSeen.untilSeq(last), kSeen.untilSeq(last), sSeen.untilSeq(last)]);
    expect(dState.seq).toBe(last);

    expect(seen).toEqual([SERVER_EVENTS.skipped, SERVER_EVENTS.skipped, 'ticket:issued']);
    expect(dState.stale).toBe(false);
    expect(kSeen.all.map(([name]) => name)).toEqual([SERVER_EVENTS.skipped, SERVER_EVENTS.skipped, 'ticket:issued']);
    // Staff get the events themselves.
    expect(sSeen.events.map((e) => e.type)).toEqual(['staff:changed', 'device:changed', 'ticket:issued']);
    expect(sSnap.seq + 3).toBe(last);
  });
});

describe('handshake auth', () => {
  it('refuses /staff without a token', async () => {
    const socket = client<StaffClient>(NAMESPACES.staff);
    await expect(join(socket)).rejects.toThrow('unauthenticated');
    expect(socket.connected).toBe(false);
  });

  it('refuses an unknown token on /staff and /display', async () => {
    await expect(join(client<StaffClient>(NAMESPACES.staff, 'not-a-token'))).rejects.toThrow('unauthenticated');
    await expect(join(client<DisplayClient>(NAMESPACES.display, 'not-a-token'))).rejects.toThrow('unauthenticated');
  });

  it('refuses a kiosk device on /staff and on /display, and a display on /kiosk', async () => {
    const kioskToken = bed.t.deviceToken('kiosk');
    await expect(join(client<StaffClient>(NAMESPACES.staff, kioskToken))).rejects.toThrow('forbidden');
    await expect(join(client<DisplayClient>(NAMESPACES.display, kioskToken))).rejects.toThrow('forbidden');
    await expect(join(client<KioskClient>(NAMESPACES.kiosk, bed.t.deviceToken('display')))).rejects.toThrow('forbidden');
    await expect(join(client<StaffClient>(NAMESPACES.staff, bed.t.deviceToken('display')))).rejects.toThrow('forbidden');
  });

  it('lets a display on /display, a kiosk on /kiosk, staff on /staff, and anyone on /public', async () => {
    const d = display();
    const k = kiosk();
    const s = await staff();
    const p = publicClient();
    await Promise.all([join(d), join(k), join(s), joinPublic(p)]);
    expect([d.connected, k.connected, s.connected, p.connected]).toEqual([true, true, true, true]);
  });

  it('disconnects a revoked device at once, and it cannot come back', async () => {
    const made = await rest<{ device: { id: string }; token: string }>('POST', '/api/v1/devices', bed.t.adminToken, { kind: 'display', name: 'hall display' });
    const revoked = client<DisplayClient>(NAMESPACES.display, made.token);
    const other = display();
    await Promise.all([join(revoked), join(other)]);

    const gone = disconnected(revoked);
    await rest('PATCH', `/api/v1/devices/${made.device.id}`, bed.t.adminToken, { revoked: true });
    expect(await gone).toBe('io server disconnect');
    expect(revoked.connected).toBe(false);

    // Only that device went; another display stays and still gets a snapshot on request.
    expect(other.connected).toBe(true);
    expect(expectOk(await ask(other, CLIENT_EVENTS.snapshotRequest)).seq).toBe(serverSeq());

    // The revoked token is refused from now on.
    await expect(join(revoked)).rejects.toThrow('unauthenticated');
  });

  it('disconnects a revoked kiosk too', async () => {
    const made = await rest<{ device: { id: string }; token: string }>('POST', '/api/v1/devices', bed.t.adminToken, { kind: 'kiosk', name: 'kiosk 1' });
    const k = client<KioskClient>(NAMESPACES.kiosk, made.token);
    await join(k);
    const gone = disconnected(k);
    await rest('PATCH', `/api/v1/devices/${made.device.id}`, bed.t.adminToken, { revoked: true });
    expect(await gone).toBe('io server disconnect');
  });
});

// ---- 2. snapshots ---------------------------------------------------------------------------------

describe('snapshot on connect', () => {
  it('every namespace gets a snapshot whose seq is the server seq', async () => {
    // Move the log past the seed so seq is not a constant.
    const token = await bed.t.staffToken('clerk');
    await rest('POST', '/api/v1/counters/c2/open', token);
    await rest('POST', '/api/v1/tickets', token, { serviceId: 'reg' });
    // Registering the clients' accounts and devices is itself in the log: do it first.
    const s = await staff();
    const d = display();
    const k = kiosk();
    const p = publicClient();
    const seq = serverSeq();
    expect(seq).toBeGreaterThan(0);

    const [ss, ds, ks, ps] = await Promise.all([join(s), join(d), join(k), joinPublic(p)]);
    const server = bed.t.services.queries.snapshot();
    for (const snap of [ss, ds, ks]) {
      expect(snap.seq).toBe(seq);
      expect(snap.tickets).toEqual(server.tickets);
      expect(snap.counters).toEqual(server.counters);
      expect(snap.services).toEqual(server.services);
      expect(snap.businessDate).toBe(server.businessDate);
    }
    expect(ss.tickets).toHaveLength(1);

    // /public gets the aggregate status, not the ticket list.
    expect(ps).toEqual(bed.t.services.feed.current().status);
    expect(ps.seq).toBe(seq);
    expect(ps).not.toHaveProperty('tickets');
    expect(ps.services.find((x) => x.id === 'reg')?.waiting).toBe(1);
    expect(ps.counters.find((x) => x.id === 'c2')?.status).toBe('open');
    // …and the same on request.
    expect(expectOk(await ask(p, SERVER_EVENTS.publicStatus))).toEqual(ps);
  });

  it('snapshot:request answers the current state', async () => {
    const s = await staff();
    await join(s);
    expectOk(await ask(s, 'ticket:issue', { serviceId: 'cert' }));
    const snap = expectOk(await ask(s, CLIENT_EVENTS.snapshotRequest));
    expect(snap).toEqual(bed.t.services.queries.snapshot());
  });
});

// ---- 3. REST command → display ----------------------------------------------------------------------

describe('display and REST', () => {
  it('gets ticket:called with seq = previous + 1 after a call-next over REST', async () => {
    const clerk = await bed.t.staffToken('clerk');
    await rest('POST', '/api/v1/counters/c2/open', clerk);
    const issued = await rest<{ ticket: Ticket }>('POST', '/api/v1/tickets', clerk, { serviceId: 'reg' });

    const d = display();
    const snap = await join(d);
    const called = once(d, 'ticket:called');
    const res = await bed.t.app.inject({ method: 'POST', url: '/api/v1/counters/c2/call-next', headers: bearerHeader(clerk) });
    expect(res.statusCode).toBe(200);

    const event = await called;
    expect(event.seq).toBe(snap.seq + 1);
    expect(event.type).toBe('ticket:called');
    expect(event.data.ticket.id).toBe(issued.ticket.id);
    expect(event.data.ticket.number).toBe(issued.ticket.number);
    expect(event.data.ticket.number).toBe('1001');
    expect(event.data.ticket.counterId).toBe('c2');
    expect(event.data.ticket.state).toBe('called');
    expect(event.data.pickReason).not.toBeNull();
    expect(res.json<{ ticket: Ticket }>().ticket.id).toBe(issued.ticket.id);
  });
});

describe('a device is told about itself (device:self)', () => {
  type Made = { device: Device; token: string };
  const register = (kind: 'display' | 'kiosk', name: string) => rest<Made>('POST', '/api/v1/devices', bed.t.adminToken, { kind, name });
  const zone: DisplaySettings = { serviceIds: ['cert'], counterIds: ['c3'], orientation: 'portrait', volume: 40, repeat: 2, languages: ['en', 'th'], voice: 'clips' };

  it('a display gets its Device, settings and all, just before its snapshot; a kiosk gets its own (no settings)', async () => {
    const made = await register('display', 'Zone A');
    const d = client<DisplayClient>(NAMESPACES.display, made.token);
    const dSeen = record(d);
    await join(d);
    expect(dSeen.all.map(([name]) => name)).toEqual([SERVER_EVENTS.device, SERVER_EVENTS.snapshot]);
    // As the admin's list has it (lastSeenAt: the handshake).
    const listed = (await rest<Device[]>('GET', '/api/v1/devices', bed.t.adminToken)).find((x) => x.id === made.device.id);
    expect(dSeen.all[0]?.[1]).toEqual(listed);
    expect(listed).toMatchObject({ id: made.device.id, kind: 'display', display: DEFAULT_DISPLAY_SETTINGS });

    const kMade = await register('kiosk', 'Door');
    const k = client<KioskClient>(NAMESPACES.kiosk, kMade.token);
    const self = once(k, SERVER_EVENTS.device);
    await join(k);
    expect(await self).toMatchObject({ id: kMade.device.id, kind: 'kiosk', display: null });
  });

  it('staff watching /display or /kiosk get no device:self', async () => {
    const token = await bed.t.staffToken('supervisor');
    const sd = client<DisplayClient>(NAMESPACES.display, token);
    const sk = client<KioskClient>(NAMESPACES.kiosk, token);
    const [dSeen, kSeen] = [record(sd), record(sk)];
    await Promise.all([join(sd), join(sk)]);
    // Something after, so that anything sent on connect has surely arrived.
    await rest('POST', '/api/v1/tickets', token, { serviceId: 'reg' });
    await Promise.all([dSeen.untilSeq(serverSeq()), kSeen.untilSeq(serverSeq())]);
    for (const seen of [dSeen, kSeen]) expect(seen.all.map(([name]) => name)).toEqual([SERVER_EVENTS.snapshot, 'ticket:issued']);
  });

  it("an admin's change reaches that display at once, on each of its sockets, and no other device", async () => {
    const made = await register('display', 'Zone B');
    const a = client<DisplayClient>(NAMESPACES.display, made.token);
    const b = client<DisplayClient>(NAMESPACES.display, made.token);
    const other = display();
    const k = kiosk();
    await Promise.all([join(a), join(b), join(other), join(k)]);
    const [otherSeen, kSeen] = [record(other), record(k)];

    const [toA, toB] = [once(a, SERVER_EVENTS.device), once(b, SERVER_EVENTS.device)];
    const updated = await rest<Device>('PATCH', `/api/v1/devices/${made.device.id}`, bed.t.adminToken, { display: zone });
    expect(updated.display).toEqual(zone);
    expect(await toA).toEqual(updated);
    expect(await toB).toEqual(updated);

    // A rename is a change too.
    const renamed = once(a, SERVER_EVENTS.device);
    await rest('PATCH', `/api/v1/devices/${made.device.id}`, bed.t.adminToken, { name: 'Zone B (2F)' });
    expect(await renamed).toMatchObject({ name: 'Zone B (2F)', display: zone });

    // The others only moved their seq on (device:changed is for staff).
    await Promise.all([otherSeen.untilSeq(serverSeq()), kSeen.untilSeq(serverSeq())]);
    for (const seen of [otherSeen, kSeen]) expect(seen.all.map(([name]) => name)).toEqual([SERVER_EVENTS.skipped, SERVER_EVENTS.skipped]);
  });

  it('a kiosk that is renamed is sent its new self on /kiosk', async () => {
    const made = await register('kiosk', 'Door');
    const k = client<KioskClient>(NAMESPACES.kiosk, made.token);
    await join(k);
    const self = once(k, SERVER_EVENTS.device);
    await rest('PATCH', `/api/v1/devices/${made.device.id}`, bed.t.adminToken, { name: 'Front door' });
    expect(await self).toMatchObject({ id: made.device.id, name: 'Front door', display: null });
  });

  it('a revoked display is disconnected, not sent its revoked self', async () => {
    const made = await register('display', 'Zone C');
    const d = client<DisplayClient>(NAMESPACES.display, made.token);
    await join(d);
    const seen = record(d);
    const gone = disconnected(d);
    await rest('PATCH', `/api/v1/devices/${made.device.id}`, bed.t.adminToken, { revoked: true, display: zone });
    expect(await gone).toBe('io server disconnect');
    expect(seen.all.map(([name]) => name)).not.toContain(SERVER_EVENTS.device);
  });
});

// ---- 4. staff commands over the socket ----------------------------------------------------------------

describe('staff commands with acks', () => {
  it('open, issue, call next, start, finish; the display sees every event in seq order', async () => {
    const s = await staff();
    const d = display();
    await join(s);
    const start = (await join(d)).seq;
    const seen = record(d);

    const opened = expectOk(await ask(s, 'counter:open', { counterId: 'c2' }));
    expect(opened.counter.status).toBe('open');
    // Opening an open counter is fine and appends nothing.
    expectOk(await ask(s, 'counter:open', { counterId: 'c2' }));

    const issued = expectOk(await ask(s, 'ticket:issue', { serviceId: 'reg' }));
    expect(issued.ticket.state).toBe('waiting');
    expect(issued.ticket.channel).toBe('staff');
    expect(issued.ahead).toBe(0);
    const id = issued.ticket.id;

    const next = expectOk(await ask(s, 'counter:call-next', { counterId: 'c2' }));
    expect(next.ticket?.id).toBe(id);
    expect(next.ticket?.state).toBe('called');
    expect(next.reason).not.toBeNull();

    const started = expectOk(await ask(s, 'ticket:start', { ticketId: id }));
    expect(started.ticket.state).toBe('serving');
    const finished = expectOk(await ask(s, 'ticket:finish', { ticketId: id }));
    expect(finished.ticket.state).toBe('done');

    // Nobody waits now: call-next answers a null ticket, not an error, and appends nothing.
    expect(expectOk(await ask(s, 'counter:call-next', { counterId: 'c2' }))).toEqual({ ticket: null, reason: null });

    const end = serverSeq();
    expect(end).toBe(start + 5);
    await seen.untilSeq(end);
    expect(seen.events.map((e) => e.type)).toEqual(['counter:opened', 'ticket:issued', 'ticket:called', 'ticket:started', 'ticket:finished']);
    expect(seen.events.map((e) => e.seq)).toEqual([start + 1, start + 2, start + 3, start + 4, start + 5]);
    for (const e of seen.events.slice(1)) expect(e.type.startsWith('ticket:') && 'ticket' in e.data && e.data.ticket.id).toBe(id);
    // The actor is the clerk on the socket.
    expect(seen.events.every((e) => e.actor.kind === 'staff')).toBe(true);
  });

  it('acks validation_failed for a bad payload and writes nothing', async () => {
    const s = await staff();
    await join(s);
    const before = bed.t.eventCount();
    const bad = (x: unknown) => x as CounterRef;
    expect(expectError(await ask(s, 'counter:open', bad({ counterId: 42 })))).toBe('validation_failed');
    expect(expectError(await ask(s, 'counter:open', bad({})))).toBe('validation_failed');
    expect(expectError(await ask(s, 'counter:call-next', bad({ counterId: 'c2', extra: true })))).toBe('validation_failed');
    expect(expectError(await ask(s, 'counter:call-next', bad(null)))).toBe('validation_failed');
    expect(expectError(await ask(s, 'ticket:start', bad('t1') as unknown as TicketRef))).toBe('validation_failed');
    expect(expectError(await ask(s, 'ticket:issue', { serviceId: 'reg', class: 'vip' as 'normal' }))).toBe('validation_failed');
    expect(bed.t.eventCount()).toBe(before);
    // The socket is still usable after refused commands.
    expect(s.connected).toBe(true);
    expectOk(await ask(s, 'counter:open', { counterId: 'c2' }));
  });

  it('acks invalid_transition for a move the ticket state does not allow, and other domain errors by code', async () => {
    const s = await staff();
    await join(s);
    const issued = expectOk(await ask(s, 'ticket:issue', { serviceId: 'reg' }));
    const before = bed.t.eventCount();

    // waiting → serving and waiting → done are not moves.
    expect(expectError(await ask(s, 'ticket:start', { ticketId: issued.ticket.id }))).toBe('invalid_transition');
    expect(expectError(await ask(s, 'ticket:finish', { ticketId: issued.ticket.id }))).toBe('invalid_transition');
    // The counter is closed.
    expect(expectError(await ask(s, 'counter:call-next', { counterId: 'c2' }))).toBe('counter_not_open');
    expect(expectError(await ask(s, 'counter:call-next', { counterId: 'nope' }))).toBe('not_found');
    expect(expectError(await ask(s, 'ticket:start', { ticketId: 'nope' }))).toBe('not_found');
    expect(bed.t.eventCount()).toBe(before);

    // Called, then finished without starting: still refused.
    expectOk(await ask(s, 'counter:open', { counterId: 'c2' }));
    expectOk(await ask(s, 'counter:call-next', { counterId: 'c2' }));
    expect(expectError(await ask(s, 'ticket:finish', { ticketId: issued.ticket.id }))).toBe('invalid_transition');
    // A counter with a called ticket cannot call another.
    expect(expectError(await ask(s, 'counter:call-next', { counterId: 'c2' }))).toBe('counter_busy');
  });

  it('issues an appointment ticket over the socket as over REST (date-time payloads validate)', async () => {
    const s = await staff();
    await join(s);
    const appointmentAt = new Date(bed.t.clock.now + 10 * 60_000).toISOString();
    const body = { serviceId: 'reg', class: 'appointment' as const, appointmentAt };
    const viaRest = await rest<{ ticket: Ticket }>('POST', '/api/v1/tickets', await bed.t.staffToken('clerk'), body);
    expect(viaRest.ticket.class).toBe('appointment');
    const viaSocket = expectOk(await ask(s, 'ticket:issue', body));
    expect(viaSocket.ticket.class).toBe('appointment');
    expect(viaSocket.ticket.appointmentAt).toBe(appointmentAt);
    // Not a date-time: refused at the edge.
    expect(expectError(await ask(s, 'ticket:issue', { ...body, appointmentAt: 'tomorrow' }))).toBe('validation_failed');
  });

  it('logging out disconnects the session’s sockets; the old token cannot reconnect', async () => {
    const token = await bed.t.staffToken('clerk');
    const s = client<StaffClient>(NAMESPACES.staff, token);
    await join(s);
    expect(expectOk(await ask(s, 'counter:open', { counterId: 'c2' })).counter.status).toBe('open');
    const gone = disconnected(s);
    const logout = await bed.t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearerHeader(token) });
    expect(logout.statusCode).toBe(204);
    // Logging out closes the session's sockets at once…
    await gone;
    const before = bed.t.eventCount();
    // …and a socket of an ended session cannot act even if it reconnects with the old token.
    const again = client<StaffClient>(NAMESPACES.staff, token);
    await expect(join(again)).rejects.toThrow('unauthenticated');
    expect(bed.t.eventCount()).toBe(before);
    expect(bed.t.store.counters.byId('c2')?.status).toBe('open');
  });

  it('a session that expired while its socket stayed open cannot act, and the socket is closed', async () => {
    const s = await staff('clerk');
    await join(s);
    bed.t.clock.minutes(bed.t.services.config.sessionHours * 60 + 1);
    const before = bed.t.eventCount();
    const gone = disconnected(s);
    expect(expectError(await ask(s, 'counter:open', { counterId: 'c2' }))).toBe('unauthenticated');
    await gone;
    expect(bed.t.eventCount()).toBe(before);
  });

  it('answers a message sent with only an ack callback', async () => {
    const s = await staff('clerk');
    await join(s);
    const ack = await new Promise<Ack<unknown>>((resolve) => untyped(s).emit('counter:call-next', resolve));
    expect(expectError(ack)).toBe('validation_failed');
  });

  it('closing the day needs a supervisor: a clerk gets forbidden', async () => {
    const s = await staff('clerk');
    await join(s);
    expect(expectError(await ask(s, 'day:close', {}))).toBe('forbidden');
  });

  it('a kiosk issues over /kiosk with channel kiosk; displays see it', async () => {
    const k = kiosk();
    const d = display();
    await Promise.all([join(k), join(d)]);
    const issuedEvent = once(d, 'ticket:issued');
    const issued = expectOk(await ask(k, 'ticket:issue', { serviceId: 'cert', language: 'en' }));
    expect(issued.ticket.channel).toBe('kiosk');
    const event = await issuedEvent;
    expect(event.data.ticket.id).toBe(issued.ticket.id);
    expect(event.actor.kind).toBe('device');
  });
});

// ---- 5. missed events → fresh snapshot -------------------------------------------------------------

describe('re-sync after missed events', () => {
  it('a skipped event makes the reducer stale; snapshot:request re-syncs it to the server state', async () => {
    const s = await staff();
    const d = display();
    await join(s);
    let state: OfficeState = fromSnapshot(await join(d));
    const seen = record(d);

    expectOk(await ask(s, 'counter:open', { counterId: 'c2' }));
    for (let i = 0; i < 3; i++) expectOk(await ask(s, 'ticket:issue', { serviceId: 'reg' }));
    await seen.untilSeq(serverSeq());
    expect(seen.events).toHaveLength(4);

    // Apply the first, lose the second (a dropped message), then the third arrives.
    const [e1, _lost, e3, e4] = seen.events as [DomainEvent, DomainEvent, DomainEvent, DomainEvent];
    state = applyEvent(state, e1);
    expect(state.stale).toBe(false);
    state = applyEvent(state, e3);
    expect(state.stale).toBe(true);
    // A stale state ignores everything until it is replaced.
    expect(applyEvent(state, e4)).toBe(state);

    const fresh = expectOk(await ask(d, CLIENT_EVENTS.snapshotRequest));
    state = fromSnapshot(fresh);
    expect(state.stale).toBe(false);
    expect(state.seq).toBe(serverSeq());
    expect(state.tickets).toEqual(byId(bed.t.services.queries.snapshot().tickets));
    expect(state.counters).toEqual(byId(bed.t.services.queries.snapshot().counters));
    expect(Object.keys(state.tickets)).toHaveLength(3);

    // From here the live events apply cleanly again.
    const from = seen.events.length;
    const next = expectOk(await ask(s, 'counter:call-next', { counterId: 'c2' }));
    expectOk(await ask(s, 'ticket:start', { ticketId: next.ticket!.id }));
    await seen.untilSeq(serverSeq());
    for (const e of seen.events.slice(from)) state = applyEvent(state, e);
    expect(state.stale).toBe(false);
    expect(state.seq).toBe(serverSeq());
    expect(state.tickets).toEqual(byId(bed.t.services.queries.snapshot().tickets));
    expect(state.counters).toEqual(byId(bed.t.services.queries.snapshot().counters));
  });

  it('a client that was disconnected while commands ran gets a fresh snapshot on reconnect', async () => {
    const clerk = await bed.t.staffToken('clerk');
    const d = display();
    let state: OfficeState = fromSnapshot(await join(d));
    const seen = record(d);

    await rest('POST', '/api/v1/counters/c2/open', clerk);
    await rest('POST', '/api/v1/counters/c1/open', clerk);
    const a = await rest<{ ticket: Ticket }>('POST', '/api/v1/tickets', clerk, { serviceId: 'reg' });
    await seen.untilSeq(serverSeq());
    for (const e of seen.events) state = applyEvent(state, e);
    expect(state.stale).toBe(false);
    expect(state.tickets).toEqual(byId(bed.t.services.queries.snapshot().tickets));
    expect(state.counters).toEqual(byId(bed.t.services.queries.snapshot().counters));

    // Offline: the display misses these.
    const gone = disconnected(d);
    d.disconnect();
    expect(await gone).toBe('io client disconnect');
    const missedFrom = serverSeq();
    await rest('POST', '/api/v1/counters/c2/call-next', clerk);
    await rest('POST', `/api/v1/tickets/${a.ticket.id}/start`, clerk);
    await rest('POST', '/api/v1/tickets', clerk, { serviceId: 'cert' });
    await rest('POST', '/api/v1/tickets', clerk, { serviceId: 'reg', class: 'priority' });
    expect(serverSeq()).toBe(missedFrom + 4);
    expect(seen.events.every((e) => e.seq <= missedFrom)).toBe(true);

    // Back: the snapshot on reconnect carries what was missed.
    const snap = await join(d);
    expect(snap.seq).toBe(serverSeq());

    // The next live event does not follow the old state: the reducer marks it stale…
    const from = seen.events.length;
    await rest('POST', '/api/v1/counters/c1/call-next', clerk);
    await seen.untilSeq(serverSeq());
    const live = seen.events.slice(from);
    expect(live.map((e) => e.seq)).toEqual([serverSeq()]);
    let old = state;
    for (const e of live) old = applyEvent(old, e);
    expect(old.stale).toBe(true);

    // …and the reconnect snapshot plus the live event equal the server.
    state = fromSnapshot(snap);
    for (const e of live) state = applyEvent(state, e);
    expect(state.stale).toBe(false);
    expect(state.seq).toBe(serverSeq());
    expect(state.tickets).toEqual(byId(bed.t.services.queries.snapshot().tickets));
    expect(state.counters).toEqual(byId(bed.t.services.queries.snapshot().counters));
    expect(Object.values(state.tickets).map((x) => x.state).sort()).toEqual(['called', 'serving', 'waiting']);
    expect(state.counters['c1']?.status).toBe('open');
  });
});

// ---- 6. concurrent call-next ------------------------------------------------------------------------

describe('two counters calling at once', () => {
  async function twoClerks() {
    const a = await staff();
    const b = await staff();
    await Promise.all([join(a), join(b)]);
    expectOk(await ask(a, 'counter:open', { counterId: 'c1' }));
    expectOk(await ask(b, 'counter:open', { counterId: 'c2' }));
    return { a, b };
  }

  it('get different tickets', async () => {
    const { a, b } = await twoClerks();
    const issued = await Promise.all([0, 1].map(async () => expectOk(await ask(a, 'ticket:issue', { serviceId: 'reg' }))));

    const [ra, rb] = await Promise.all([
      ask(a, 'counter:call-next', { counterId: 'c1' }),
      ask(b, 'counter:call-next', { counterId: 'c2' }),
    ]);
    const ta = expectOk(ra).ticket;
    const tb = expectOk(rb).ticket;
    expect(ta).not.toBeNull();
    expect(tb).not.toBeNull();
    expect(ta!.id).not.toBe(tb!.id);
    expect(new Set([ta!.id, tb!.id])).toEqual(new Set(issued.map((i) => i.ticket.id)));
    expect(ta!.counterId).toBe('c1');
    expect(tb!.counterId).toBe('c2');
  });

  it('20 tickets, 2 counters × 10 concurrent rounds: no ticket is called twice', async () => {
    const { a, b } = await twoClerks();
    const d = display();
    await join(d);
    const seen = record(d);
    const issued: string[] = [];
    for (let i = 0; i < 20; i++) issued.push(expectOk(await ask(a, 'ticket:issue', { serviceId: 'reg' })).ticket.id);

    const called: string[] = [];
    for (let round = 0; round < 10; round++) {
      const acks = await Promise.all([
        ask(a, 'counter:call-next', { counterId: 'c1' }),
        ask(b, 'counter:call-next', { counterId: 'c2' }),
      ]);
      const [ta, tb] = acks.map((x) => expectOk(x).ticket);
      expect(ta, `round ${round}, c1`).not.toBeNull();
      expect(tb, `round ${round}, c2`).not.toBeNull();
      expect(ta!.id).not.toBe(tb!.id);
      called.push(ta!.id, tb!.id);
      const serve = async (clerk: StaffClient, ticketId: string) => {
        expectOk(await ask(clerk, 'ticket:start', { ticketId }));
        expectOk(await ask(clerk, 'ticket:finish', { ticketId }));
      };
      await Promise.all([serve(a, ta!.id), serve(b, tb!.id)]);
    }

    expect(new Set(called).size).toBe(20);
    expect(new Set(called)).toEqual(new Set(issued));
    expect(bed.t.services.queries.snapshot().tickets).toEqual([]);
    // Everyone else saw exactly one call per ticket, in seq order with no gaps.
    await seen.untilSeq(serverSeq());
    const calls = seen.events.filter((e) => e.type === 'ticket:called');
    expect(calls).toHaveLength(20);
    expect(new Set(calls.map((e) => ('ticket' in e.data ? e.data.ticket.id : '')))).toEqual(new Set(issued));
    const seqs = seen.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
  });
});

// ---- 7. public status ---------------------------------------------------------------------------------

describe('/public', () => {
  it('receives public:status after a ticket is issued, with the waiting count up', async () => {
    const p = publicClient();
    const before = await joinPublic(p);
    const waitingBefore = before.services.find((x) => x.id === 'cert')?.waiting;
    expect(waitingBefore).toBe(0);

    const s = await staff();
    await join(s);
    const next = once(p, SERVER_EVENTS.publicStatus);
    expectOk(await ask(s, 'ticket:issue', { serviceId: 'cert' }));
    const status = await next;
    expect(status.seq).toBe(serverSeq());
    expect(status.services.find((x) => x.id === 'cert')?.waiting).toBe(1);
    expect(status.services.find((x) => x.id === 'reg')?.waiting).toBe(0);
    // /public gets no domain events, only the aggregate.
    expect(status).not.toHaveProperty('tickets');
  });

  it('cannot send staff commands', async () => {
    const p = publicClient();
    await joinPublic(p);
    const raw = p as unknown as ClientSocket;
    const before = bed.t.eventCount();
    // Nothing listens for it on /public, so no ack ever comes; the status request still answers.
    raw.emit('ticket:issue', { serviceId: 'reg' });
    expectOk(await ask(p, SERVER_EVENTS.publicStatus));
    expect(bed.t.eventCount()).toBe(before);
  });
});

// ---- 8. privacy ------------------------------------------------------------------------------------------

describe('tracking tokens', () => {
  it('never appear in a broadcast, a snapshot or the public status; only in the issuer’s own ack', async () => {
    const s = await staff();
    const watcher = await staff();
    const d = display();
    const k = kiosk();
    const p = publicClient();
    const recorders = [record(watcher), record(d), record(k), record(p)];
    await Promise.all([join(s), join(watcher), join(d), join(k), joinPublic(p)]);
    const clerk = await bed.t.staffToken('clerk');

    const tokens: string[] = [];
    const keep = (ticket: Ticket) => {
      expect(ticket.trackingToken).toEqual(expect.any(String));
      tokens.push(ticket.trackingToken!);
      return ticket;
    };
    expectOk(await ask(s, 'counter:open', { counterId: 'c2' }));
    const first = keep(expectOk(await ask(s, 'ticket:issue', { serviceId: 'reg' })).ticket);
    // The first ticket has waited longest, so it is the one c2 calls.
    bed.t.clock.minutes(1);
    keep(expectOk(await ask(k, 'ticket:issue', { serviceId: 'reg' })).ticket);
    keep((await rest<{ ticket: Ticket }>('POST', '/api/v1/tickets', clerk, { serviceId: 'cert' })).ticket);
    const cancelled = keep(expectOk(await ask(s, 'ticket:issue', { serviceId: 'cert' })).ticket);

    expect(expectOk(await ask(s, 'counter:call-next', { counterId: 'c2' })).ticket?.id).toBe(first.id);
    expectOk(await ask(s, 'ticket:recall', { ticketId: first.id }));
    expectOk(await ask(s, 'ticket:start', { ticketId: first.id }));
    expectOk(await ask(s, 'ticket:finish', { ticketId: first.id }));
    expect(expectOk(await ask(s, 'ticket:cancel', { ticketId: cancelled.id, reason: 'issued_in_error' })).ticket.state).toBe('cancelled');

    const seq = serverSeq();
    const publicCaughtUp = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no public:status at the last seq')), WAIT_MS);
      const check = (status: PublicStatus) => {
        if (status.seq < seq) return;
        clearTimeout(timer);
        p.off(SERVER_EVENTS.publicStatus, check);
        resolve();
      };
      p.on(SERVER_EVENTS.publicStatus, check);
      // It may already have arrived.
      for (const [name, payload] of recorders[3]!.all) if (name === SERVER_EVENTS.publicStatus) check(payload as PublicStatus);
    });
    await Promise.all([...recorders.slice(0, 3).map((r) => r.untilSeq(seq)), publicCaughtUp]);
    // Snapshots asked for now hold the active tickets issued above.
    const snaps = await Promise.all([watcher, d, k].map(async (x) => expectOk(await ask(x, CLIENT_EVENTS.snapshotRequest))));
    expect(snaps[0]!.tickets).toHaveLength(2);

    const received = JSON.stringify([...recorders.map((r) => r.all), snaps]);
    expect(recorders[1]!.events.filter((e) => e.type === 'ticket:issued')).toHaveLength(4);
    expect(received).not.toContain('trackingToken');
    for (const token of tokens) expect(received).not.toContain(token);
  });
});
