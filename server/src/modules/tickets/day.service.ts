// A new business date starts new number series by itself: the first command of the day expires
// what the previous day left open and closes its counters, marks the bookings nobody came for as
// missed and deletes those past their retention. A supervisor can also close the day.
import type { AppCtx as Ctx } from '../../store';
import { publicTicket, type StoredTicket } from './tickets.repo';
import { moveTo } from './tickets.service';
import { sweepBookings } from '../appointments/appointments.service';

function expire(ctx: Ctx, t: StoredTicket): void {
  const ticket: StoredTicket = { ...t, state: moveTo(t, 'expire'), endedAt: ctx.at, counterId: null, targetCounterId: null };
  ctx.store.tickets.update(ticket);
  ctx.emit({ type: 'ticket:expired', reason: 'day_closed', ticketId: t.id, data: { ticket: publicTicket(ticket) } });
}

function closeCounters(ctx: Ctx): void {
  for (const c of ctx.store.counters.list()) {
    if (c.status === 'closed') continue;
    const counter = { ...c, status: 'closed' as const, pauseReason: null, staffId: null, callsSincePriority: 0 };
    ctx.store.counters.save(counter);
    ctx.emit({ type: 'counter:closed', reason: 'day_closed', counterId: c.id, data: { counter } });
  }
}

/** Runs at the start of every command; does nothing unless the date moved on. */
export function rollDay(ctx: Ctx): void {
  const { store } = ctx;
  const open = store.office.businessDate();
  if (open === ctx.businessDate) return;
  if (open !== null && open > ctx.businessDate) return; // the clock went back: never reopen an old day
  for (const t of store.tickets.activeBefore(ctx.businessDate)) expire(ctx, t);
  store.tickets.purgeIssueRequests(ctx.businessDate);
  sweepBookings(ctx);
  if (open !== null) closeCounters(ctx);
  store.office.saveBusinessDate(ctx.businessDate);
  ctx.emit({ type: 'day:started', data: { businessDate: ctx.businessDate } });
}

/** Ends the day now: whatever still waits or stands at a counter expires; counters close. */
export function closeDay(ctx: Ctx): { businessDate: string; expired: number } {
  const left = ctx.store.tickets.activeOn(ctx.businessDate);
  for (const t of left) expire(ctx, t);
  closeCounters(ctx);
  ctx.store.office.saveClosedDate(ctx.businessDate);
  ctx.emit({ type: 'day:closed', reason: 'day_closed', data: { businessDate: ctx.businessDate, expired: left.length } });
  return { businessDate: ctx.businessDate, expired: left.length };
}
