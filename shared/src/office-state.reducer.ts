// The client-side state of an office, built from a snapshot and kept current by applying events.
// Any event whose seq is not last + 1 marks the state stale: the client then asks for a snapshot.
import type { Announcement, Closure, Counter, IssuingStop, Office, QueuePolicy, Service, Ticket } from './domain.schemas';
import type { DomainEvent, IssuingStatus, RecentCall, Snapshot } from './events.schemas';
import { issuingStatus } from './sessions';
import { AT_COUNTER_STATES, isActive } from './tickets.transitions';

/** How many of today's calls a snapshot and a client's state keep: enough for a wall display's list and its reconnects. */
export const MAX_RECENT_CALLS = 40;

export interface OfficeState {
  readonly seq: number;
  readonly businessDate: string;
  readonly office: Office;
  readonly policy: QueuePolicy;
  readonly services: Readonly<Record<string, Service>>;
  readonly counters: Readonly<Record<string, Counter>>;
  /** Active tickets only (waiting, called, serving). */
  readonly tickets: Readonly<Record<string, Ticket>>;
  /** Announcements not withdrawn; some may have ended by time since (see activeAnnouncements). */
  readonly announcements: Readonly<Record<string, Announcement>>;
  /** The supervisors' stops of the issuing; one that ended by its session stays until replaced (see issuingFor). */
  readonly issuingStops: readonly IssuingStop[];
  readonly closure: Closure | null;
  /** Today's calls and recalls, newest first, at most MAX_RECENT_CALLS (also of tickets finished since). */
  readonly recentCalls: readonly RecentCall[];
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
    announcements: byId(snapshot.announcements),
    issuingStops: snapshot.issuingStops,
    closure: snapshot.closure,
    recentCalls: snapshot.recentCalls.slice(0, MAX_RECENT_CALLS),
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

/** The announcements without those that ended by `at` (an event's time): a long-running display stays small. */
function unended(announcements: Readonly<Record<string, Announcement>>, at: string): Record<string, Announcement> {
  const t = Date.parse(at);
  const next: Record<string, Announcement> = {};
  for (const a of Object.values(announcements)) if (Date.parse(a.endsAt) > t) next[a.id] = a;
  return next;
}

/**
 * The call a ticket:called or ticket:recalled event makes, as displays list and announce it; null
 * for any other event. The server builds the snapshot's recentCalls with it too.
 */
export function recentCallOf(event: DomainEvent): RecentCall | null {
  if (event.type !== 'ticket:called' && event.type !== 'ticket:recalled') return null;
  const { ticket } = event.data;
  const counterId = event.type === 'ticket:called' ? event.data.counter.id : ticket.counterId;
  // A recalled ticket is at a counter; one without would be a broken row, not a call to show.
  if (counterId === null) return null;
  return {
    seq: event.seq,
    at: event.at,
    ticketId: ticket.id,
    number: ticket.number,
    serviceId: ticket.serviceId,
    counterId,
    language: ticket.language,
    recall: event.type === 'ticket:recalled',
  };
}

/** `calls` with `call` in front, kept to the newest MAX_RECENT_CALLS. */
export function withRecentCall(calls: readonly RecentCall[], call: RecentCall): RecentCall[] {
  return [call, ...calls.slice(0, MAX_RECENT_CALLS - 1)];
}

/** An event this client's audience is not sent (see EVENT_AUDIENCES) still moves its seq on. */
export function skipSeq(state: OfficeState, seq: number): OfficeState {
  if (state.stale) return state;
  const check = checkSeq(state.seq, seq);
  if (check === 'duplicate') return state;
  if (check === 'gap') return { ...state, stale: true };
  return { ...state, seq };
}

function called(calls: readonly RecentCall[], event: DomainEvent): readonly RecentCall[] {
  const call = recentCallOf(event);
  return call ? withRecentCall(calls, call) : calls;
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
        recentCalls: called(state.recentCalls, event),
      };
    case 'ticket:recalled':
      return { ...state, seq, tickets: withTicket(state.tickets, event.data.ticket), recentCalls: called(state.recentCalls, event) };
    case 'ticket:issued':
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
    case 'booking:updated':
    case 'staff:changed':
    case 'device:changed':
    case 'alert:raised':
      return { ...state, seq };
    case 'day:started':
      return {
        ...state,
        seq,
        businessDate: event.data.businessDate,
        tickets: {},
        announcements: unended(state.announcements, event.at),
        recentCalls: [],
      };
    case 'announcement:posted': {
      const { announcement } = event.data;
      return { ...state, seq, announcements: { ...unended(state.announcements, event.at), [announcement.id]: announcement } };
    }
    case 'announcement:withdrawn': {
      const { [event.data.announcementId]: _gone, ...rest } = state.announcements;
      return { ...state, seq, announcements: rest };
    }
    case 'issuing:stopped': {
      const { stop } = event.data;
      return { ...state, seq, issuingStops: [...state.issuingStops.filter((s) => s.serviceId !== stop.serviceId), stop] };
    }
    case 'issuing:resumed':
      return { ...state, seq, issuingStops: state.issuingStops.filter((s) => s.serviceId !== event.data.serviceId) };
    case 'office:emergency-closed':
      return { ...state, seq, closure: event.data.closure };
    case 'office:emergency-ended':
      return { ...state, seq, closure: null };
  }
}

/** The lines in the order the office lists them (sortOrder, then id); only those in use unless `all`. */
export function servicesInOrder(services: Readonly<Record<string, Service>>, all = false): Service[] {
  return Object.values(services)
    .filter((s) => all || s.active)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id));
}

/** The counters by number; only those in use unless `all`. */
export function countersInOrder(counters: Readonly<Record<string, Counter>>, all = false): Counter[] {
  return Object.values(counters)
    .filter((c) => all || c.active)
    .sort((a, b) => a.number - b.number || a.id.localeCompare(b.id));
}

/** Whole minutes from an instant to `now` (0 when the clock is a little behind it). */
export const minutesSince = (fromIso: string, now: number): number => Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));

export interface LineWait {
  /** Who waits, in the order they joined. */
  readonly waiting: readonly Ticket[];
  /** How long the first has waited, or null when nobody does. */
  readonly longestWaitMinutes: number | null;
  /** The first has waited longer than the line's target. */
  readonly overTarget: boolean;
}

/**
 * How a line stands at `now`. For a counter (`counterId`), only the tickets it may call: not those
 * sent to another counter.
 */
export function lineWait(state: OfficeState, service: Service, now: number, counterId?: string): LineWait {
  const all = waitingIn(state, service.id);
  const waiting = counterId === undefined ? all : all.filter((t) => t.targetCounterId === null || t.targetCounterId === counterId);
  const first = waiting[0];
  const longestWaitMinutes = first ? minutesSince(first.queuedAt, now) : null;
  return { waiting, longestWaitMinutes, overTarget: longestWaitMinutes !== null && longestWaitMinutes > service.targetWaitMinutes };
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

/**
 * The announcements to show at `now`, oldest first; with a line, only those for every line or for
 * that one. Ended ones stay in the state until the next event, so a display asks by its clock.
 */
export function activeAnnouncements(state: OfficeState, now: number, serviceId?: string): Announcement[] {
  return Object.values(state.announcements)
    .filter((a) => Date.parse(a.endsAt) > now && (serviceId === undefined || a.serviceIds === null || a.serviceIds.includes(serviceId)))
    .sort((a, b) => a.postedAt.localeCompare(b.postedAt) || a.id.localeCompare(b.id));
}

/** Whether a kiosk may issue for the line now (or the office at all, without one), and why not. */
export function issuingFor(state: OfficeState, now: number, serviceId?: string): IssuingStatus {
  return issuingStatus({ office: state.office, issuingStops: state.issuingStops, closure: state.closure }, now, serviceId);
}
