// What the reports view shows, as pure functions (STYLE.md habit 14): the period chosen (a day, a
// month, a range) as the business dates it covers, or why it cannot be asked for; the URLs of the
// report and its downloads; the figures as the UI language writes them; and the geometry of the
// tickets-per-hour chart. The components only draw these.
import { LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import { MAX_REPORT_RANGE_DAYS, type Language, type Report, type ReportFormat } from '@jiaohao/shared/schemas';

// ---- The period ----

export type PeriodKind = 'day' | 'month' | 'range';
export const PERIOD_KINDS: readonly PeriodKind[] = ['day', 'month', 'range'];

/** What is typed in the chooser: every field is kept, so switching kinds loses nothing. */
export interface PeriodInput {
  readonly kind: PeriodKind;
  /** YYYY-MM-DD */
  readonly date: string;
  /** YYYY-MM */
  readonly month: string;
  readonly from: string;
  readonly to: string;
}

/** Business dates, both included. */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

export type RangeProblem =
  | { readonly kind: 'missing'; readonly field: 'date' | 'month' | 'from' | 'to' }
  | { readonly kind: 'backwards' }
  | { readonly kind: 'tooLong'; readonly days: number; readonly max: number };

export type PeriodResult = { readonly ok: true; readonly range: DateRange } | { readonly ok: false; readonly problem: RangeProblem };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a real YYYY-MM-DD date (2024-02-30 is not one), else null. */
function dayNumber(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export const isDate = (s: string): boolean => dayNumber(s) !== null;

/** How many business dates a range covers, both ends included (2024-05-01 … 2024-05-01 is 1). */
export function daysIn(range: DateRange): number {
  const a = dayNumber(range.from);
  const b = dayNumber(range.to);
  if (a === null || b === null) throw new RangeError(`not a date range: ${range.from}…${range.to}`);
  return b - a + 1;
}

/** The first and last date of a YYYY-MM month, or null when it is not one. */
export function monthBounds(month: string): DateRange | null {
  const m = MONTH.exec(month);
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12) return null;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` };
}

/** Why a from/to range cannot be asked for, or null when it can. */
export function checkRange(from: string, to: string, max = MAX_REPORT_RANGE_DAYS): RangeProblem | null {
  if (!isDate(from)) return { kind: 'missing', field: 'from' };
  if (!isDate(to)) return { kind: 'missing', field: 'to' };
  const days = daysIn({ from, to });
  if (days < 1) return { kind: 'backwards' };
  if (days > max) return { kind: 'tooLong', days, max };
  return null;
}

/** The dates the chosen period covers, or the problem to show beside the fields (before any request). */
export function periodRange(input: PeriodInput): PeriodResult {
  switch (input.kind) {
    case 'day':
      return isDate(input.date) ? { ok: true, range: { from: input.date, to: input.date } } : { ok: false, problem: { kind: 'missing', field: 'date' } };
    case 'month': {
      const range = monthBounds(input.month);
      return range ? { ok: true, range } : { ok: false, problem: { kind: 'missing', field: 'month' } };
    }
    case 'range': {
      const problem = checkRange(input.from, input.to);
      return problem ? { ok: false, problem } : { ok: true, range: { from: input.from, to: input.to } };
    }
  }
}

/** The chooser as it first appears: today, this month, and this month so far as the range. */
export function initialPeriod(today: string): PeriodInput {
  const month = today.slice(0, 7);
  return { kind: 'day', date: today, month, from: `${month}-01`, to: today };
}

/** The catalog key and values of a problem's sentence. */
export function problemSentence(problem: RangeProblem): { key: string; values: Record<string, number> } {
  switch (problem.kind) {
    case 'missing':
      return { key: `reports.problem.missing.${problem.field}`, values: {} };
    case 'backwards':
      return { key: 'reports.problem.backwards', values: {} };
    case 'tooLong':
      return { key: 'reports.problem.tooLong', values: { days: problem.days, max: problem.max } };
  }
}

// ---- Where it comes from ----

const query = (range: DateRange) => `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;

/** The report's path for the api client (which adds /api/v1). */
export const reportPath = (range: DateRange): string => `/reports?${query(range)}`;

/** A download's URL, as the browser follows it (the session cookie goes with it). */
export const exportUrl = (format: ReportFormat, range: DateRange): string => `/api/v1/reports.${format}?${query(range)}`;

/** A range longer than a day has a table per day. */
export const spansDays = (report: Pick<Report, 'from' | 'to'>): boolean => report.from !== report.to;

// ---- Figures as the UI language writes them ----

export interface Formats {
  /** An integer count ("1,234"). */
  count(n: number): string;
  /** Minutes to a tenth with the unit ("7.5 分鐘", "7.5 min"); null when there is none. */
  minutes(n: number | null): string | null;
  /** A share as a percentage to a tenth ("87.5%"); null when there is none. */
  share(n: number | null): string | null;
  /** A 1–5 score to a tenth ("4.3"); null when there is none. */
  score(n: number | null): string | null;
}

export function formatsFor(lang: Language): Formats {
  const tag = LANGUAGE_TAGS[lang];
  const count = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const minutes = new Intl.NumberFormat(tag, { style: 'unit', unit: 'minute', unitDisplay: 'short', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const share = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const score = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const orNull = (f: Intl.NumberFormat) => (n: number | null) => (n === null ? null : f.format(n));
  return { count: (n) => count.format(n), minutes: orNull(minutes), share: orNull(share), score: orNull(score) };
}

// ---- The tickets-per-hour chart ----

export type Hourly = Report['hourly'];

export interface ChartBar {
  readonly series: 'issued' | 'served';
  readonly value: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ChartHour {
  readonly hour: number;
  readonly issued: number;
  readonly served: number;
  /** The centre of the hour's group, for its label. */
  readonly labelX: number;
  readonly bars: readonly [ChartBar, ChartBar];
}

export interface ChartGeometry {
  readonly width: number;
  readonly height: number;
  /** The plot area: bars stand on `baseline`, the tallest tick at `top`. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly baseline: number;
  /** The value of the top of the axis (a round number at least the tallest bar). */
  readonly max: number;
  readonly ticks: readonly { readonly value: number; readonly y: number }[];
  readonly hours: readonly ChartHour[];
}

export const CHART_SIZE = { width: 720, height: 260, left: 44, right: 8, top: 12, bottom: 28, maxGroup: 72 } as const;

/**
 * A round top for the axis and its step: 1, 2 or 5 times a power of ten, with at most `most`
 * steps, so the ticks read 0, 5, 10, 15 rather than 0, 3.4, 6.8.
 */
export function niceScale(max: number, most = 5): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const raw = max / most;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const whole = Math.max(1, Math.round(step));
  return { max: Math.ceil(max / whole) * whole, step: whole };
}

/**
 * The hours worth drawing, gaps filled with zeros: from the first hour anything happened to the
 * last. Empty when nothing did (the view then says so instead of drawing an empty chart).
 */
export function chartHours(hourly: Hourly): { hour: number; issued: number; served: number }[] {
  const busy = hourly.filter((h) => h.issued > 0 || h.served > 0).map((h) => h.hour);
  if (busy.length === 0) return [];
  const first = Math.min(...busy);
  const last = Math.max(...busy);
  const byHour = new Map(hourly.map((h) => [h.hour, h]));
  const hours = [];
  for (let hour = first; hour <= last; hour++) hours.push({ hour, issued: byHour.get(hour)?.issued ?? 0, served: byHour.get(hour)?.served ?? 0 });
  return hours;
}

/** Where every bar, tick and label goes, in the SVG's own units (its viewBox). */
export function chartGeometry(hourly: Hourly, size: typeof CHART_SIZE = CHART_SIZE): ChartGeometry {
  const rows = chartHours(hourly);
  const tallest = Math.max(0, ...rows.map((r) => Math.max(r.issued, r.served)));
  const scale = niceScale(tallest);
  const left = size.left;
  const right = size.width - size.right;
  const top = size.top;
  const baseline = size.height - size.bottom;
  const plot = baseline - top;
  const y = (v: number) => baseline - (v / scale.max) * plot;
  // An hour never wider than maxGroup (one busy hour is not one huge bar); the hours centred.
  const group = rows.length === 0 ? 0 : Math.min((right - left) / rows.length, size.maxGroup);
  const start = left + (right - left - group * rows.length) / 2;
  // Two bars side by side in each hour, a fifth of the group left as space between the hours.
  const bar = (group * 0.8) / 2;
  const hours = rows.map((r, i) => {
    const x0 = start + i * group + group * 0.1;
    const make = (series: 'issued' | 'served', value: number, x: number): ChartBar => ({ series, value, x, y: y(value), width: bar, height: baseline - y(value) });
    return { ...r, labelX: start + (i + 0.5) * group, bars: [make('issued', r.issued, x0), make('served', r.served, x0 + bar)] as const };
  });
  const ticks = [];
  for (let v = 0; v <= scale.max; v += scale.step) ticks.push({ value: v, y: y(v) });
  return { width: size.width, height: size.height, left, right, top, baseline, max: scale.max, ticks, hours };
}

export interface ChartSummary {
  readonly first: number;
  readonly last: number;
  readonly issued: number;
  readonly served: number;
  /** The hour most numbers were given in (the earliest of a tie). */
  readonly peak: number;
  readonly peakIssued: number;
}

/** What the chart's label says: the hours it spans, the totals, the busiest hour; null when empty. */
export function chartSummary(hourly: Hourly): ChartSummary | null {
  const rows = chartHours(hourly);
  if (rows.length === 0) return null;
  const peak = rows.reduce((best, r) => (r.issued > best.issued ? r : best));
  return {
    first: rows[0]!.hour,
    last: rows.at(-1)!.hour,
    issued: rows.reduce((n, r) => n + r.issued, 0),
    served: rows.reduce((n, r) => n + r.served, 0),
    peak: peak.hour,
    peakIssued: peak.issued,
  };
}

/** "09:00–10:00": an hour of the office's day. */
export const hourSpan = (hour: number): string => `${String(hour).padStart(2, '0')}:00–${String(hour + 1).padStart(2, '0')}:00`;
