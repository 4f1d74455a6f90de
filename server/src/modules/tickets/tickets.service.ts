// The ticket commands. Each runs inside Engine.run (one transaction) and appends its events.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  allocateNumber,
  AT_COUNTER_STATES,
  callsSincePriorityAfter,
  checkReason,
  DomainError,
  formatNumber,
  isHeldByOther,
  issuingStatus,
  nextState,
  pickNext,
  rangeOf,
  seriesFor,
  type CallNextResult,
  type Channel,
  type Counter,
  type IssuingClosedReason,
  type IssueTicketBody,
  type IssueTicketResult,
  type Move,
  type PickReason,
  type Service,
  type TicketEventType,
  type TicketState,
} from '@jiaohao/shared';
import type { AppCtx as Ctx } from '../../store';
import { hashToken } from '../../core/tokens';
import { publicTicket, type StoredTicket } from './tickets.repo';
import { estimateNew, officeLoad } from './wait-load';

function service(ctx: Ctx, id: string): Service {
  const s = ctx.store.services.byId(id);
  if (!s) throw new DomainError('not_found', `No service ${id}`);
  return s;
}

function counter(ctx: Ctx, id: string): Counter {
  const c = ctx.store.counters.byId(id);
  if (!c || !c.active) throw new DomainError('not_found', `No counter ${id}`);
  return c;
}

export function ticket(ctx: Ctx, id: string): StoredTicket {
  const t = ctx.store.tickets.byId(id);
  if (!t) throw new DomainError('not_found', `No ticket ${id}`);
  return t;
}

/** A ticket to work on: one called to or served at a counter is its clerk's (see checkHolder). */
function atHand(ctx: Ctx, id: string): StoredTicket {
  const t = ticket(ctx, id);
  const at = t.counterId !== null && AT_COUNTER_STATES.includes(t.state) ? ctx.store.counters.byId(t.counterId) : undefined;
  if (at) checkHolder(ctx, at);
  return t;
}

/** The state the transition table leads `t` to by `move`, or invalid_transition. */
export function moveTo(t: StoredTicket, move: Move): TicketState {
  const to = nextState(t.state, move);
  if (to === null) {
    throw new DomainError('invalid_transition', `A ${t.state} ticket cannot be moved by "${move}"`, { state: t.state, move });
  }
  return to;
}

/**
 * Checks the move against the transition table and the reason list (with the server's own
 * reasons when the server makes the move); returns the state it leads to.
 */
function guard(t: StoredTicket, move: Move, reason: string | null | undefined, by: 'person' | 'system' = 'person'): TicketState {
  const to = moveTo(t, move);
  const check = checkReason(move, reason, true, by);
  if (!check.ok) {
    throw new DomainError(check.code, check.code === 'reason_required' ? `"${move}" needs a reason` : `"${reason}" is not a reason for "${move}"`);
  }
  return to;
}

function save(
  ctx: Ctx,
  // ticket:called carries the counter too (see call()).
  type: Exclude<TicketEventType, 'ticket:called'>,
  t: StoredTicket,
  opts: { reason?: string | null; note?: string | null; counterId?: string | null; handlingMs?: number | null } = {},
): StoredTicket {
  ctx.store.tickets.update(t, opts.handlingMs ?? null);
  ctx.emit({
    type,
    reason: opts.reason ?? null,
    note: opts.note ?? null,
    ticketId: t.id,
    counterId: opts.counterId ?? t.counterId,
    data: { ticket: publicTicket(t) },
  });
  return t;
}

/** Who a request's idempotency key belongs to. */
function requester(ctx: Ctx): string {
  const p = ctx.principal;
  return p.kind === 'staff' || p.kind === 'device' ? `${p.kind}:${p.id}` : p.kind;
}

/**
 * Runs `make` once per idempotency key of this caller: a request seen before (the kiosk lost the
 * answer and sent it again) gets its first answer back and changes nothing. The answers hold
 * tracking tokens, so they are kept for the day only (purgeIssueRequests).
 */
export function once<T>(ctx: Ctx, key: string | undefined, request: string, make: () => T): T {
  if (key === undefined) return make();
  const seen = ctx.store.tickets.issueRequest(requester(ctx), key);
  if (seen) {
    if (seen.request !== request) throw new DomainError('conflict', 'This idempotency key was used for another request; use a new key for each ticket');
    return JSON.parse(seen.answer) as T;
  }
  const answer = make();
  ctx.store.tickets.saveIssueRequest(requester(ctx), key, ctx.businessDate, request, JSON.stringify(answer));
  return answer;
}

/** Issues a ticket, once per idempotency key. */
export function issueTicket(ctx: Ctx, { idempotencyKey: key, ...input }: IssueTicketBody, channel: Channel): IssueTicketResult {
  const request = JSON.stringify([input.serviceId, input.class ?? 'normal', input.language ?? null, input.appointmentAt ?? null]);
  return once(ctx, key, request, () => issueNew(ctx, input, channel));
}

/**
 * A new ticket. `checkIn`: a booking is being checked in (appointment:check-in), which alone may
 * give a kiosk an appointment ticket, and which the opening sessions and the supervisors' stops do
 * not hold back (the resident was promised the slot, and comes checkInEarlyMinutes before it, maybe
 * before the session opens); an emergency closure still does.
 */
export function issueNew(ctx: Ctx, input: Omit<IssueTicketBody, 'idempotencyKey'>, channel: Channel, checkIn = false): IssueTicketResult {
  const s = service(ctx, input.serviceId);
  if (!s.active) throw new DomainError('service_inactive', `${s.names['zh-TW']} is not taking tickets`);
  const cls = input.class ?? 'normal';
  if (cls === 'priority' && !s.allowPriority) throw new DomainError('class_not_allowed', 'This line has no priority tickets');
  // An appointment ticket is served at its slot, ahead of walk-ins: a kiosk taking one at will
  // would jump the queue. Only checking in a booking may create one (staff vouch for a phone booking).
  if (cls === 'appointment' && channel !== 'staff' && !checkIn) {
    throw new DomainError('class_not_allowed', 'Appointment tickets are given only when a booking is checked in; take an ordinary number');
  }
  if (cls === 'appointment' && !s.allowAppointment) throw new DomainError('class_not_allowed', 'This line takes no appointments');
  if (cls === 'appointment' && !input.appointmentAt) throw new DomainError('validation_failed', 'An appointment ticket needs appointmentAt');
  if (cls !== 'appointment' && input.appointmentAt) throw new DomainError('validation_failed', 'Only appointment tickets have appointmentAt');

  // Not even staff: the day's numbers, counts and reports were closed with it.
  if (ctx.store.office.closedDate() === ctx.businessDate) {
    throw new DomainError('issuing_closed', 'Today’s queue has been closed; numbers start again on the next office day');
  }
  const office = ctx.store.office.office();
  // Staff can always hand out a number (a resident who arrived just before closing time, or
  // still inside when the office closed in an emergency).
  if (channel !== 'staff' && office) {
    const closure = ctx.store.office.closure();
    const issuing = checkIn
      ? { open: closure === null, reason: 'office_closed' as const }
      : issuingStatus({ office, issuingStops: ctx.store.office.stops(ctx.at), closure }, ctx.now, s.id);
    if (!issuing.open) throw issuingClosed(issuing.reason, closure?.reason['zh-TW']);
  }
  if (s.dailyCap !== null && ctx.store.tickets.issuedCount(ctx.businessDate, s.id) >= s.dailyCap) {
    throw new DomainError('daily_cap_reached', `Today's ${s.dailyCap} tickets for this line are all taken`);
  }

  const series = seriesFor(s, cls);
  const range = rangeOf(s, series);
  const position = ctx.store.tickets.seriesPosition(s.id, ctx.businessDate, series);
  const allocation = allocateNumber(range, position, (v) => ctx.store.tickets.isHeld(ctx.businessDate, formatNumber(range, v)));
  if (!allocation.ok) throw new DomainError('range_exhausted', `All numbers ${range.start}–${range.end} are used today`);
  ctx.store.tickets.saveSeriesPosition(s.id, ctx.businessDate, series, allocation.value, allocation.cycle);

  const ahead = ctx.store.tickets.waitingCount(ctx.businessDate, s.id);
  // Estimated before this ticket is in line: the office as the resident finds it.
  // A checked-in booking is estimated at its slot (pickNext serves it then), any other by its class.
  const estimate = estimateNew(officeLoad(ctx.store, ctx.businessDate, ctx.now), s.id, cls, input.appointmentAt ? Date.parse(input.appointmentAt) : null);
  const trackingToken = randomBytes(18).toString('base64url');
  const t: StoredTicket = {
    id: randomUUID(),
    number: allocation.number,
    value: allocation.value,
    cycle: allocation.cycle,
    series,
    serviceId: s.id,
    class: cls,
    language: input.language ?? 'zh-TW',
    channel,
    state: 'waiting',
    businessDate: ctx.businessDate,
    issuedAt: ctx.at,
    queuedAt: ctx.at,
    calledAt: null,
    startedAt: null,
    endedAt: null,
    counterId: null,
    targetCounterId: null,
    recallCount: 0,
    transfers: [],
    appointmentAt: input.appointmentAt ? new Date(input.appointmentAt).toISOString() : null,
    estimateAtIssue: estimate,
    aheadAtIssue: ahead,
  };
  ctx.store.tickets.insert(t, hashToken(trackingToken));
  ctx.emit({ type: 'ticket:issued', ticketId: t.id, data: { ticket: publicTicket(t) } });
  return { ticket: { ...publicTicket(t), trackingToken }, ahead, estimate };
}

/** The kiosk's refusal, saying why in the message and as a code it can look up in its strings. */
function issuingClosed(reason: IssuingClosedReason | null, closureText: string | undefined): DomainError {
  const why =
    reason === 'office_closed'
      ? `the office is closed: ${closureText ?? ''}`
      : reason === 'outside_session'
        ? 'outside the opening hours'
        : reason === 'issuing_closed'
          ? 'stopped by the office'
          : `stopped by a supervisor (${reason})`;
  return new DomainError('issuing_closed', `Tickets are not being issued now: ${why}`, { reason });
}

/**
 * Refuses a clerk at a counter another clerk holds (supervisors and admins may act on any). Here
 * rather than in counters.service, which imports this module: calls check it too.
 */
export function checkHolder(ctx: Ctx, c: Counter): void {
  const p = ctx.principal;
  if (p.kind === 'staff' && isHeldByOther(c, p)) {
    throw new DomainError('counter_taken', `Counter ${c.number} is held by another clerk; a supervisor can release it`, { counterId: c.id });
  }
}

function readyCounter(ctx: Ctx, counterId: string): Counter {
  const c = counter(ctx, counterId);
  checkHolder(ctx, c);
  if (c.status !== 'open') throw new DomainError('counter_not_open', `Counter ${c.number} is ${c.status}`);
  const busy = ctx.store.tickets.atCounter(c.id);
  if (busy) {
    throw new DomainError('counter_busy', `Counter ${c.number} still has ticket ${busy.number} (${busy.state})`, {
      ticketId: busy.id,
    });
  }
  return c;
}

function call(ctx: Ctx, c: Counter, t: StoredTicket, pickReason: PickReason | null, reason: string | null, note?: string): StoredTicket {
  const state = moveTo(t, 'call');
  const counter = { ...c, callsSincePriority: callsSincePriorityAfter(c, t) };
  ctx.store.counters.save(counter);
  const called: StoredTicket = { ...t, state, calledAt: ctx.at, counterId: c.id, targetCounterId: null, recallCount: 0 };
  ctx.store.tickets.update(called);
  ctx.emit({
    type: 'ticket:called',
    reason,
    note: note ?? null,
    ticketId: t.id,
    counterId: c.id,
    data: { ticket: publicTicket(called), counter, pickReason },
  });
  return called;
}

export function callNext(ctx: Ctx, counterId: string): CallNextResult {
  const c = readyCounter(ctx, counterId);
  const targets: Record<string, number> = {};
  for (const s of ctx.store.services.list()) targets[s.id] = s.targetWaitMinutes;
  const candidates = ctx.store.tickets.candidatesFor(ctx.businessDate, c.id, c.serviceIds);
  const picked = pickNext(candidates, c, ctx.now, ctx.store.office.policy(), targets);
  if (!picked) return { ticket: null, reason: null };
  const called = call(ctx, c, picked.ticket, picked.reason, null);
  return { ticket: publicTicket(called), reason: picked.reason };
}

/** Calls one particular ticket out of turn; that always needs a reason for the audit trail. */
export function callTicket(ctx: Ctx, ticketId: string, counterId: string, reason: string | undefined, note?: string): StoredTicket {
  const t = ticket(ctx, ticketId);
  guard(t, 'call', reason);
  const c = readyCounter(ctx, counterId);
  if (!c.serviceIds.includes(t.serviceId) && t.targetCounterId !== c.id) {
    throw new DomainError('service_not_served', `Counter ${c.number} does not serve this line`);
  }
  return call(ctx, c, t, null, reason ?? null, note);
}

export function recall(ctx: Ctx, ticketId: string): StoredTicket {
  const t = atHand(ctx, ticketId);
  const state = guard(t, 'recall', null);
  return save(ctx, 'ticket:recalled', { ...t, state, recallCount: t.recallCount + 1 });
}

export function start(ctx: Ctx, ticketId: string): StoredTicket {
  const t = atHand(ctx, ticketId);
  const state = guard(t, 'start', null);
  return save(ctx, 'ticket:started', { ...t, state, startedAt: ctx.at });
}

export function finish(ctx: Ctx, ticketId: string): StoredTicket {
  const t = atHand(ctx, ticketId);
  const state = guard(t, 'finish', null);
  const handlingMs = t.startedAt ? ctx.now - Date.parse(t.startedAt) : null;
  return save(ctx, 'ticket:finished', { ...t, state, endedAt: ctx.at }, { handlingMs });
}

export function noShow(ctx: Ctx, ticketId: string, reason: string | undefined, note?: string): StoredTicket {
  const t = atHand(ctx, ticketId);
  const state = guard(t, 'no_show', reason);
  // The ticket leaves the counter free; it keeps its counterId in the event for the audit trail.
  return save(ctx, 'ticket:missed', { ...t, state, endedAt: ctx.at, counterId: null }, { reason, note, counterId: t.counterId });
}

export function requeue(ctx: Ctx, ticketId: string, reason: string | undefined, note?: string): StoredTicket {
  const t = atHand(ctx, ticketId);
  const state = guard(t, 'requeue', reason);
  // A no-show is not expired when its day ends, but its day's line is gone: back in line today it
  // would be an active ticket of another date that no snapshot, count or call-next sees.
  if (t.businessDate !== ctx.businessDate) {
    throw new DomainError('invalid_transition', `Ticket ${t.number} was missed on ${t.businessDate}; issue a new one`, {
      state: t.state,
      move: 'requeue',
    });
  }
  return save(ctx, 'ticket:requeued', backInLine(t, state), { reason, note, counterId: t.counterId });
}

/** Back in line at the place the ticket was issued for (its queue time): the resident has already waited. */
function backInLine(t: StoredTicket, state: TicketState): StoredTicket {
  return { ...t, state, counterId: null, calledAt: null, endedAt: null, recallCount: 0 };
}

export function transfer(
  ctx: Ctx,
  ticketId: string,
  to: { serviceId?: string | undefined; counterId?: string | undefined },
  reason: string | undefined,
  note?: string,
): StoredTicket {
  const t = atHand(ctx, ticketId);
  const state = guard(t, 'transfer', reason);
  if (!to.serviceId && !to.counterId) throw new DomainError('validation_failed', 'Transfer needs a serviceId, a counterId or both');
  const toService = to.serviceId ? service(ctx, to.serviceId) : service(ctx, t.serviceId);
  if (!toService.active) throw new DomainError('service_inactive', 'That line is not in use');
  const toCounter = to.counterId ? counter(ctx, to.counterId) : null;
  // Nobody would call it there (a paused counter comes back; a closed one may not today).
  if (toCounter?.status === 'closed') throw new DomainError('counter_not_open', `Counter ${toCounter.number} is closed`);
  if (toCounter && toCounter.id === t.counterId && toService.id === t.serviceId) {
    throw new DomainError('validation_failed', 'The ticket is already at that counter');
  }
  if (!toCounter && toService.id === t.serviceId) throw new DomainError('validation_failed', 'The ticket is already in that line');
  const moved: StoredTicket = {
    ...t,
    state,
    serviceId: toService.id,
    queuedAt: t.issuedAt, // keeps the resident's place
    calledAt: null,
    startedAt: null,
    counterId: null,
    targetCounterId: toCounter?.id ?? null,
    recallCount: 0,
    transfers: [
      ...t.transfers,
      { at: ctx.at, fromServiceId: t.serviceId, fromCounterId: t.counterId, toServiceId: toService.id, toCounterId: toCounter?.id ?? null },
    ],
  };
  return save(ctx, 'ticket:transferred', moved, { reason, note, counterId: t.counterId });
}

/**
 * A counter that closes (or is taken out of use) sends the tickets transferred to it back into
 * their line, at the place they had, so another counter calls them; otherwise nobody would.
 */
export function returnTargeted(ctx: Ctx, c: Counter): void {
  for (const t of ctx.store.tickets.targetedAt(c.id, ctx.businessDate)) {
    const state = guard(t, 'return', 'counter_closed');
    save(ctx, 'ticket:returned', { ...t, state, targetCounterId: null }, { reason: 'counter_closed', counterId: c.id });
  }
}

/**
 * The ticket called at a counter a supervisor releases goes back into its line at its place (a
 * requeue the server makes, reason counter_released); one being served must be finished or
 * transferred first, since its resident stands at the counter.
 */
export function requeueFromCounter(ctx: Ctx, c: Counter): void {
  const t = ctx.store.tickets.atCounter(c.id);
  if (!t) return;
  if (t.state !== 'called') throw new DomainError('counter_busy', `Ticket ${t.number} is being served at counter ${c.number}; finish or transfer it first`, { ticketId: t.id });
  const state = guard(t, 'requeue', 'counter_released', 'system');
  save(ctx, 'ticket:requeued', backInLine(t, state), { reason: 'counter_released', counterId: c.id });
}

/** Cancels these waiting tickets for a reason of the server's own (the office closed in an emergency). */
export function cancelAll(ctx: Ctx, tickets: readonly StoredTicket[], reason: 'office_closed'): void {
  for (const t of tickets) {
    const state = guard(t, 'cancel', reason, 'system');
    save(ctx, 'ticket:cancelled', { ...t, state, endedAt: ctx.at }, { reason });
  }
}

export function cancel(ctx: Ctx, ticketId: string, reason: string | undefined, note?: string): StoredTicket {
  const t = ticket(ctx, ticketId);
  const state = guard(t, 'cancel', reason);
  return save(ctx, 'ticket:cancelled', { ...t, state, endedAt: ctx.at }, { reason, note });
}
