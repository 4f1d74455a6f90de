// The /public namespace: open to any site and to nobody in particular. A socket is sent its office's
// public status on connect (`snapshot`) and after every change (`public:status`), answers the
// status request, and on the office server may follow one ticket by its tracking token
// (`ticket:follow`, then `ticket:view` after each change of it instead of every status). The office
// server and the public nodes (src/scale/) attach the same handlers, each over its PublicSource.
import type { Namespace, Socket } from 'socket.io';
import { Value } from '@sinclair/typebox/value';
import type { FastifyBaseLogger } from 'fastify';
import {
  CLIENT_EVENTS,
  SERVER_EVENTS,
  TicketFollowPayload,
  type AckFn,
  type ErrorBody,
  type ETicketView,
  type PublicClientToServer,
  type PublicServerToClient,
  type PublicStatus,
} from '@jiaohao/shared';
import type { Clock } from '../core/engine';
import { SlidingWindow } from '../core/limits';
import type { PublicView } from '../modules/public/public.service';
import type { PublicSource } from '../modules/public/public.source';
import type { ETicketFeed } from '../modules/public/eticket.service';
import { refuseTheRest, toError } from './acks';

interface PublicData {
  /** The office this socket follows the status of (handshake query `office`, or the only one). */
  office: string;
  slice: number;
}
export type PublicNs = Namespace<PublicClientToServer, PublicServerToClient, Record<string, never>, PublicData>;

// /public sockets following one ticket (by its id: the token never names a room), and every socket
// following one, which is sent its ticket's view instead of every public status.
const ticketRoom = (id: string) => `ticket:${id}`;
const FOLLOWERS_ROOM = 'ticket-followers';
/** ticket:follow messages a /public connection may send per minute (a page sends one per (re)connect). */
const FOLLOWS_PER_MINUTE = 12;
/**
 * The status push goes out in this many slices, one per event-loop turn: with 2,000 sockets one
 * write to all of them held up a display's call behind it (p99 ~200 ms); between slices the loop
 * reads and writes everything else.
 */
export const PUBLIC_SLICES = 16;
const sliceRoom = (office: string, slice: number) => `status:${office}:${slice}`;

export interface PublicNamespaceOptions {
  readonly source: PublicSource;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  /** The office server's e-tickets; null on a public node, where ticket:follow is refused. */
  readonly tickets: ETicketFeed | null;
  /** How many slices a push is cut into (tests); PUBLIC_SLICES otherwise. */
  readonly slices?: number;
}

const NO_ETICKETS: ErrorBody = {
  code: 'forbidden',
  message: 'E-tickets are followed on the office server: open the link on the printed ticket (this server only shows the waiting counts)',
};

/**
 * Sends each new view to every slice of its office's sockets, one slice per setImmediate turn. A
 * slice not reached yet when a newer view comes is sent the newer one only; a slice already sent
 * is queued again: every socket gets the latest view, and never one twice.
 */
export class SlicedPush {
  private readonly latest = new Map<string, PublicView>();
  private readonly queue: { office: string; slice: number }[] = [];
  private readonly queued = new Set<string>();
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    private readonly nsp: PublicNs,
    private readonly slices: number,
  ) {}

  push(view: PublicView): void {
    const office = view.status.office.id;
    this.latest.set(office, view);
    for (let slice = 0; slice < this.slices; slice++) {
      const room = sliceRoom(office, slice);
      if (this.queued.has(room)) continue;
      this.queued.add(room);
      this.queue.push({ office, slice });
    }
    this.scheduled ??= setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = null;
    const rooms = this.nsp.adapter.rooms;
    // Empty slices cost nothing: go on to the first one with sockets in it, send it, and yield.
    while (this.queue.length > 0) {
      const { office, slice } = this.queue.shift()!;
      const room = sliceRoom(office, slice);
      this.queued.delete(room);
      const view = this.latest.get(office);
      if (!view || !rooms.get(room)?.size) continue;
      this.nsp.to(room).except(FOLLOWERS_ROOM).emit(SERVER_EVENTS.publicStatus, view.status);
      break;
    }
    if (this.queue.length > 0) this.scheduled = setImmediate(() => this.turn());
  }

  close(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.queue.length = 0;
    this.queued.clear();
  }
}

/** The office a handshake asks for (query `office`; left out or empty: the only one). */
function officeAsked(query: Record<string, unknown>): string | undefined {
  const asked = query.office;
  return typeof asked === 'string' && asked !== '' ? asked : undefined;
}

export function attachPublicNamespace(pub: PublicNs, o: PublicNamespaceOptions): { close(): void } {
  const { source, log, tickets } = o;
  const slices = Math.max(1, o.slices ?? PUBLIC_SLICES);
  const pusher = new SlicedPush(pub, slices);
  let nextSlice = 0;

  // The office is chosen once, in the handshake: an unknown one is refused there (connect_error).
  pub.use((socket, next) => {
    try {
      socket.data.office = source.current(officeAsked(socket.handshake.query)).status.office.id;
      socket.data.slice = nextSlice++ % slices;
      next();
    } catch (err) {
      const body = toError(err, log);
      next(Object.assign(new Error(body.message), { data: body }));
    }
  });

  // The public status is only rebuilt for pushing while someone listens on /public. A phone that
  // follows its ticket needs none of it: it is sent its own ticket's view only.
  let offPublic: (() => void) | null = null;
  const offTickets = tickets?.onChange((view) => pub.to(ticketRoom(view.ticketId)).emit(SERVER_EVENTS.ticketView, view)) ?? (() => {});
  const follows = new SlidingWindow({ max: FOLLOWS_PER_MINUTE, windowMs: 60_000 });
  pub.on('connection', (socket) => {
    const { office, slice } = socket.data;
    void socket.join(sliceRoom(office, slice));
    offPublic ??= source.subscribe((view) => pusher.push(view));
    let following: { ticketId: string; release: () => void } | null = null;
    socket.on('disconnect', () => {
      following?.release();
      following = null;
      if (pub.sockets.size === 0 && offPublic) {
        offPublic();
        offPublic = null;
      }
    });
    socket.emit(SERVER_EVENTS.snapshot, source.current(office).status);
    // The ack is the last argument, whatever a client sends before it (found by the public-node fuzz:
    // a payload first left the ack unanswered).
    (socket as unknown as Socket).on(CLIENT_EVENTS.publicStatus, (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack === 'function') (ack as AckFn<PublicStatus>)({ ok: true, data: source.current(office).status });
    });
    // Untyped arguments: whatever a client sends, the ack is the last one and the payload the first.
    (socket as unknown as Socket).on(CLIENT_EVENTS.ticketFollow, (...args: unknown[]) => {
      const last = args.at(-1);
      const reply: AckFn<ETicketView> = typeof last === 'function' ? (last as AckFn<ETicketView>) : () => undefined;
      if (!tickets) return reply({ ok: false, error: NO_ETICKETS });
      const payload = args[0] === last && typeof last === 'function' ? undefined : args[0];
      const verdict = follows.take(socket.id, o.clock());
      if (!verdict.ok) {
        const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
        return reply({ ok: false, error: { code: 'rate_limited', message: `Too many follow requests; try again in ${seconds} s`, details: { retryAfterSeconds: seconds } } });
      }
      if (!Value.Check(TicketFollowPayload, payload)) {
        return reply({ ok: false, error: { code: 'validation_failed', message: 'ticket:follow takes { token: <the tracking token> }' } });
      }
      let view: ETicketView;
      try {
        view = tickets.byToken(payload.token);
      } catch (err) {
        return reply({ ok: false, error: toError(err, log) });
      }
      // One ticket per connection: following another lets the first go.
      if (following?.ticketId !== view.ticketId) {
        if (following) {
          following.release();
          void socket.leave(ticketRoom(following.ticketId));
        }
        void socket.join([ticketRoom(view.ticketId), FOLLOWERS_ROOM]);
        following = { ticketId: view.ticketId, release: tickets.follow(view) };
      }
      reply({ ok: true, data: view });
    });
    refuseTheRest(socket as unknown as Socket, new Set([CLIENT_EVENTS.publicStatus, CLIENT_EVENTS.ticketFollow]), 'The public connection');
  });

  return {
    close() {
      offPublic?.();
      offPublic = null;
      offTickets();
      pusher.close();
    },
  };
}
