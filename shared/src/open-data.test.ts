import { describe, expect, it } from 'vitest';
import { addDays, DAILY_COLUMNS, dailyCsv, dailyRow, datesBetween } from './open-data';

// The ratings (the supervisor's 滿意度) are not open data: no column carries them.
const figures = { issued: 3, served: 1, noShows: 1, cancelled: 1, waiting: 0, waitMinutes: { mean: 3.5, p90: 4 }, handlingMinutes: { mean: null }, ratings: { count: 2, mean: 4.5 } };

describe('the daily open-data CSV', () => {
  it('starts with a byte-order mark and the header row, ends every line with CRLF, and leaves a missing time empty', () => {
    const csv = dailyCsv([dailyRow('2026-12-01', { id: 'reg', names: { 'zh-TW': '戶籍登記', en: 'Registration' } }, figures)]);
    expect(csv).toBe(`\uFEFF${DAILY_COLUMNS.map(([n]) => n).join(',')}\r\n2026-12-01,reg,戶籍登記,Registration,3,1,1,1,3.5,4,\r\n`);
  });

  it('quotes a name with a comma or a quote, and keeps a name that looks like a formula as text', () => {
    const csv = dailyCsv([
      dailyRow('2026-12-01', { id: 'a', names: { 'zh-TW': '戶籍, "謄本"', en: '=HYPERLINK("x")' } }, figures),
      dailyRow('2026-12-01', { id: 'b', names: { 'zh-TW': '-1+1' } }, figures),
    ]);
    const [, a, b] = csv.slice(1).split('\r\n');
    expect(a).toBe(`2026-12-01,a,"戶籍, ""謄本""","'=HYPERLINK(""x"")",3,1,1,1,3.5,4,`);
    expect(b).toBe(`2026-12-01,b,'-1+1,,3,1,1,1,3.5,4,`);
  });

  it('lists every date of a range, across a month and a leap day', () => {
    expect(datesBetween('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(datesBetween('2026-12-02', '2026-12-01')).toEqual([]);
    expect(addDays('2026-12-01', -30)).toBe('2026-11-01');
  });
});
