// Socket.IO on the HTTP server's port. Every namespace authenticates in the handshake (a device
// token, a staff bearer token, or the browser's session cookie), sends a snapshot on connect and
// then the events its audience is sent (EVENT_AUDIENCES), each with its seq. A device is also sent
// its own Device (device:self) just before its snapshot and whenever an admin changes it. The commands a
// namespace accepts come from the registry in shared/: one generic binding validates the payload
// with the command's own schema, runs it through the command bus and acks its result.
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import fastifyCookie from '@fastify/cookie';
import {
  CLIENT_EVENTS,
  deviceCommandNames,
  DomainError,
  isSentTo,
  NAMESPACES,
  SERVER_EVENTS,
  staffCommandNames,
  type Audience,
  type AckFn,
  type CommandName,
  type CommandPayload,
  type CommandResult,
  type Device,
  type DeviceSelf,
  type DomainEvent,
  type Snapshot,
  type StaffClientToServer,
  type StaffServerToClient,
} from '@jiaohao/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '../core/principal';
import type { AppServices } from '../http/context';
import { SESSION_COOKIE } from '../http/auth';
import { sameOrigin } from '../http/origin';
import { hashToken } from '../core/tokens';
import { SlidingWindow } from '../core/limits';
import { feedSource } from '../modules/public/public.source';
import { refuseTheRest, toError } from './acks';
import { attachPublicNamespace, type PublicNs } from './public-namespace';

interface Data {
  principal: Principal;
  token: string;
}
// /display and /kiosk send a subset of the staff messages, and are sent device:self besides; one
// socket type covers the three.
type QueueServerToClient = StaffServerToClient & DeviceSelf;
type QueueNs = Namespace<StaffClientToServer, QueueServerToClient, Record<string, never>, Data>;
type QueueSocket = Socket<StaffClientToServer, QueueServerToClient, Record<string, never>, Data>;
type QueueAudience = Exclude<Audience, 'public'>;

const deviceRoom = (id: string) => `device:${id}`;
// Every socket of one staff member, so deactivating them or changing their password ends them all.
const staffRoom = (id: string) => `staff:${id}`;
/** Full snapshots a connection may ask for per minute (a client asks after a gap or a reconnect). */
const SNAPSHOTS_PER_MINUTE = 10;
/** How often sockets whose session expired are looked for (a command re-checks at once anyway). */
const SWEEP_MS = 30_000;
// Sockets of one login session, so logging out closes them at once.
const sessionRoom = (token: string) => `session:${hashToken(token)}`;

/** The session cookie of a browser's handshake, if it sent one. */
function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  return header ? fastifyCookie.parse(header)[SESSION_COOKIE] : undefined;
}

export interface Realtime {
  readonly io: Server;
  disconnectSession(token: string): void;
  /** Disconnects every socket whose session or device token no longer resolves (expired sessions). */
  sweep(): void;
  close(): Promise<void>;
}

export function attachSockets(httpServer: HttpServer, s: AppServices, log: FastifyBaseLogger): Realtime {
  // Polling requests from other sites are allowed only for what needs no credentials (the public
  // namespace): cookies are never sent cross-origin, and the handshake below refuses a foreign
  // Origin on every namespace but /public.
  const io = new Server(httpServer, { serveClient: false, cors: { origin: true, credentials: false } });
  const { bus } = s;

  const authenticate = (allowed: (p: Principal) => boolean) => (socket: Socket, next: (err?: Error) => void) => {
    const req = socket.request;
    if (!sameOrigin(req.headers.origin, req.headers.host, s.config.allowedOrigins)) return next(new Error('forbidden origin'));
    const given = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    // A browser keeps no token in JavaScript: its httpOnly session cookie authenticates instead.
    const token = typeof given === 'string' ? given : cookieToken(req);
    const principal = token === undefined ? null : s.auth.resolve(token);
    if (!principal || token === undefined) return next(new Error('unauthenticated'));
    if (!allowed(principal)) return next(new Error('forbidden'));
    (socket.data as Data).principal = principal;
    (socket.data as Data).token = token;
    if (principal.kind === 'device') s.auth.deviceSeen(principal.id);
    next();
  };

  const namespaces: Record<QueueAudience, QueueNs> = {
    staff: io.of(NAMESPACES.staff) as QueueNs,
    display: io.of(NAMESPACES.display) as QueueNs,
    kiosk: io.of(NAMESPACES.kiosk) as QueueNs,
  };

  namespaces.staff.use(authenticate((p) => p.kind === 'staff'));
  namespaces.display.use(authenticate((p) => p.kind === 'staff' || (p.kind === 'device' && p.deviceKind === 'display')));
  namespaces.kiosk.use(authenticate((p) => p.kind === 'staff' || (p.kind === 'device' && p.deviceKind === 'kiosk')));

  /**
   * Binds one command to a socket. The bus validates the payload against the registry entry of
   * `name` and the ack is typed by it, so they cannot disagree.
   */
  const bind = <K extends CommandName>(socket: QueueSocket, name: K, who: () => Principal) => {
    const listener = (payload: unknown, ack: unknown) => {
      // A client that sent only a callback still gets an answer (the payload is missing).
      if (typeof payload === 'function' && ack === undefined) {
        ack = payload;
        payload = undefined;
      }
      const reply: AckFn<CommandResult<K>> = typeof ack === 'function' ? (ack as AckFn<CommandResult<K>>) : () => undefined;
      const fail = (err: unknown) => reply({ ok: false, error: toError(err, log) });
      try {
        // Unchecked until the bus validates it against the command's schema.
        bus.execute(who(), name, payload as CommandPayload<K>).then((data) => reply({ ok: true, data }), fail);
      } catch (err) {
        fail(err);
      }
    };
    // Socket.IO's typed `on` cannot follow a generic K; the listener above is typed from the registry instead.
    (socket as unknown as Socket).on(name as string, listener);
  };

  const snapshots = new SlidingWindow({ max: SNAPSHOTS_PER_MINUTE, windowMs: 60_000 });
  const onConnect = (audience: QueueAudience, socket: QueueSocket) => {
    const p = socket.data.principal;
    if (p.kind === 'device') {
      void socket.join(deviceRoom(p.id));
      // Before the snapshot, so a display knows which lines and counters it shows when it draws it.
      const self = s.queries.device(p.id);
      if (self) socket.emit(SERVER_EVENTS.device, self);
    }
    if (p.kind === 'staff') void socket.join([sessionRoom(socket.data.token), staffRoom(p.id)]);
    socket.emit(SERVER_EVENTS.snapshot, s.queries.snapshot());
    socket.on(CLIENT_EVENTS.snapshotRequest, (ack: AckFn<Snapshot>) => {
      if (typeof ack !== 'function') return;
      const verdict = snapshots.take(socket.id, s.clock());
      if (verdict.ok) return ack({ ok: true, data: s.queries.snapshot() });
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      ack({ ok: false, error: { code: 'rate_limited', message: `Too many snapshot requests; try again in ${seconds} s`, details: { retryAfterSeconds: seconds } } });
    });
    // Checked again for every command: a session that ended (logout, expiry) or a revoked device
    // cannot act through a socket opened before.
    const who = (): Principal => {
      const current = s.auth.resolve(socket.data.token);
      if (!current) {
        setImmediate(() => socket.disconnect(true));
        throw new DomainError('unauthenticated', 'The session has ended; log in again');
      }
      return current;
    };
    const names = audience === 'staff' ? staffCommandNames() : deviceCommandNames(audience);
    for (const name of names) bind(socket, name, who);
    const label = p.kind === 'device' ? `A ${p.deviceKind}` : `The ${audience} connection`;
    refuseTheRest(socket as unknown as Socket, new Set<string>([...names, CLIENT_EVENTS.snapshotRequest]), label);
  };
  for (const audience of ['staff', 'display', 'kiosk'] as const) {
    namespaces[audience].on('connection', (socket) => onConnect(audience, socket));
  }

  // The /public namespace, over the office's own public feed (the public nodes attach the same).
  const publicNs = attachPublicNamespace(io.of(NAMESPACES.public) as PublicNs, { source: feedSource(s.feed), clock: s.clock, log, tickets: s.feed.tickets });

  const broadcast = (events: readonly DomainEvent[]) => {
    for (const audience of ['staff', 'display', 'kiosk'] as const) {
      const nsp = namespaces[audience];
      if (nsp.sockets.size === 0) continue;
      for (const e of events) {
        // An audience that is not sent an event still learns its seq, so a real gap stays a gap.
        if (isSentTo(audience, e.type)) (nsp as unknown as Namespace).emit(e.type, e);
        else nsp.emit(SERVER_EVENTS.skipped, { seq: e.seq });
      }
    }
    for (const e of events) {
      if (e.type === 'device:changed') {
        const { id, kind, revoked } = e.data.device;
        // Revoking a device disconnects it at once, whichever way it was revoked.
        if (revoked) for (const nsp of [namespaces.display, namespaces.kiosk]) nsp.in(deviceRoom(id)).disconnectSockets(true);
        else sendSelf(kind, id);
      }
      // Deactivated, or a new password (which ends their sessions): their sockets end with them.
      if (e.type === 'staff:changed') dropEnded(staffRoom(e.data.staff.id));
    }
  };

  /** A changed device is sent its new self on every socket it has open (its room in its namespace). */
  const sendSelf = (kind: Device['kind'], id: string) => {
    const nsp = namespaces[kind];
    if (nsp.sockets.size === 0) return;
    const device = s.queries.device(id);
    if (device && device.revokedAt === null) nsp.to(deviceRoom(id)).emit(SERVER_EVENTS.device, device);
  };

  /** Disconnects the sockets (in `room`, or all) whose token no longer resolves to a principal. */
  const dropEnded = (room?: string) => {
    for (const nsp of Object.values(namespaces)) {
      for (const socket of nsp.sockets.values()) {
        if (room !== undefined && !socket.rooms.has(room)) continue;
        if (!s.auth.resolve(socket.data.token)) socket.disconnect(true);
      }
    }
  };
  const sweepTimer = setInterval(() => dropEnded(), SWEEP_MS);
  sweepTimer.unref();
  const offEvents = s.onEvents(broadcast);

  return {
    io,
    disconnectSession(token) {
      for (const nsp of Object.values(namespaces)) nsp.in(sessionRoom(token)).disconnectSockets(true);
    },
    sweep: () => dropEnded(),
    async close() {
      clearInterval(sweepTimer);
      offEvents();
      publicNs.close();
      io.disconnectSockets(true);
      // Not io.close(): that closes the HTTP server, which Fastify closes itself.
      io.engine.close();
    },
  };
}
