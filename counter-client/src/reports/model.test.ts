import { describe, expect, it } from 'vitest';
import { MAX_REPORT_RANGE_DAYS } from '@jiaohao/shared/schemas';
import {
  chartGeometry,
  chartHours,
  chartSummary,
  checkRange,
  daysIn,
  exportUrl,
  formatsFor,
  hourSpan,
  initialPeriod,
  isDate,
  monthBounds,
  niceScale,
  periodRange,
  problemSentence,
  reportPath,
  spansDays,
} from './model';

describe('the period', () => {
  it('starts on today, this month, and this month so far as the range', () => {
    expect(initialPeriod('2024-05-06')).toEqual({ kind: 'day', date: '2024-05-06', month: '2024-05', from: '2024-05-01', to: '2024-05-06' });
  });

  it('a day is that date alone', () => {
    expect(periodRange({ ...initialPeriod('2024-05-06'), kind: 'day' })).toEqual({ ok: true, range: { from: '2024-05-06', to: '2024-05-06' } });
  });

  it('a month runs from its first to its last day, leap years included', () => {
    expect(monthBounds('2024-05')).toEqual({ from: '2024-05-01', to: '2024-05-31' });
    expect(monthBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthBounds('2023-02')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(monthBounds('2024-12')).toEqual({ from: '2024-12-01', to: '2024-12-31' });
    expect(monthBounds('2024-13')).toBeNull();
    expect(monthBounds('')).toBeNull();
    expect(periodRange({ ...initialPeriod('2024-04-10'), kind: 'month' })).toEqual({ ok: true, range: { from: '2024-04-01', to: '2024-04-30' } });
  });

  it('counts the days of a range with both ends included', () => {
    expect(daysIn({ from: '2024-05-01', to: '2024-05-01' })).toBe(1);
    expect(daysIn({ from: '2024-02-28', to: '2024-03-01' })).toBe(3);
    expect(daysIn({ from: '2024-01-01', to: '2024-12-31' })).toBe(366);
  });

  it('knows a real date from one that only looks like it', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDate('2024-5-6')).toBe(false);
    expect(isDate('')).toBe(false);
  });

  it('refuses a range that ends before it starts, or is longer than the longest report', () => {
    expect(checkRange('2024-05-06', '2024-05-05')).toEqual({ kind: 'backwards' });
    expect(checkRange('2024-01-01', '2024-12-31')).toBeNull();
    expect(MAX_REPORT_RANGE_DAYS).toBe(366);
    expect(checkRange('2024-01-01', '2025-01-01')).toEqual({ kind: 'tooLong', days: 367, max: 366 });
    expect(checkRange('', '2024-05-05')).toEqual({ kind: 'missing', field: 'from' });
    expect(checkRange('2024-05-05', '2024-02-30')).toEqual({ kind: 'missing', field: 'to' });
  });

  it('says which field is missing for each kind, and words every problem from the catalog', () => {
    const blank = { kind: 'day', date: '', month: '', from: '', to: '' } as const;
    expect(periodRange(blank)).toEqual({ ok: false, problem: { kind: 'missing', field: 'date' } });
    expect(periodRange({ ...blank, kind: 'month' })).toEqual({ ok: false, problem: { kind: 'missing', field: 'month' } });
    expect(periodRange({ ...blank, kind: 'range', from: '2024-05-02', to: '2024-05-01' })).toEqual({ ok: false, problem: { kind: 'backwards' } });
    expect(problemSentence({ kind: 'missing', field: 'month' })).toEqual({ key: 'reports.problem.missing.month', values: {} });
    expect(problemSentence({ kind: 'tooLong', days: 400, max: 366 })).toEqual({ key: 'reports.problem.tooLong', values: { days: 400, max: 366 } });
  });
});

describe('where the report comes from', () => {
  const may = { from: '2024-05-01', to: '2024-05-31' };
  it('asks the api for the range, and downloads each format with the same query', () => {
    expect(reportPath(may)).toBe('/reports?from=2024-05-01&to=2024-05-31');
    expect(exportUrl('csv', may)).toBe('/api/v1/reports.csv?from=2024-05-01&to=2024-05-31');
    expect(exportUrl('ods', may)).toBe('/api/v1/reports.ods?from=2024-05-01&to=2024-05-31');
    expect(exportUrl('pdf', may)).toBe('/api/v1/reports.pdf?from=2024-05-01&to=2024-05-31');
  });

  it('has a table per day only when the range is longer than a day', () => {
    expect(spansDays(may)).toBe(true);
    expect(spansDays({ from: '2024-05-06', to: '2024-05-06' })).toBe(false);
  });
});

describe('figures as the UI language writes them', () => {
  it('minutes to a tenth with the unit, shares as percentages, scores to a tenth, null as null', () => {
    const zh = formatsFor('zh-TW');
    const en = formatsFor('en');
    expect(zh.minutes(7)).toBe('7.0 分鐘');
    expect(en.minutes(12.25)).toBe('12.3 min');
    expect(en.share(0.875)).toBe('87.5%');
    expect(zh.share(1)).toBe('100%');
    expect(en.score(4)).toBe('4.0');
    expect(en.count(12345)).toBe('12,345');
    expect(zh.minutes(null)).toBeNull();
    expect(en.share(null)).toBeNull();
    expect(en.score(null)).toBeNull();
  });
});

describe('the tickets-per-hour chart', () => {
  const hourly = [
    { hour: 8, issued: 4, served: 2 },
    { hour: 9, issued: 12, served: 10 },
    { hour: 11, issued: 7, served: 9 },
    { hour: 15, issued: 0, served: 0 },
  ];

  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceScale(12)).toEqual({ max: 15, step: 5 });
    expect(niceScale(4)).toEqual({ max: 4, step: 1 });
    expect(niceScale(230)).toEqual({ max: 250, step: 50 });
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
  });

  it('draws from the first busy hour to the last, the quiet hours between as zeros', () => {
    expect(chartHours(hourly).map((h) => [h.hour, h.issued, h.served])).toEqual([
      [8, 4, 2],
      [9, 12, 10],
      [10, 0, 0],
      [11, 7, 9],
    ]);
    expect(chartHours([{ hour: 9, issued: 0, served: 0 }])).toEqual([]);
  });

  it('stands every bar on the baseline, as tall as its value on the axis, inside the plot', () => {
    const g = chartGeometry(hourly);
    expect(g.max).toBe(15);
    expect(g.ticks.map((t) => t.value)).toEqual([0, 5, 10, 15]);
    expect(g.ticks[0]!.y).toBe(g.baseline);
    expect(g.ticks.at(-1)!.y).toBe(g.top);
    const nine = g.hours.find((h) => h.hour === 9)!;
    const [issued, served] = nine.bars;
    expect(issued.height / served.height).toBeCloseTo(12 / 10);
    expect(issued.y + issued.height).toBeCloseTo(g.baseline);
    expect(issued.height).toBeCloseTo(((g.baseline - g.top) * 12) / 15);
    expect(served.x).toBeCloseTo(issued.x + issued.width);
    for (const h of g.hours) for (const b of h.bars) {
      expect(b.x).toBeGreaterThanOrEqual(g.left);
      expect(b.x + b.width).toBeLessThanOrEqual(g.right);
    }
    expect(g.hours.find((h) => h.hour === 10)!.bars.map((b) => b.height)).toEqual([0, 0]);
  });

  it('keeps one busy hour to a sensible width, centred in the plot', () => {
    const g = chartGeometry([{ hour: 13, issued: 3, served: 2 }]);
    const [issued, served] = g.hours[0]!.bars;
    expect(issued.width + served.width).toBeLessThanOrEqual(72);
    expect(g.hours[0]!.labelX).toBeCloseTo((g.left + g.right) / 2);
    expect((issued.x + served.x + served.width) / 2).toBeCloseTo((g.left + g.right) / 2);
  });

  it('sums it up for its label: the hours, the totals and the busiest hour', () => {
    expect(chartSummary(hourly)).toEqual({ first: 8, last: 11, issued: 23, served: 21, peak: 9, peakIssued: 12 });
    expect(chartSummary([])).toBeNull();
    expect(hourSpan(9)).toBe('09:00–10:00');
  });
});
