// Today's figures for the supervisor, from the day's tickets (a few thousand rows at most) and the
// residents' ratings of them, through the same pure rule the counter client can run (shared/figures.ts);
// and the report over a range of dates (shared/report-figures.ts), which adds who did what from the log.
import { buildReport, dayFigures, reportDates, type Report, type ReportQuery, type TodayStats } from '@jiaohao/shared';
import type { Store } from '../../store';
import { toStaff } from '../auth/auth.repo';
import { currentBusinessDate } from '../office/office.queries';
import { ratingsOf } from '../public/eticket.repo';

export function todayStats(store: Store, now: number): TodayStats {
  const office = store.office.office();
  if (!office) throw new Error('the office is not set up');
  const date = currentBusinessDate(store, now, office.timeZone);
  const tickets = store.tickets.allOn(date);
  // Every line in use, and any other that still has tickets today (dayFigures adds those).
  const lines = store.services.list().filter((s) => s.active).map((s) => s.id);
  // Ratings of today's tickets, in the line that finished each (one given later still counts for its day).
  const ratings = ratingsOf(store.db).scoresOn(date);
  return { businessDate: date, at: new Date(now).toISOString(), ...dayFigures(tickets, lines, ratings) };
}

/** The report from `query.from` to `query.to` (checked: validation_failed for a bad range), as of `now`. */
export function report(store: Store, now: number, query: ReportQuery): Report {
  const dates = reportDates(query);
  const office = store.office.office();
  if (!office) throw new Error('the office is not set up');
  const { from, to } = query;
  return buildReport({
    office: { id: office.id, name: office.names['zh-TW'], timeZone: office.timeZone },
    from,
    to,
    generatedAt: new Date(now).toISOString(),
    // A day at a time, through the statement today's figures use.
    tickets: dates.flatMap((d) => store.tickets.allOn(d)),
    services: store.services.list(),
    counters: store.counters.list(),
    // Every account, those since disabled too: they served residents in the range.
    staff: store.staff.list().map(toStaff),
    acts: store.events.ticketActs(from, to),
    ratings: ratingsOf(store.db).scoresBetween(from, to),
    bookings: store.appointments.statesBetween(from, to),
  });
}
