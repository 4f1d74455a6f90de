// Today's figures as the supervisor reads them, the satisfaction column above all: the mean of the
// residents' e-ticket ratings to a tenth with how many rated, per line and for the whole office, a
// dash where nobody rated; in Chinese and in English.
import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { LineFigures, TodayStats } from '@jiaohao/shared/schemas';
import { fromSnapshot } from '@jiaohao/shared/reducer';
import { iso, NOW, service, snapshot } from '@jiaohao/shared/testing';
import { createI18n, type StaffLanguage } from '../i18n/i18n';
import { floorApi, supervisor } from '../testing/supervisor-fakes';
import { FloorToday } from './FloorToday';

afterEach(cleanup);

const figures = (ratings: LineFigures['ratings']): LineFigures => ({
  issued: 10,
  served: 8,
  noShows: 1,
  cancelled: 0,
  waiting: 1,
  waitMinutes: { mean: 7, p90: 12 },
  handlingMinutes: { mean: 5 },
  ratings,
});

const stats: TodayStats = {
  businessDate: '2024-05-06',
  at: iso(NOW),
  services: [
    { serviceId: 'reg', ...figures({ count: 12, mean: 4.3 }) },
    { serviceId: 'pass', ...figures({ count: 1, mean: 4 }) },
    { serviceId: 'seal', ...figures({ count: 0, mean: null }) },
  ],
  totals: figures({ count: 13, mean: 4.3 }),
};

const office = fromSnapshot(
  snapshot({
    services: [
      service({ id: 'reg', names: { 'zh-TW': '戶籍登記', en: 'Registration' }, sortOrder: 1 }),
      service({ id: 'pass', code: 'B', names: { 'zh-TW': '護照', en: 'Passports' }, sortOrder: 2 }),
      service({ id: 'seal', code: 'C', names: { 'zh-TW': '印鑑', en: 'Seals' }, sortOrder: 3 }),
    ],
  }),
);

async function table(lang: StaffLanguage) {
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <FloorToday api={floorApi(supervisor, { '/stats/today': stats })} office={office} />
    </I18nextProvider>,
  );
  return screen.findByRole('table');
}

/** The satisfaction cell of the row named `line` (the last column). */
const satisfaction = (t: HTMLElement, line: string) => within(t).getByRole('row', { name: new RegExp(line) }).querySelectorAll('td').item(5).textContent;

describe("today's figures: satisfaction (滿意度)", () => {
  it('in Chinese: a 滿意度 column with the mean to a tenth and how many rated, per line and for the office; a dash for none', async () => {
    const t = await table('zh-TW');
    expect(within(t).getAllByRole('columnheader').at(-1)?.textContent).toBe('滿意度');
    expect(satisfaction(t, '戶籍登記')).toBe('4.3 分（12 則）');
    expect(satisfaction(t, '護照')).toBe('4.0 分（1 則）');
    expect(satisfaction(t, '印鑑')).toBe('—');
    expect(satisfaction(t, '全所')).toBe('4.3 分（13 則）');
  });

  it('in English, with the count in the singular or the plural', async () => {
    const t = await table('en');
    expect(within(t).getAllByRole('columnheader').at(-1)?.textContent).toBe('Satisfaction');
    expect(satisfaction(t, 'Registration')).toBe('4.3 (12 ratings)');
    expect(satisfaction(t, 'Passports')).toBe('4.0 (1 rating)');
    expect(satisfaction(t, 'Seals')).toBe('—');
    expect(satisfaction(t, 'Whole office')).toBe('4.3 (13 ratings)');
  });
});
