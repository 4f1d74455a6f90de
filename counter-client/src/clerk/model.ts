// What the clerk's panel shows, as pure functions of the office state (STYLE.md habit 14): the
// counter, its current ticket and why it was chosen, which moves the transition table allows now,
// and the lines the counter serves. Components only draw this.
import { allowedMoves, canMove, isHeldByOther, type Move, REASONS } from '@jiaohao/shared/rules';
import { atCounter, lineWait, minutesSince, type OfficeState } from '@jiaohao/shared/reducer';
import type { Counter, Language, QueuePolicy, Role, Service, Ticket } from '@jiaohao/shared/schemas';
import type { PickReason } from '@jiaohao/shared/rules';
import { localized } from '@jiaohao/shared/i18n';
import type { LastCall } from '@jiaohao/web';

/** The clerk's buttons, in the order they are shown, each with its key. */
export const CLERK_ACTIONS = [
  { action: 'callNext', key: 'N' },
  { action: 'recall', key: 'R' },
  { action: 'start', key: 'S' },
  { action: 'finish', key: 'F' },
  { action: 'noShow', key: 'M' },
  { action: 'requeue', key: 'Q' },
  { action: 'transfer', key: 'T' },
  { action: 'callNumber', key: 'C' },
] as const;
export type ClerkAction = (typeof CLERK_ACTIONS)[number]['action'];

const MOVE_OF: Partial<Record<ClerkAction, Move>> = {
  recall: 'recall',
  start: 'start',
  finish: 'finish',
  noShow: 'no_show',
  requeue: 'requeue',
  transfer: 'transfer',
};

export interface LineSummary {
  readonly service: Service;
  readonly waiting: number;
  readonly next: readonly string[];
  readonly longestWaitMinutes: number | null;
  readonly overTarget: boolean;
}

export interface WhyText {
  readonly key: string;
  readonly values: Readonly<Record<string, string | number>>;
}

export interface CurrentTicket {
  readonly ticket: Ticket;
  readonly service: Service | undefined;
  readonly waitedMinutes: number;
  readonly why: WhyText | null;
}

export interface ClerkView {
  readonly counter: Counter;
  /** Another clerk holds this counter (a supervisor or admin may still act at it). */
  readonly takenByOther: boolean;
  readonly current: CurrentTicket | null;
  readonly enabled: Readonly<Record<ClerkAction, boolean>>;
  readonly lines: readonly LineSummary[];
}

/** The plain-words reason pickNext gave (or that the ticket was called by number). */
export function whyText(reason: PickReason | null, policy: QueuePolicy): WhyText {
  switch (reason) {
    case null:
      return { key: 'clerk.why.by_number', values: {} };
    case 'priority_waited_too_long':
      return { key: 'clerk.why.priority_waited_too_long', values: { minutes: policy.priorityMaxWaitMinutes } };
    case 'priority_every_nth':
      return { key: 'clerk.why.priority_every_nth', values: { n: policy.priorityEveryNth } };
    default:
      return { key: `clerk.why.${reason}`, values: {} };
  }
}

export function lineSummary(state: OfficeState, service: Service, counterId: string, now: number): LineSummary {
  const { waiting, longestWaitMinutes, overTarget } = lineWait(state, service, now, counterId);
  return { service, waiting: waiting.length, next: waiting.slice(0, 3).map((t) => t.number), longestWaitMinutes, overTarget };
}

/** Who looks at the panel: their id and role (supervisors may work at any counter). */
export interface Me {
  readonly id: string;
  readonly role: Role;
}

export function clerkView(state: OfficeState, counterId: string, me: Me, lastCall: LastCall | undefined, now: number): ClerkView | null {
  const counter = state.counters[counterId];
  if (!counter || !counter.active) return null;
  const ticket = atCounter(state, counterId);
  const open = counter.status === 'open';
  // The same rule as the server's (counter_taken).
  const takenByOther = isHeldByOther(counter, me);
  const current: CurrentTicket | null = ticket
    ? {
        ticket,
        service: state.services[ticket.serviceId],
        waitedMinutes: minutesSince(ticket.issuedAt, ticket.calledAt ? Date.parse(ticket.calledAt) : now),
        why: lastCall && lastCall.ticketId === ticket.id ? whyText(lastCall.reason, state.policy) : null,
      }
    : null;
  const moves = ticket ? allowedMoves(ticket.state) : [];
  const enabled = Object.fromEntries(
    CLERK_ACTIONS.map(({ action }) => {
      if (takenByOther) return [action, false];
      if (action === 'callNext' || action === 'callNumber') return [action, open && !ticket];
      const move = MOVE_OF[action];
      return [action, move !== undefined && moves.includes(move)];
    }),
  ) as Record<ClerkAction, boolean>;
  const lines = counter.serviceIds
    .map((id) => state.services[id])
    .filter((s): s is Service => s !== undefined && s.active)
    .map((s) => lineSummary(state, s, counterId, now));
  return { counter, takenByOther, current, enabled, lines };
}

/** A waiting ticket with this number that the counter may call (for "call a specific number"). */
export function findWaiting(state: OfficeState, counter: Counter, number: string): Ticket | undefined {
  const wanted = number.trim();
  return Object.values(state.tickets).find(
    (t) => t.number === wanted && canMove(t.state, 'call') && (counter.serviceIds.includes(t.serviceId) || t.targetCounterId === counter.id),
  );
}

/** The reason codes a move offers, for its dialog. */
export const reasonsFor = (move: 'pause' | 'no_show' | 'requeue' | 'transfer' | 'call'): readonly string[] => REASONS[move];

export const counterName = (c: Counter, lang: Language): string => localized(c.names, lang);
export const serviceName = (s: Service | undefined, lang: Language): string => (s ? localized(s.names, lang) : '');
