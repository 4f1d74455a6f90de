import { DomainError, type Office, type OfficePatch } from '@jiaohao/shared';
import type { Ctx } from '../../core/engine';

export function updateOffice(ctx: Ctx, patch: OfficePatch): Office {
  const office = ctx.store.office.office();
  if (!office) throw new DomainError('not_found', 'The office is not set up');
  for (const s of patch.sessions ?? []) {
    if (s.end <= s.start) throw new DomainError('validation_failed', `Session ${s.start}–${s.end} ends before it starts`);
  }
  const next = { ...office, ...patch };
  ctx.store.office.saveOffice(next);
  ctx.emit({ type: 'office:updated', reason: null, data: { office: next } });
  return next;
}
