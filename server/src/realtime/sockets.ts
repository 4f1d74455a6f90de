// Socket.IO on the HTTP server's port. Every namespace authenticates in the handshake, sends a
// snapshot on connect and then every event with its seq; staff can send commands, acked.
import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { TSchema, Static } from '@sinclair/typebox';
import {
  CallTicketPayload,
  CancelPayload,
  CLIENT_EVENTS,
  CounterRef,
  DomainError,
  EmptyBody,
  IssueTicketBody,
  NAMESPACES,
  PausePayload,
  SERVER_EVENTS,
  TicketReasonPayload,
  TicketRef,
  TransferPayload,
  type Ack,
  type DomainEvent,
  type ErrorBody,
  type KioskClientToServer,
  type PublicClientToServer,
  type PublicServerToClient,
  type StaffClientToServer,
  type StaffServerToClient,
} from '@jiaohao/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '../core/principal';
import type { AppServices } from '../http/context';
import { hashToken } from '../core/tokens';

interface Data {
  principal: Principal;
  token: string;
}
type StaffNs = Namespace<StaffClientToServer, StaffServerToClient, Record<string, never>, Data>;
type StaffSocket = Socket<StaffClientToServer, StaffServerToClient, Record<string, never>, Data>;

const deviceRoom = (id: string) => `device:${id}`;
// Staff sockets of one login session, so logging out closes them at once.
const sessionRoom = (token: string) => `session:${hashToken(token)}`;

function toError(err: unknown, log: FastifyBaseLogger): ErrorBody {
  if (err instanceof DomainError) return err.toBody();
  log.error({ err }, 'socket command failed');
  return { code: 'internal', message: 'Something went wrong on the server' };
}

/** Validates the payload, runs the command, acks the result or the error; never throws. */
function handler<S extends TSchema, R>(schema: S, run: (payload: Static<S>) => R, log: FastifyBaseLogger) {
  const check = TypeCompiler.Compile(schema);
  return (payload: unknown, ack: unknown) => {
    // A client that sent only a callback still gets an answer (the payload is missing).
    if (typeof payload === 'function' && ack === undefined) {
      ack = payload;
      payload = undefined;
    }
    const reply = typeof ack === 'function' ? (ack as (a: Ack<R>) => void) : () => undefined;
    if (!check.Check(payload)) {
      const first = check.Errors(payload).First();
      reply({ ok: false, error: { code: 'validation_failed', message: `${first?.path || 'payload'}: ${first?.message ?? 'invalid'}` } });
      return;
    }
    try {
      reply({ ok: true, data: run(payload) });
    } catch (err) {
      reply({ ok: false, error: toError(err, log) });
    }
  };
}

export interface Realtime {
  readonly io: Server;
  disconnectDevice(id: string): void;
  disconnectSession(token: string): void;
  close(): Promise<void>;
}

export function attachSockets(httpServer: HttpServer, s: AppServices, log: FastifyBaseLogger): Realtime {
  const io = new Server(httpServer, { serveClient: false, cors: { origin: true, credentials: false } });
  const { commands, engine } = s;

  const authenticate = (allowed: (p: Principal) => boolean) => (socket: Socket, next: (err?: Error) => void) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const principal = typeof token === 'string' ? s.auth.resolve(token) : null;
    if (!principal) return next(new Error('unauthenticated'));
    if (!allowed(principal)) return next(new Error('forbidden'));
    (socket.data as Data).principal = principal;
    (socket.data as Data).token = token as string;
    if (principal.kind === 'device') s.devices.seen(principal.id);
    next();
  };

  const staff = io.of(NAMESPACES.staff) as StaffNs;
  const display = io.of(NAMESPACES.display) as StaffNs;
  const kiosk = io.of(NAMESPACES.kiosk) as StaffNs;
  const pub = io.of(NAMESPACES.public) as Namespace<PublicClientToServer, PublicServerToClient>;

  staff.use(authenticate((p) => p.kind === 'staff'));
  display.use(authenticate((p) => p.kind === 'staff' || (p.kind === 'device' && p.deviceKind === 'display')));
  kiosk.use(authenticate((p) => p.kind === 'staff' || (p.kind === 'device' && p.deviceKind === 'kiosk')));

  const onConnect = (socket: StaffSocket) => {
    const p = socket.data.principal;
    if (p.kind === 'device') void socket.join(deviceRoom(p.id));
    if (p.kind === 'staff') void socket.join(sessionRoom(socket.data.token));
    socket.emit(SERVER_EVENTS.snapshot, engine.snapshot());
    socket.on(CLIENT_EVENTS.snapshotRequest, (ack) => {
      if (typeof ack === 'function') ack({ ok: true, data: engine.snapshot() });
    });
  };

  staff.on('connection', (socket) => {
    onConnect(socket);
    // The session is checked again for every command: a staff member who logged out (or whose
    // session expired) cannot act through a socket opened before.
    const who = (): Principal => {
      const current = s.auth.resolve(socket.data.token);
      if (!current) {
        setImmediate(() => socket.disconnect(true));
        throw new DomainError('unauthenticated', 'The session has ended; log in again');
      }
      return current;
    };
    const on = <S extends TSchema, R>(event: keyof StaffClientToServer, schema: S, run: (p: Static<S>) => R) =>
      (socket as unknown as Socket).on(event, handler(schema, run, log));
    on(CLIENT_EVENTS.issueTicket, IssueTicketBody, (p) => commands.issueTicket(who(), p));
    on(CLIENT_EVENTS.callNext, CounterRef, (p) => commands.callNext(who(), p.counterId));
    on(CLIENT_EVENTS.openCounter, CounterRef, (p) => ({ counter: commands.openCounter(who(), p.counterId) }));
    on(CLIENT_EVENTS.pauseCounter, PausePayload, (p) => ({ counter: commands.pauseCounter(who(), p.counterId, p.reason, p.note) }));
    on(CLIENT_EVENTS.closeCounter, CounterRef, (p) => ({ counter: commands.closeCounter(who(), p.counterId) }));
    on(CLIENT_EVENTS.callTicket, CallTicketPayload, (p) => ({ ticket: commands.callTicket(who(), p.ticketId, p.counterId, p.reason, p.note) }));
    on(CLIENT_EVENTS.recall, TicketRef, (p) => ({ ticket: commands.recall(who(), p.ticketId) }));
    on(CLIENT_EVENTS.start, TicketRef, (p) => ({ ticket: commands.start(who(), p.ticketId) }));
    on(CLIENT_EVENTS.finish, TicketRef, (p) => ({ ticket: commands.finish(who(), p.ticketId) }));
    on(CLIENT_EVENTS.noShow, TicketReasonPayload, (p) => ({ ticket: commands.noShow(who(), p.ticketId, p.reason, p.note) }));
    on(CLIENT_EVENTS.requeue, TicketReasonPayload, (p) => ({ ticket: commands.requeue(who(), p.ticketId, p.reason, p.note) }));
    on(CLIENT_EVENTS.transfer, TransferPayload, (p) => {
      const to = { ...(p.serviceId ? { serviceId: p.serviceId } : {}), ...(p.counterId ? { counterId: p.counterId } : {}) };
      return { ticket: commands.transfer(who(), p.ticketId, to, p.reason, p.note) };
    });
    on(CLIENT_EVENTS.cancel, CancelPayload, (p) => ({ ticket: commands.cancel(who(), p.ticketId, { reason: p.reason, note: p.note }) }));
    on(CLIENT_EVENTS.closeDay, EmptyBody, () => commands.closeDay(who()));
  });
  display.on('connection', onConnect);
  kiosk.on('connection', (socket) => {
    onConnect(socket);
    (socket as unknown as Socket).on(
      CLIENT_EVENTS.issueTicket satisfies keyof KioskClientToServer,
      handler(IssueTicketBody, (p) => commands.issueTicket(socket.data.principal, p), log),
    );
  });

  // The public status is only rebuilt for pushing while someone listens on /public.
  let offPublic: (() => void) | null = null;
  pub.on('connection', (socket) => {
    offPublic ??= s.feed.subscribe((view) => pub.emit(SERVER_EVENTS.publicStatus, view.status));
    socket.on('disconnect', () => {
      if (pub.sockets.size === 0 && offPublic) {
        offPublic();
        offPublic = null;
      }
    });
    socket.emit(SERVER_EVENTS.snapshot, s.feed.current().status);
    socket.on(SERVER_EVENTS.publicStatus, (ack) => {
      if (typeof ack === 'function') ack({ ok: true, data: s.feed.current().status });
    });
  });

  const broadcast = (events: readonly DomainEvent[]) => {
    for (const nsp of [staff, display, kiosk]) {
      if (nsp.sockets.size === 0) continue;
      for (const e of events) (nsp as unknown as Namespace).emit(e.type, e);
    }
  };
  const offEvents = engine.onEvents(broadcast);

  return {
    io,
    disconnectSession(token) {
      for (const nsp of [staff, display, kiosk]) nsp.in(sessionRoom(token)).disconnectSockets(true);
    },
    disconnectDevice(id) {
      for (const nsp of [display, kiosk]) nsp.in(deviceRoom(id)).disconnectSockets(true);
    },
    async close() {
      offEvents();
      offPublic?.();
      io.disconnectSockets(true);
      // Not io.close(): that closes the HTTP server, which Fastify closes itself.
      io.engine.close();
    },
  };
}
