// The open-data export of the daily figures (GET /api/v1/public/stats/daily.csv and .json): per
// business date and line, the counts and times the supervisor sees for today (figures.ts), for a
// range of dates. Aggregates only: never a ticket, a number or a person.
import { Type, type Static } from '@sinclair/typebox';
import type { LineFigures } from './admin.schemas';
import { BusinessDate } from './domain.schemas';
import { Count } from './formats';

/** The longest range one request may ask for (a year and a day, so a whole leap year fits). */
export const MAX_DAILY_RANGE_DAYS = 366;
/** The range when none is asked for: the last 31 days, today included. */
export const DEFAULT_DAILY_RANGE_DAYS = 31;

const Minutes = Type.Union([Type.Number({ minimum: 0 }), Type.Null()]);

/** The columns, in order, each with what it means: the CSV header row, the JSON fields, and /docs. */
export const DAILY_COLUMNS = [
  ['business_date', 'The business date (YYYY-MM-DD, the office time zone)'],
  ['service_id', 'The line (service) id'],
  ['service_name', 'The line in Traditional Chinese (its name today)'],
  ['service_name_en', 'The line in English (its name today; empty when it has none)'],
  ['issued', 'Tickets this line issued that day'],
  ['served', 'Tickets finished in this line'],
  ['no_shows', 'Tickets called but not seen (過號) in this line'],
  ['cancelled', 'Tickets cancelled in this line (by the resident or staff, or an emergency closure)'],
  ['wait_mean_min', 'Mean wait, issue to (last) call, in minutes to a tenth; empty when nobody was called'],
  ['wait_p90_min', '90th percentile of the wait (nearest rank), minutes; empty when nobody was called'],
  ['handling_mean_min', 'Mean handling time, start to finish of a served ticket, minutes; empty when none was served'],
] as const;

export const DailyFiguresRow = Type.Object(
  {
    business_date: BusinessDate,
    service_id: Type.String(),
    service_name: Type.String(),
    service_name_en: Type.String(),
    issued: Count(),
    served: Count(),
    no_shows: Count(),
    cancelled: Count(),
    wait_mean_min: Minutes,
    wait_p90_min: Minutes,
    handling_mean_min: Minutes,
  },
  { additionalProperties: false },
);
export type DailyFiguresRow = Static<typeof DailyFiguresRow>;

export const DailyFigures = Type.Object(
  {
    from: BusinessDate,
    to: BusinessDate,
    rows: Type.Array(DailyFiguresRow, { description: 'Per date, then per line in the office order; a line appears on a date it held tickets' }),
  },
  { additionalProperties: false },
);
export type DailyFigures = Static<typeof DailyFigures>;

/** One row from a line's figures of a day. */
export function dailyRow(date: string, service: { id: string; names: { 'zh-TW': string; en?: string } }, f: LineFigures): DailyFiguresRow {
  return {
    business_date: date,
    service_id: service.id,
    service_name: service.names['zh-TW'],
    service_name_en: service.names.en ?? '',
    issued: f.issued,
    served: f.served,
    no_shows: f.noShows,
    cancelled: f.cancelled,
    wait_mean_min: f.waitMinutes.mean,
    wait_p90_min: f.waitMinutes.p90,
    handling_mean_min: f.handlingMinutes.mean,
  };
}

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; a formula-looking text is defused. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // A spreadsheet would run "=…", "+…", "-…", "@…" as a formula: a leading apostrophe keeps it text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese right), a header row, CRLF. */
export function dailyCsv(rows: readonly DailyFiguresRow[]): string {
  const names = DAILY_COLUMNS.map(([name]) => name);
  const lines = [names.join(','), ...rows.map((r) => names.map((n) => csvField(r[n])).join(','))];
  return `\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`;
}

/** Every date from `from` to `to`, both included (YYYY-MM-DD, calendar arithmetic in UTC). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** `date` moved by `days` (negative: back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
