// Helpers for the supervisor's floor tests: a supervisor already signed in, REST reads answered
// from a table, and server events built as the server appends them.
import type { DomainEvent, DomainEventType, EventOf, Staff } from '@jiaohao/shared/schemas';
import { ApiError, type api as Api } from '../connection/api';
import { fakeApi } from './fakes';

export const supervisor: Staff = { id: 'sup-1', username: 'chen', displayName: '陳主任', role: 'supervisor', active: true };

export type FloorApi = typeof Api & {
  /** Every GET path asked for, in order. */
  readonly gets: string[];
};

/**
 * The REST side: `staff` is signed in already; GET answers from `routes` (a value, or a function
 * of the call count that may throw an ApiError), 404 for any other path.
 */
export function floorApi(staff: Staff, routes: Record<string, unknown> = {}): FloorApi {
  const gets: string[] = [];
  const base = fakeApi(staff);
  return Object.assign(base, {
    gets,
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
  }) as FloorApi;
}

/** An event as the server appends it: by the supervisor, at `at`. */
export function serverEvent<K extends DomainEventType>(seq: number, type: K, data: EventOf<K>['data'], at: string, actor: Staff = supervisor): DomainEvent {
  return { seq, type, at, actor: { kind: 'staff', id: actor.id }, reason: null, data } as EventOf<K>;
}
