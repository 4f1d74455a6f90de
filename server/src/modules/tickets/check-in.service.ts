// appointment:check-in: a resident with a booking checks in at the kiosk (or a clerk does it for
// them) and gets a ticket. Within lateMinutes of the slot it is an appointment ticket, which
// pickNext serves at its slot ahead of walk-ins; later, an ordinary ticket of the same line and the
// booking is 'late'. The ticket and the booking's new state are written in the command's one
// transaction; the event is the ticket's own ticket:issued, with no name or contact in it.
import {
  checkInWindow,
  DomainError,
  formatCode,
  localTime,
  parseCode,
  type Channel,
  type CheckInBody,
  type CheckInResult,
} from '@jiaohao/shared';
import type { AppCtx as Ctx } from '../../store';
import { issueNew, once } from './tickets.service';

const channelOf = (ctx: Ctx): Channel => (ctx.principal.kind === 'device' ? 'kiosk' : 'staff');

export function checkIn(ctx: Ctx, { idempotencyKey, ...body }: CheckInBody): CheckInResult {
  // The key is the kiosk's per visit of the check-in screen, and a resident may check in a second
  // booking (a family member's) on the same visit: the key counts per code, so that is no conflict.
  const code = parseCode(body.code);
  const key = idempotencyKey === undefined ? undefined : `check-in:${code ?? body.code}:${idempotencyKey}`;
  return once(ctx, key, JSON.stringify(['appointment:check-in', code]), () => checkInNew(ctx, body, code));
}

function checkInNew(ctx: Ctx, body: Omit<CheckInBody, 'idempotencyKey'>, code: string | null): CheckInResult {
  const a = code === null ? undefined : ctx.store.appointments.byCode(code);
  if (!a) throw new DomainError('not_found', 'No booking has this code; check the code on the booking page');
  if (a.state !== 'booked') {
    const why = a.state === 'cancelled' ? 'was cancelled' : a.state === 'missed' ? 'was missed' : 'has already been checked in';
    throw new DomainError('booking_not_active', `Booking ${formatCode(a.code)} ${why}`, { state: a.state });
  }
  if (a.date !== ctx.businessDate) throw new DomainError('booking_not_active', `Booking ${formatCode(a.code)} is for ${a.date}, not today`, { date: a.date });

  const slotAt = Date.parse(a.at);
  const window = checkInWindow(ctx.store.office.booking(), slotAt);
  if (ctx.now < window.from) {
    const from = localTime(window.from, ctx.timeZone).time;
    throw new DomainError('check_in_too_early', `Booking ${formatCode(a.code)} is for ${a.start}: check in from ${from}`, { from: new Date(window.from).toISOString() });
  }
  const late = ctx.now > window.lateAfter;
  const language = body.language ?? a.language;
  const issued = late
    ? issueNew(ctx, { serviceId: a.serviceId, class: 'normal', language }, channelOf(ctx), true)
    : issueNew(ctx, { serviceId: a.serviceId, class: 'appointment', appointmentAt: a.at, language }, channelOf(ctx), true);
  const state = late ? 'late' : 'checked_in';
  ctx.store.appointments.end(a.id, state, ctx.at, issued.ticket.id);
  return { appointment: { code: formatCode(a.code), serviceId: a.serviceId, at: a.at, state }, ...issued, late };
}
