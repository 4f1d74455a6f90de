import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { TownPassFeed, townPassFeedOf, townPassNumber } from './townpass';
import type { PublicStatus } from './events.schemas';

const status = (services: { id: string; name: string; waiting: number; nowServing: string | null }[]): PublicStatus =>
  ({
    office: { id: 'taichung-north', names: { 'zh-TW': '臺中市北區戶政事務所', en: 'Taichung North' } },
    services: services.map((s) => ({ id: s.id, code: 'A', names: { 'zh-TW': s.name, en: 'x' }, waiting: s.waiting, nowServing: s.nowServing, estimatedWait: null, issuing: { open: true, reason: null } })),
  }) as unknown as PublicStatus;

describe('the TownPass feed', () => {
  const office = { address: '臺中市北區永興街301號', tel: '04-2236-1271', fax: '04-2236-0514' };
  const feed = townPassFeedOf(
    status([
      { id: 'household', name: '戶籍登記', waiting: 6, nowServing: '1023' },
      { id: 'passport', name: '護照一站式', waiting: 0, nowServing: null },
    ]),
    office,
  );

  it('passes its schema (the reference shape is checked against the served feed: townpass.routes.test.ts)', () => {
    expect([...Value.Errors(TownPassFeed, feed)]).toEqual([]);
  });

  it('lists the lines as counters with the number now served as 4 digits and the people waiting', () => {
    const [category] = feed.data;
    expect(category).toMatchObject({ id: 'c-2', name: '戶政事務所' });
    expect(category?.list).toEqual([
      {
        id: 'taichung-north',
        name: '臺中市北區戶政事務所',
        is_regularly_used: false,
        info: office,
        counters: [
          { id: 'household', name: '戶籍登記', current_number: '1023', waiting_people: 6 },
          { id: 'passport', name: '護照一站式', current_number: '0000', waiting_people: 0 },
        ],
      },
    ]);
  });

  it.each([
    ['1023', '1023'],
    ['0379', '0379'],
    ['7', '0007'],
    ['A-12', '0012'],
    ['12345', '2345'],
    [null, '0000'],
  ])('writes %s as %s', (number, shown) => {
    expect(townPassNumber(number)).toBe(shown);
  });
});
