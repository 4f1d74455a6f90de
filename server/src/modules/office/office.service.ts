// The office, its issuing switch, the supervisors' stops of the issuing, the emergency closure and
// the queue policy. Each change is an audited event.
import {
  checkReason,
  DomainError,
  sessionEndsAt,
  type Closure,
  type EmergencyClosePayload,
  type EmergencyCloseResult,
  type EmergencyEndResult,
  type IssuingMode,
  type IssuingStop,
  type IssuingStopsResult,
  type Office,
  type OfficePatch,
  type PolicyPatch,
  type QueuePolicy,
  type SpecialDay,
  type StopIssuingPayload,
} from '@jiaohao/shared';
import { at } from '../../core/refusals';
import type { AppCtx as Ctx } from '../../store';
import { cancelAll } from '../tickets/tickets.service';

function office(ctx: Ctx): Office {
  const o = ctx.store.office.office();
  if (!o) throw new DomainError('not_found', 'The office is not set up');
  return o;
}

function save(ctx: Ctx, next: Office): Office {
  ctx.store.office.saveOffice(next);
  ctx.emit({ type: 'office:updated', data: { office: next } });
  return next;
}

export function updateOffice(ctx: Ctx, patch: OfficePatch): Office {
  const current = office(ctx);
  for (const s of patch.sessions ?? []) {
    if (s.end <= s.start) throw new DomainError('validation_failed', `Session ${s.start}–${s.end} ends before it starts`);
  }
  const next: Office = { ...current, ...patch };
  if (patch.specialDays) next.specialDays = byDate(patch.specialDays);
  return save(ctx, next);
}

/** Holidays and make-up days by date; a date given twice is refused, where its second entry is. */
function byDate(days: readonly SpecialDay[]): SpecialDay[] {
  const seen = new Set<string>();
  days.forEach((d, i) => {
    if (seen.has(d.date)) throw new DomainError('validation_failed', `${d.date} is in the list twice`, at(`/specialDays/${i}/date`, 'duplicate date'));
    seen.add(d.date);
  });
  // YYYY-MM-DD sorts as text.
  return [...days].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Opening or stopping the issuing by hand is the supervisor's call; unchanged, nothing is written. */
export function setIssuing(ctx: Ctx, mode: IssuingMode): Office {
  const current = office(ctx);
  if (current.issuingMode === mode) return current;
  return save(ctx, { ...current, issuingMode: mode });
}

export function updatePolicy(ctx: Ctx, patch: PolicyPatch): QueuePolicy {
  const next: QueuePolicy = { ...ctx.store.office.policy(), ...patch };
  ctx.store.office.savePolicy(next);
  ctx.emit({ type: 'policy:updated', data: { policy: next } });
  return next;
}

const stopsNow = (ctx: Ctx): IssuingStopsResult => ({ stops: ctx.store.office.stops(ctx.at) });

/**
 * Kiosks stop issuing for a line, or for the whole office, on top of the switch and the sessions
 * (office:set-issuing is left as it is). A stop for the rest of the session ends by itself when
 * the session running now ends; another stop of the same line replaces it.
 */
export function stopIssuing(ctx: Ctx, p: StopIssuingPayload): IssuingStopsResult {
  const current = office(ctx);
  if (p.serviceId !== null && !ctx.store.services.byId(p.serviceId)) throw new DomainError('not_found', `No service ${p.serviceId}`);
  const check = checkReason('issuing_stop', p.reason);
  if (!check.ok) throw new DomainError(check.code, check.code === 'reason_required' ? 'Stopping the issuing needs a reason' : `"${p.reason}" is not a reason to stop issuing`);
  const endsAt = p.until === 'session_end' ? new Date(sessionEndsAt(current, ctx.now, ctx.timeZone, p.serviceId)).toISOString() : null;
  const stop: IssuingStop = { serviceId: p.serviceId, reason: p.reason as IssuingStop['reason'], until: p.until, since: ctx.at, endsAt };
  ctx.store.office.saveStop(stop);
  ctx.emit({ type: 'issuing:stopped', reason: stop.reason, note: p.note ?? null, data: { stop } });
  return stopsNow(ctx);
}

/** Starts issuing again for the line (or the office: the lines' own stops stay); nothing to resume writes nothing. */
export function resumeIssuing(ctx: Ctx, serviceId: string | null): IssuingStopsResult {
  if (ctx.store.office.deleteStop(serviceId, ctx.at)) ctx.emit({ type: 'issuing:resumed', data: { serviceId } });
  return stopsNow(ctx);
}

/**
 * One switch for a typhoon day: kiosks issue nothing until it ends, with the reason shown; with
 * waiting 'close', today's waiting tickets are cancelled (reason office_closed). Counters keep
 * what is at them. Closing again while closed keeps `since` and takes the new reason.
 */
export function emergencyClose(ctx: Ctx, p: EmergencyClosePayload): EmergencyCloseResult {
  office(ctx);
  const closure: Closure = { reason: p.reason, since: ctx.store.office.closure()?.since ?? ctx.at, waiting: p.waiting };
  ctx.store.office.saveClosure(closure);
  const waiting = p.waiting === 'close' ? ctx.store.tickets.waitingOn(ctx.businessDate) : [];
  // The closure first, then the cancellations it caused.
  ctx.emit({ type: 'office:emergency-closed', reason: 'office_closed', data: { closure, cancelled: waiting.length } });
  cancelAll(ctx, waiting, 'office_closed');
  return { closure, cancelled: waiting.length };
}

export function emergencyEnd(ctx: Ctx): EmergencyEndResult {
  const closure = ctx.store.office.closure();
  if (!closure) return { ended: null };
  ctx.store.office.saveClosure(null);
  ctx.emit({ type: 'office:emergency-ended', data: { closure } });
  return { ended: closure };
}
