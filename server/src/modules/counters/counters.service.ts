// Opening, pausing and closing counters, and the admin's changes to them.
import { randomUUID } from 'node:crypto';
import { checkReason, DomainError, holderOf, type Counter, type CounterCreate, type CounterEventType, type CounterPatch } from '@jiaohao/shared';
import { at } from '../../core/refusals';
import type { AppCtx as Ctx } from '../../store';
import { checkHolder, requeueFromCounter, returnTargeted } from '../tickets/tickets.service';

function find(ctx: Ctx, id: string): Counter {
  const c = ctx.store.counters.byId(id);
  if (!c || !c.active) throw new DomainError('not_found', `No counter ${id}`);
  return c;
}

function save(ctx: Ctx, type: CounterEventType, c: Counter, reason: string | null = null, note?: string): Counter {
  ctx.store.counters.save(c);
  ctx.emit({ type, reason, note: note ?? null, counterId: c.id, data: { counter: c } });
  return c;
}

/**
 * Opening an open counter changes nothing and appends nothing. Whoever opens a closed counter
 * holds it; a supervisor reopening a clerk's paused counter leaves it the clerk's.
 */
export function openCounter(ctx: Ctx, id: string, staffId: string | null): Counter {
  const c = find(ctx, id);
  checkHolder(ctx, c);
  if (c.status === 'open') return c;
  return save(ctx, 'counter:opened', { ...c, status: 'open', pauseReason: null, staffId: holderOf(c) ?? staffId ?? c.staffId });
}

export function pauseCounter(ctx: Ctx, id: string, reason: string | undefined, note?: string): Counter {
  const c = find(ctx, id);
  checkHolder(ctx, c);
  const check = checkReason('pause', reason);
  if (!check.ok) throw new DomainError(check.code, check.code === 'reason_required' ? 'Pausing needs a reason' : `"${reason}" is not a reason to pause`);
  if (c.status !== 'open') throw new DomainError('counter_not_open', `Counter ${c.number} is ${c.status}`);
  return save(ctx, 'counter:paused', { ...c, status: 'paused', pauseReason: reason ?? null }, reason ?? null, note);
}

export function closeCounter(ctx: Ctx, id: string): Counter {
  const c = find(ctx, id);
  checkHolder(ctx, c);
  if (c.status === 'closed') return c;
  const busy = ctx.store.tickets.atCounter(c.id);
  if (busy) throw new DomainError('counter_busy', `Finish or hand back ticket ${busy.number} first`, { ticketId: busy.id });
  const closed = save(ctx, 'counter:closed', { ...c, status: 'closed', pauseReason: null, staffId: null });
  returnTargeted(ctx, closed);
  return closed;
}

/**
 * A supervisor frees a counter its clerk left (gone home, browser dead): the ticket called there
 * goes back to its place in line, those sent to it back to their line, and it closes with nobody
 * holding it. A closed counter nobody holds is left as it is.
 */
export function releaseCounter(ctx: Ctx, id: string): Counter {
  const c = find(ctx, id);
  if (c.status === 'closed' && c.staffId === null) return c;
  requeueFromCounter(ctx, c);
  const closed = save(ctx, 'counter:closed', { ...c, status: 'closed', pauseReason: null, staffId: null }, 'counter_released');
  returnTargeted(ctx, closed);
  return closed;
}

function checkServices(ctx: Ctx, ids: readonly string[]): void {
  for (const id of ids) if (!ctx.store.services.byId(id)) throw new DomainError('validation_failed', `No service ${id}`, at('/serviceIds', `No service ${id}`));
  if (new Set(ids).size !== ids.length) throw new DomainError('validation_failed', 'A service is listed twice', at('/serviceIds', 'A service is listed twice'));
}

function checkNumberFree(ctx: Ctx, number: number, self: string | null): void {
  const clash = ctx.store.counters.list().find((c) => c.number === number && c.id !== self);
  if (clash) throw new DomainError('conflict', `Counter number ${number} is taken`, at('/number', 'taken'));
}

export function createCounter(ctx: Ctx, input: CounterCreate): Counter {
  if (input.id && ctx.store.counters.byId(input.id)) throw new DomainError('conflict', `Counter ${input.id} exists`, at('/id', 'taken'));
  checkServices(ctx, input.serviceIds);
  checkNumberFree(ctx, input.number, null);
  const c: Counter = {
    id: input.id ?? randomUUID(),
    number: input.number,
    names: input.names,
    serviceIds: input.serviceIds,
    isPriority: input.isPriority ?? false,
    languages: input.languages ?? ['zh-TW'],
    status: 'closed',
    pauseReason: null,
    staffId: null,
    callsSincePriority: 0,
    active: true,
  };
  return save(ctx, 'counter:updated', c);
}

export function updateCounter(ctx: Ctx, id: string, patch: CounterPatch): Counter {
  const c = ctx.store.counters.byId(id);
  if (!c) throw new DomainError('not_found', `No counter ${id}`);
  if (patch.serviceIds) checkServices(ctx, patch.serviceIds);
  if (patch.number !== undefined) checkNumberFree(ctx, patch.number, id);
  if (patch.active === false && ctx.store.tickets.atCounter(id)) {
    throw new DomainError('counter_busy', 'The counter has a ticket; finish it first');
  }
  const next: Counter = {
    ...c,
    ...patch,
    status: patch.active === false ? 'closed' : c.status,
    // Out of use, nobody holds it (reactivated, it opens for whoever comes).
    staffId: patch.active === false ? null : c.staffId,
  };
  const saved = save(ctx, 'counter:updated', next);
  if (next.status === 'closed') returnTargeted(ctx, saved);
  return saved;
}
