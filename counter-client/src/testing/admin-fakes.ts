// Helpers for the admin view's tests: an admin already signed in, REST reads answered from a table
// (and counted, to see a list read again), and a fake server that answers each command by name and
// broadcasts the events a real one would, with the next seq.
import type { Ack, DomainEvent, DomainEventType, EventOf, Snapshot, Staff } from '@jiaohao/shared/schemas';
import type { FakeSocket } from '@jiaohao/web/testing';
import { serverEvent, signedInApi, type SignedInApi } from './fakes';

export const adminStaff: Staff = { id: 'admin-1', username: 'admin', displayName: '王管理', role: 'admin', active: true };

export type AdminApi = SignedInApi;

/** The admin is signed in; GET answers from `routes` (see signedInApi). */
export const adminApi = (staff: Staff, routes: Record<string, unknown> = {}): AdminApi => signedInApi(staff, routes);

type Handler = (payload: never) => Ack<unknown>;

/**
 * Plays the server on a FakeSocket: `on(command, handler)` answers that command (the handler may
 * `broadcast` first, as the server publishes before it acks); any other command is refused, so a
 * test never waits for a timeout.
 */
export class FakeServer {
  private seq: number;
  private readonly handlers = new Map<string, Handler>();

  constructor(
    private readonly socket: FakeSocket,
    snapshot: Snapshot,
  ) {
    this.seq = snapshot.seq;
    socket.answer = (event, payload) => {
      const handler = this.handlers.get(event);
      if (handler) return handler(payload as never);
      return { ok: false, error: { code: 'forbidden', message: `no handler for ${event} in this test` } };
    };
    socket.serverSends('connect');
    socket.serverSends('snapshot', snapshot);
  }

  on<P>(command: string, handler: (payload: P) => Ack<unknown>): this {
    this.handlers.set(command, handler as Handler);
    return this;
  }

  /** The payloads the client sent for `command`. */
  sent(command: string): unknown[] {
    return this.socket.sent.filter((m) => m.event === command).map((m) => m.payload);
  }

  /** Appends an event (the next seq) and sends it, as the server does after a command commits. */
  broadcast<K extends DomainEventType>(type: K, data: EventOf<K>['data'], actor: Staff = adminStaff): DomainEvent {
    this.seq += 1;
    const event = serverEvent(this.seq, type, data, new Date().toISOString(), actor);
    this.socket.serverSends(type, event);
    return event;
  }
}

export const refused = (code: string, message: string, details?: unknown): Ack<never> =>
  ({ ok: false, error: details === undefined ? { code, message } : { code, message, details } }) as Ack<never>;
