// The client-side state of an office, built from a snapshot and kept current by applying events.
// Any event whose seq is not last + 1 marks the state stale: the client then asks for a snapshot.
import type { Counter, Office, QueuePolicy, Service, Ticket } from './domain.schemas';
import type { DomainEvent, Snapshot } from './events.schemas';
import { AT_COUNTER_STATES, isActive } from './tickets.transitions';

export interface OfficeState {
  readonly seq: number;
  readonly businessDate: string;
  readonly office: Office;
  readonly policy: QueuePolicy;
  readonly services: Readonly<Record<string, Service>>;
  readonly counters: Readonly<Record<string, Counter>>;
  /** Active tickets only (waiting, called, serving). */
  readonly tickets: Readonly<Record<string, Ticket>>;
  /** Set when an event was missed; the state must be replaced by a fresh snapshot. */
  readonly stale: boolean;
}

function byId<T extends { id: string }>(list: readonly T[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of list) out[item.id] = item;
  return out;
}

export function fromSnapshot(snapshot: Snapshot): OfficeState {
  return {
    seq: snapshot.seq,
    businessDate: snapshot.businessDate,
    office: snapshot.office,
    policy: snapshot.policy,
    services: byId(snapshot.services),
    counters: byId(snapshot.counters),
    tickets: byId(snapshot.tickets),
    stale: false,
  };
}

export type SeqCheck = 'apply' | 'duplicate' | 'gap';

export function checkSeq(lastSeq: number, eventSeq: number): SeqCheck {
  if (eventSeq <= lastSeq) return 'duplicate';
  return eventSeq === lastSeq + 1 ? 'apply' : 'gap';
}

function withTicket(tickets: Readonly<Record<string, Ticket>>, ticket: Ticket): Record<string, Ticket> {
  const next = { ...tickets };
  if (isActive(ticket.state)) next[ticket.id] = ticket;
  else delete next[ticket.id];
  return next;
}

/** An event this client's audience is not sent (see EVENT_AUDIENCES) still moves its seq on. */
export function skipSeq(state: OfficeState, seq: number): OfficeState {
  if (state.stale) return state;
  const check = checkSeq(state.seq, seq);
  if (check === 'duplicate') return state;
  if (check === 'gap') return { ...state, stale: true };
  return { ...state, seq };
}

export function applyEvent(state: OfficeState, event: DomainEvent): OfficeState {
  if (state.stale) return state;
  const check = checkSeq(state.seq, event.seq);
  if (check === 'duplicate') return state;
  if (check === 'gap') return { ...state, stale: true };
  const seq = event.seq;
  switch (event.type) {
    case 'ticket:called':
      return {
        ...state,
        seq,
        tickets: withTicket(state.tickets, event.data.ticket),
        counters: { ...state.counters, [event.data.counter.id]: event.data.counter },
      };
    case 'ticket:issued':
    case 'ticket:recalled':
    case 'ticket:started':
    case 'ticket:finished':
    case 'ticket:missed':
    case 'ticket:requeued':
    case 'ticket:transferred':
    case 'ticket:cancelled':
    case 'ticket:expired':
    case 'ticket:returned':
      return { ...state, seq, tickets: withTicket(state.tickets, event.data.ticket) };
    case 'counter:opened':
    case 'counter:paused':
    case 'counter:closed':
    case 'counter:updated':
      return { ...state, seq, counters: { ...state.counters, [event.data.counter.id]: event.data.counter } };
    case 'service:updated':
      return { ...state, seq, services: { ...state.services, [event.data.service.id]: event.data.service } };
    case 'office:updated':
      return { ...state, seq, office: event.data.office };
    case 'policy:updated':
      return { ...state, seq, policy: event.data.policy };
    case 'day:closed':
    case 'staff:changed':
    case 'device:changed':
    case 'alert:raised':
      return { ...state, seq };
    case 'day:started':
      return { ...state, seq, businessDate: event.data.businessDate, tickets: {} };
  }
}

/** Waiting tickets of a service, in the order they joined the line. */
export function waitingIn(state: OfficeState, serviceId: string): Ticket[] {
  return Object.values(state.tickets)
    .filter((t) => t.state === 'waiting' && t.serviceId === serviceId)
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.id.localeCompare(b.id));
}

/** The ticket a counter is calling or serving, if any. */
export function atCounter(state: OfficeState, counterId: string): Ticket | undefined {
  return Object.values(state.tickets).find((t) => t.counterId === counterId && AT_COUNTER_STATES.includes(t.state));
}
