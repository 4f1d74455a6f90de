// The typed Socket.IO contract. Namespace and event names come from here, never from literals at
// call sites; the client side uses the same maps reversed.
import type { Ack, ErrorBody } from './errors';
import type {
  CallNextResult,
  CallTicketPayload,
  CancelPayload,
  CloseDayResult,
  CounterRef,
  CounterResult,
  IssueTicketBody,
  IssueTicketResult,
  PausePayload,
  TicketReasonPayload,
  TicketRef,
  TicketResult,
  TransferPayload,
} from './commands.schemas';
import type { DomainEvent, DomainEventType, EventOf, PublicStatus, Snapshot } from './events.schemas';

export const NAMESPACES = {
  staff: '/staff',
  display: '/display',
  kiosk: '/kiosk',
  public: '/public',
} as const;
export type Audience = keyof typeof NAMESPACES;

/** Server → client events that are not domain events. */
export const SERVER_EVENTS = {
  snapshot: 'snapshot',
  publicStatus: 'public:status',
} as const;

/** Client → server messages. */
export const CLIENT_EVENTS = {
  snapshotRequest: 'snapshot:request',
  issueTicket: 'ticket:issue',
  callNext: 'counter:call-next',
  openCounter: 'counter:open',
  pauseCounter: 'counter:pause',
  closeCounter: 'counter:close',
  callTicket: 'ticket:call',
  recall: 'ticket:recall',
  start: 'ticket:start',
  finish: 'ticket:finish',
  noShow: 'ticket:no-show',
  requeue: 'ticket:requeue',
  transfer: 'ticket:transfer',
  cancel: 'ticket:cancel',
  closeDay: 'day:close',
} as const;

type AckFn<T> = (ack: Ack<T>) => void;

export type DomainEventListeners = { [K in DomainEventType]: (event: EventOf<K>) => void };

export type StaffServerToClient = DomainEventListeners & {
  snapshot: (snapshot: Snapshot) => void;
};
export type DisplayServerToClient = StaffServerToClient;
export type KioskServerToClient = StaffServerToClient;
export interface PublicServerToClient {
  snapshot: (status: PublicStatus) => void;
  'public:status': (status: PublicStatus) => void;
}

export interface SnapshotRequests {
  'snapshot:request': (ack: AckFn<Snapshot>) => void;
}

export interface StaffClientToServer extends SnapshotRequests {
  'ticket:issue': (payload: IssueTicketBody, ack: AckFn<IssueTicketResult>) => void;
  'counter:call-next': (payload: CounterRef, ack: AckFn<CallNextResult>) => void;
  'counter:open': (payload: CounterRef, ack: AckFn<CounterResult>) => void;
  'counter:pause': (payload: PausePayload, ack: AckFn<CounterResult>) => void;
  'counter:close': (payload: CounterRef, ack: AckFn<CounterResult>) => void;
  'ticket:call': (payload: CallTicketPayload, ack: AckFn<TicketResult>) => void;
  'ticket:recall': (payload: TicketRef, ack: AckFn<TicketResult>) => void;
  'ticket:start': (payload: TicketRef, ack: AckFn<TicketResult>) => void;
  'ticket:finish': (payload: TicketRef, ack: AckFn<TicketResult>) => void;
  'ticket:no-show': (payload: TicketReasonPayload, ack: AckFn<TicketResult>) => void;
  'ticket:requeue': (payload: TicketReasonPayload, ack: AckFn<TicketResult>) => void;
  'ticket:transfer': (payload: TransferPayload, ack: AckFn<TicketResult>) => void;
  'ticket:cancel': (payload: CancelPayload, ack: AckFn<TicketResult>) => void;
  'day:close': (payload: Record<string, never>, ack: AckFn<CloseDayResult>) => void;
}
export type DisplayClientToServer = SnapshotRequests;
export interface KioskClientToServer extends SnapshotRequests {
  'ticket:issue': (payload: IssueTicketBody, ack: AckFn<IssueTicketResult>) => void;
}
export interface PublicClientToServer {
  'public:status': (ack: AckFn<PublicStatus>) => void;
}

export type { DomainEvent, ErrorBody };
