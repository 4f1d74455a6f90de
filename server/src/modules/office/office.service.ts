// The office, its issuing switch and the queue policy. Each change is an audited event.
import { DomainError, type IssuingMode, type Office, type OfficePatch, type PolicyPatch, type QueuePolicy } from '@jiaohao/shared';
import type { AppCtx as Ctx } from '../../store';

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
  return save(ctx, { ...current, ...patch });
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
