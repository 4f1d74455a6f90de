// The admin's changes to the service lines.
import { DomainError, servicesOverlap, validateRanges, type Service, type ServiceCreate, type ServicePatch } from '@jiaohao/shared';
import { at } from '../../core/refusals';
import type { AppCtx as Ctx } from '../../store';

function checked(ctx: Ctx, s: Service): Service {
  const problem = validateRanges(s);
  if (problem) throw new DomainError('invalid_range', `Number ranges: ${problem.replaceAll('_', ' ')}`);
  const others = ctx.store.services.list().filter((o) => o.id !== s.id);
  // A number on the display must say which line it is: no two services share a number.
  const overlapping = others.find((o) => servicesOverlap(o, s));
  if (overlapping) throw new DomainError('invalid_range', `Number ranges overlap those of ${overlapping.id}`);
  const clash = others.find((o) => o.code === s.code);
  if (clash) throw new DomainError('conflict', `Code ${s.code} is used by ${clash.id}`, at('/code', 'taken'));
  return s;
}

function save(ctx: Ctx, s: Service): Service {
  ctx.store.services.save(s);
  ctx.emit({ type: 'service:updated', data: { service: s } });
  return s;
}

export function createService(ctx: Ctx, input: ServiceCreate): Service {
  if (ctx.store.services.byId(input.id)) throw new DomainError('conflict', `Service ${input.id} exists`, at('/id', 'taken'));
  const s: Service = {
    priorityNumbering: null,
    appointmentNumbering: null,
    targetWaitMinutes: 20,
    targetHandlingMinutes: 10,
    documents: { 'zh-TW': [] },
    dailyCap: null,
    allowPriority: true,
    allowAppointment: false,
    active: true,
    sortOrder: ctx.store.services.list().length,
    ...input,
  };
  return save(ctx, checked(ctx, s));
}

export function updateService(ctx: Ctx, id: string, patch: ServicePatch): Service {
  const s = ctx.store.services.byId(id);
  if (!s) throw new DomainError('not_found', `No service ${id}`);
  return save(ctx, checked(ctx, { ...s, ...patch }));
}
