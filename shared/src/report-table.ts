// A report as one table: a row per group (the total, each line, counter, clerk, day and hour) and a
// column per figure, the same for every export. The CSV is this table as it is; the spreadsheet
// (ODS) puts each section on its own sheet and the PDF prints some of the columns.
import { csvField } from './open-data';
import type { Report, ReportFigures } from './reports.schemas';

export const REPORT_SECTIONS = ['total', 'service', 'counter', 'clerk', 'day', 'hour'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** How a figure is written: a count, minutes to a tenth, a share (0–1) or a score (1–5). */
export type ReportColumnKind = 'count' | 'minutes' | 'share' | 'score';

/** The figure columns, in order: the CSV header, the heading in Traditional Chinese (spreadsheet, PDF), the kind, and the figure. */
export const REPORT_COLUMNS = [
  ['issued', '取號', 'count', (f) => f.issued],
  ['served', '完成', 'count', (f) => f.served],
  ['no_shows', '過號', 'count', (f) => f.noShows],
  ['cancelled', '取消', 'count', (f) => f.cancelled],
  ['transferred', '轉送', 'count', (f) => f.transferred],
  ['wait_mean_min', '平均等候(分)', 'minutes', (f) => f.waitMinutes.mean],
  ['wait_median_min', '等候中位數(分)', 'minutes', (f) => f.waitMinutes.median],
  ['wait_p90_min', '等候P90(分)', 'minutes', (f) => f.waitMinutes.p90],
  ['handling_mean_min', '平均處理(分)', 'minutes', (f) => f.handlingMinutes.mean],
  ['handling_median_min', '處理中位數(分)', 'minutes', (f) => f.handlingMinutes.median],
  ['handling_p90_min', '處理P90(分)', 'minutes', (f) => f.handlingMinutes.p90],
  ['within_target_wait', '等候達標', 'share', (f) => f.withinTargetWait],
  ['within_handling_limit', '處理達標', 'share', (f) => f.withinHandlingLimit],
  ['bookings_kept', '預約報到', 'count', (f) => f.bookings.kept],
  ['bookings_missed', '預約未到', 'count', (f) => f.bookings.missed],
  ['ratings_count', '評分數', 'count', (f) => f.ratings.count],
  ['ratings_mean', '平均評分', 'score', (f) => f.ratings.mean],
] as const satisfies readonly (readonly [string, string, ReportColumnKind, (f: ReportFigures) => number | null])[];
export type ReportColumn = (typeof REPORT_COLUMNS)[number][0];

/** The columns before the figures: which section, the group's id (a date, an hour "09"), its name. */
export const REPORT_KEY_COLUMNS = ['section', 'id', 'name'] as const;

export interface ReportRow {
  readonly section: ReportSection;
  readonly id: string;
  readonly name: string;
  /** Every column's figure (null: none, or not counted for this section, as an hour's waits). */
  readonly figures: Readonly<Record<ReportColumn, number | null>>;
}

const figuresRow = (f: ReportFigures) => Object.fromEntries(REPORT_COLUMNS.map(([key, , , of]) => [key, of(f)])) as Record<ReportColumn, number | null>;
const pad = (n: number) => String(n).padStart(2, '0');

/** The rows: the total, then per line, counter, clerk, day and hour, each in the report's order. */
export function reportRows(report: Report): ReportRow[] {
  return [
    { section: 'total', id: 'total', name: '合計', figures: figuresRow(report.totals) },
    ...report.services.map((s): ReportRow => ({ section: 'service', id: s.serviceId, name: s.name, figures: figuresRow(s) })),
    ...report.counters.map((c): ReportRow => ({ section: 'counter', id: c.counterId, name: c.name, figures: figuresRow(c) })),
    ...report.clerks.map((c): ReportRow => ({ section: 'clerk', id: c.staffId, name: c.name, figures: figuresRow(c) })),
    ...report.days.map((d): ReportRow => ({ section: 'day', id: d.businessDate, name: d.businessDate, figures: figuresRow(d) })),
    // An hour has only its counts of numbers given and tickets finished.
    ...report.hourly.map(
      (h): ReportRow => ({
        section: 'hour',
        id: pad(h.hour),
        name: `${pad(h.hour)}:00–${pad((h.hour + 1) % 24)}:00`,
        figures: { ...(Object.fromEntries(REPORT_COLUMNS.map(([key]) => [key, null])) as Record<ReportColumn, null>), issued: h.issued, served: h.served },
      }),
    ),
  ];
}

/** The table as CSV: UTF-8 with a byte-order mark (Excel reads the Chinese right), a header row, CRLF, as the open data. */
export function reportCsv(report: Report): string {
  const header = [...REPORT_KEY_COLUMNS, ...REPORT_COLUMNS.map(([key]) => key)];
  const lines = [
    header.join(','),
    ...reportRows(report).map((r) => [r.section, r.id, r.name, ...REPORT_COLUMNS.map(([key]) => r.figures[key])].map(csvField).join(',')),
  ];
  return `\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`;
}
