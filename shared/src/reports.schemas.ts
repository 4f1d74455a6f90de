// The office's reports (supervisor and admin): a day, a month or any range of business dates, per
// line, per counter and per clerk, with tickets per hour for the chart. One shape for the browser
// view and every export (CSV, ODS, PDF), so a figure reads the same wherever it is shown.
import { Type, type Static } from '@sinclair/typebox';
import { MAX_FIGURE_MINUTES } from './figures';
import { BusinessDate, CounterNumber, IsoDateTime } from './domain.schemas';
import { Count } from './formats';

/** The longest range one report covers (a year and a day, as the open data). */
export const MAX_REPORT_RANGE_DAYS = 366;

/** The export formats beside the JSON view. */
export const REPORT_FORMATS = ['csv', 'ods', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const Minutes = (description: string) => Type.Union([Type.Number({ minimum: 0, maximum: MAX_FIGURE_MINUTES }), Type.Null()], { description });
const Share = (description: string) => Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description });

const Spread = (what: string) =>
  Type.Object({
    mean: Minutes(`Mean ${what}, minutes to a tenth; null when there is none`),
    median: Minutes(`Median ${what} (nearest rank), minutes`),
    p90: Minutes(`90th percentile ${what} (nearest rank), minutes`),
  });

/** The figures of one group of tickets (a line, a counter, a clerk, a day, or all of them). */
export const ReportFigures = Type.Object({
  issued: Count({ description: 'Numbers given (a line: the numbers it gave, a ticket transferred away still counts there; a counter or clerk: the tickets it called)' }),
  served: Count({ description: 'Finished (done)' }),
  noShows: Count({ description: 'Called and did not come (and not put back in line)' }),
  cancelled: Count(),
  transferred: Count({ description: 'Sent on to another line or counter (a line or counter: sent away from it)' }),
  waitMinutes: Spread('wait, issue to (last) call'),
  handlingMinutes: Spread('handling time, start to finish of a done ticket'),
  withinTargetWait: Share("Share of called tickets whose wait was at most their line's target wait; null when none was called"),
  withinHandlingLimit: Share("Share of done tickets whose handling time was at most their line's handling-time limit (處理時限); null when none"),
  bookings: Type.Object(
    {
      kept: Count({ description: 'Bookings checked in at the kiosk' }),
      missed: Count({ description: 'Bookings never checked in, or checked in too late and made a walk-in ticket' }),
    },
    { description: 'Appointments (預約) of the period' },
  ),
  ratings: Type.Object({
    count: Count({ description: 'Done tickets their residents rated' }),
    mean: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], { description: 'Mean score (1–5) to a tenth; null when none' }),
  }),
});
export type ReportFigures = Static<typeof ReportFigures>;

const Named = { name: Type.String({ description: 'Its name (a line: in Traditional Chinese)' }) };

export const ReportQuery = Type.Object({
  from: BusinessDate,
  to: BusinessDate,
});
export type ReportQuery = Static<typeof ReportQuery>;

export const Report = Type.Object({
  office: Type.Object({ id: Type.String(), name: Type.String(), timeZone: Type.String() }),
  from: BusinessDate,
  to: BusinessDate,
  generatedAt: IsoDateTime,
  totals: ReportFigures,
  /** Per line, in the lines' order (a line no longer in use but holding tickets comes after). */
  services: Type.Array(Type.Composite([Type.Object({ serviceId: Type.String(), nameEn: Type.String(), ...Named }), ReportFigures])),
  /** Per counter that called, served or finished a ticket of the period, by counter number. */
  counters: Type.Array(Type.Composite([Type.Object({ counterId: Type.String(), number: CounterNumber, ...Named }), ReportFigures])),
  /** Per staff member who called, finished, missed, transferred or cancelled a ticket of the period, by name. */
  clerks: Type.Array(Type.Composite([Type.Object({ staffId: Type.String(), ...Named }), ReportFigures])),
  /** Per business date of the range, oldest first, every date included (a closed day is all zeros). */
  days: Type.Array(Type.Composite([Type.Object({ businessDate: BusinessDate }), ReportFigures])),
  /** Tickets per hour of the office's day (office time zone), summed over the range: the chart. */
  hourly: Type.Array(Type.Object({ hour: Type.Integer({ minimum: 0, maximum: 23 }), issued: Count(), served: Count() })),
});
export type Report = Static<typeof Report>;
