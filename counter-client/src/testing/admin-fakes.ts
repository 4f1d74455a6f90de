// Helpers for the admin view's tests: an admin already signed in, REST reads answered from a table
// (and counted, to see a list read again), and a fake server that answers each command by name and
// broadcasts the events a real one would, with the next seq.
import type { Ack, DomainEvent, DomainEventType, EventOf, Snapshot, Staff } from '@jiaohao/shared/schemas';
import { ApiError, type api as Api } from '../connection/api';
import { fakeApi, type FakeSocket } from './fakes';

export const adminStaff: Staff = { id: 'admin-1', username: 'admin', displayName: '王管理', role: 'admin', active: true };

export type AdminApi = typeof Api & {
  /** Every GET path asked for, in order. */
  readonly gets: string[];
  /** How many times `path` was read. */
  reads(path: string): number;
};

/** `staff` is signed in; GET answers from `routes` (a value, or a function of the read count that may throw an ApiError), 404 otherwise. */
export function adminApi(staff: Staff, routes: Record<string, unknown> = {}): AdminApi {
  const gets: string[] = [];
  return Object.assign(fakeApi(staff), {
    gets,
    reads: (path: string) => gets.filter((p) => p === path).length,
    me: () => Promise.resolve({ staff }),
    get: <T,>(path: string): Promise<T> => {
      gets.push(path);
      if (!(path in routes)) return Promise.reject(new ApiError(404, { code: 'not_found', message: 'not found' }));
      const answer = routes[path];
      try {
        const value = typeof answer === 'function' ? (answer as (n: number) => unknown)(gets.filter((p) => p === path).length) : answer;
        return Promise.resolve(structuredClone(value) as T);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
  }) as AdminApi;
}

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
    const event = { seq: this.seq, type, at: new Date().toISOString(), actor: { kind: 'staff', id: actor.id }, reason: null, data } as EventOf<K>;
    this.socket.serverSends(type, event);
    return event;
  }
}

export const refused = (code: string, message: string, details?: unknown): Ack<never> =>
  ({ ok: false, error: details === undefined ? { code, message } : { code, message, details } }) as Ack<never>;
