// Today's figures for the supervisor, from the day's tickets (a few thousand rows at most) and the
// residents' ratings of them, through the same pure rule the counter client can run (shared/figures.ts).
import { dayFigures, type TodayStats } from '@jiaohao/shared';
import type { Store } from '../../store';
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
