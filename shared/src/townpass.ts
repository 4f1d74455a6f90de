// The Taipei TownPass (台北通) counter-calling list (臨櫃叫號), field for field as the city app reads
// it (shared/reference/townpass/counter-calling.example.json): categories hold offices, each
// office lists its queue lines as `counters` with the number now served, a 4-digit string, and how
// many wait. Built from the public status alone, so it carries nothing the status does not.
import { Type, type Static } from '@sinclair/typebox';
import type { Office } from './domain.schemas';
import type { PublicStatus } from './events.schemas';

const strict = { additionalProperties: false } as const;

export const TownPassCounter = Type.Object(
  {
    id: Type.String({ description: 'The line (service) id' }),
    name: Type.String({ description: 'The line in Traditional Chinese' }),
    current_number: Type.String({ pattern: '^\\d{4}$', description: 'The number last called in the line, 4 digits; "0000" before the first call of the day' }),
    waiting_people: Type.Integer({ minimum: 0, description: 'Tickets waiting in the line' }),
  },
  strict,
);
export const TownPassOffice = Type.Object(
  {
    id: Type.String({ description: 'The office id' }),
    name: Type.String({ description: 'The office in Traditional Chinese' }),
    is_regularly_used: Type.Boolean({ description: "The app's own per-user flag; always false from the office" }),
    info: Type.Object({ address: Type.String(), tel: Type.String(), fax: Type.String() }, strict),
    counters: Type.Array(TownPassCounter, { description: 'The lines, in the office order' }),
  },
  strict,
);
export const TownPassCategory = Type.Object(
  {
    id: Type.String({ description: 'The category: "c-2", household registration offices in TownPass' }),
    name: Type.String(),
    icon: Type.String({ description: "The app's icon path for the category" }),
    list: Type.Array(TownPassOffice),
  },
  strict,
);
export const TownPassFeed = Type.Object({ data: Type.Array(TownPassCategory) }, { ...strict, description: 'TownPass counter-calling list: one category, this office' });
export type TownPassFeed = Static<typeof TownPassFeed>;

/** TownPass's category of household registration offices, which this office joins. */
export const TOWNPASS_CATEGORY = { id: 'c-2', name: '戶政事務所', icon: '/images/icon_household_office.svg' } as const;

/** A ticket number as TownPass shows it: 4 digits, left-padded; "0000" when none was called yet. */
export function townPassNumber(number: string | null): string {
  const digits = (number ?? '').replace(/\D/g, '');
  return digits.length === 0 ? '0000' : digits.slice(-4).padStart(4, '0');
}

/** The TownPass list for this office, from its public status and its contact details. */
export function townPassFeedOf(status: PublicStatus, office: Pick<Office, 'address' | 'tel' | 'fax'>): TownPassFeed {
  return {
    data: [
      {
        ...TOWNPASS_CATEGORY,
        list: [
          {
            id: status.office.id,
            name: status.office.names['zh-TW'],
            is_regularly_used: false,
            info: { address: office.address, tel: office.tel, fax: office.fax },
            counters: status.services.map((s) => ({ id: s.id, name: s.names['zh-TW'], current_number: townPassNumber(s.nowServing), waiting_people: s.waiting })),
          },
        ],
      },
    ],
  };
}
