// Helpers for the supervisor's floor tests: a supervisor already signed in, REST reads answered
// from a table, and server events built as the server appends them.
import type { DomainEvent, DomainEventType, EventOf, Staff } from '@jiaohao/shared/schemas';
import { serverEvent as staffEvent, signedInApi, type SignedInApi } from './fakes';

export const supervisor: Staff = { id: 'sup-1', username: 'chen', displayName: '陳主任', role: 'supervisor', active: true };

export type FloorApi = SignedInApi;

/** The supervisor (or `staff`) is signed in; GET answers from `routes` (see signedInApi). */
export const floorApi = (staff: Staff, routes: Record<string, unknown> = {}): FloorApi => signedInApi(staff, routes);

/** An event as the server appends it: by the supervisor, at `at`. */
export const serverEvent = <K extends DomainEventType>(seq: number, type: K, data: EventOf<K>['data'], at: string, actor: Staff = supervisor): DomainEvent =>
  staffEvent(seq, type, data, at, actor);
