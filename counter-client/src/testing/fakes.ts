// A fake REST api for component tests: the test plays the server (the fake socket is @jiaohao/web/testing's).
import type { DomainEvent, DomainEventType, EventOf, Staff } from '@jiaohao/shared/schemas';
import { ApiError, type api as Api } from '../connection/api';

export function fakeApi(staff: Staff, password = 'right password'): typeof Api & { signedIn: boolean } {
  const state = { signedIn: false };
  const refuse = (status: number, code: string) => Promise.reject(new ApiError(status, { code: code as never, message: code }));
  return {
    get signedIn() {
      return state.signedIn;
    },
    login: (username, pw) => {
      if (username !== staff.username || pw !== password) return refuse(401, 'invalid_credentials');
      state.signedIn = true;
      return Promise.resolve({ staff, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    },
    logout: () => {
      state.signedIn = false;
      return Promise.resolve();
    },
    me: () => (state.signedIn ? Promise.resolve({ staff }) : refuse(401, 'unauthenticated')),
    get: () => refuse(404, 'not_found'),
    post: () => refuse(404, 'not_found'),
    patch: () => refuse(404, 'not_found'),
  } as typeof Api & { signedIn: boolean };
}

export type SignedInApi = typeof Api & {
  /** Every GET path asked for, in order. */
  readonly gets: string[];
  /** How many times `path` was read. */
  reads(path: string): number;
};

/**
 * `staff` is signed in already; GET answers from `routes` (a value, or a function of how many
 * times that path was read, which may throw an ApiError), 404 for any other path.
 */
export function signedInApi(staff: Staff, routes: Record<string, unknown> = {}): SignedInApi {
  const gets: string[] = [];
  const reads = (path: string) => gets.filter((p) => p === path).length;
  return Object.assign(fakeApi(staff), {
    gets,
    reads,
    me: () => Promise.resolve({ staff }),
    get: <T,>(path: string): Promise<T> => {
      gets.push(path);
      if (!(path in routes)) return Promise.reject(new ApiError(404, { code: 'not_found', message: 'not found' }));
      const answer = routes[path];
      try {
        const value = typeof answer === 'function' ? (answer as (n: number) => unknown)(reads(path)) : answer;
        return Promise.resolve(structuredClone(value) as T);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
  }) as SignedInApi;
}

/** An event as the server appends it: by `actor` (a staff member), at `at`. */
export function serverEvent<K extends DomainEventType>(seq: number, type: K, data: EventOf<K>['data'], at: string, actor: Staff): DomainEvent {
  return { seq, type, at, actor: { kind: 'staff', id: actor.id }, reason: null, data } as EventOf<K>;
}
