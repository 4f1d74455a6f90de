import { Type, type Static } from '@sinclair/typebox';
import { DomainError, IssuingMode, LocalizedText, OpeningSession, type Office } from '@jiaohao/shared';
import type { Ctx } from '../../core/engine';

export const OfficePatch = Type.Partial(
  Type.Object(
    {
      names: LocalizedText,
      address: Type.String({ maxLength: 200 }),
      tel: Type.String({ maxLength: 40 }),
      fax: Type.String({ maxLength: 40 }),
      issuingMode: IssuingMode,
      sessions: Type.Array(OpeningSession, { maxItems: 100 }),
    },
    { additionalProperties: false },
  ),
  { additionalProperties: false, minProperties: 1 },
);
export type OfficePatch = Static<typeof OfficePatch>;

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
