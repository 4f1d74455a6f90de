// Today's figures per line for the supervisor: counts, waits and handling times, from the day's
// tickets. Pure, so the counter client can compute the same from what it holds.
import type { LineFigures, ServiceFigures } from './admin.schemas';
import type { Ticket } from './domain.schemas';

/** What a ticket contributes to the figures. */
export type FigureTicket = Pick<Ticket, 'serviceId' | 'state' | 'issuedAt' | 'calledAt' | 'startedAt' | 'endedAt' | 'transfers'>;

/** A resident's rating of one of the day's tickets: the line that finished it and the score (1–5). */
export interface FigureRating {
  readonly serviceId: string;
  readonly score: number;
}

/** The largest number of minutes a figure shows (a clock stepped about cannot make it more). */
export const MAX_FIGURE_MINUTES = 14_400;

const MINUTE = 60_000;

/** Minutes in a span of `ms`, within what a figure shows. */
export const minutes = (ms: number): number => Math.min(MAX_FIGURE_MINUTES, Math.max(0, ms / MINUTE));
/** A figure to a tenth, as every figure is shown; null stays null. */
export const tenth = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

/** The mean, or null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The nearest-rank percentile (p in 0–100) of the values, or null for none: at least p% are at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

interface Tally {
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  waiting: number;
  waits: number[];
  handling: number[];
  scores: number[];
}

const emptyTally = (): Tally => ({ issued: 0, served: 0, noShows: 0, cancelled: 0, waiting: 0, waits: [], handling: [], scores: [] });

function figuresOf(t: Tally): LineFigures {
  return {
    issued: t.issued,
    served: t.served,
    noShows: t.noShows,
    cancelled: t.cancelled,
    waiting: t.waiting,
    waitMinutes: { mean: tenth(mean(t.waits)), p90: tenth(percentile(t.waits, 90)) },
    handlingMinutes: { mean: tenth(mean(t.handling)) },
    ratings: { count: t.scores.length, mean: tenth(mean(t.scores)) },
  };
}

/**
 * The figures of one business day's tickets, per line in `serviceIds` order (a line not listed
 * but holding tickets comes after), and for the whole office. A ticket counts as issued by the
 * line that gave its number, and as served, missed, cancelled or waiting where it is now; its wait
 * runs from issue to its (last) call, its handling time from start to finish of a done ticket.
 * A rating counts in the line that finished its ticket (none given: no ratings, as the open data needs).
 */
export function dayFigures(
  tickets: readonly FigureTicket[],
  serviceIds: readonly string[],
  ratings: readonly FigureRating[] = [],
): { services: ServiceFigures[]; totals: LineFigures } {
  const lines = new Map<string, Tally>(serviceIds.map((id) => [id, emptyTally()]));
  const line = (id: string): Tally => {
    let tally = lines.get(id);
    if (!tally) lines.set(id, (tally = emptyTally()));
    return tally;
  };
  const total = emptyTally();
  for (const t of tickets) {
    const here = line(t.serviceId);
    const issuedBy = line(t.transfers[0]?.fromServiceId ?? t.serviceId);
    issuedBy.issued++;
    total.issued++;
    for (const tally of [here, total]) {
      if (t.state === 'done') tally.served++;
      else if (t.state === 'no_show') tally.noShows++;
      else if (t.state === 'cancelled') tally.cancelled++;
      else if (t.state === 'waiting') tally.waiting++;
      if (t.calledAt !== null) tally.waits.push(minutes(Date.parse(t.calledAt) - Date.parse(t.issuedAt)));
      if (t.state === 'done' && t.startedAt !== null && t.endedAt !== null) tally.handling.push(minutes(Date.parse(t.endedAt) - Date.parse(t.startedAt)));
    }
  }
  for (const r of ratings) {
    line(r.serviceId).scores.push(r.score);
    total.scores.push(r.score);
  }
  return {
    services: [...lines].map(([serviceId, tally]) => ({ serviceId, ...figuresOf(tally) })),
    totals: figuresOf(total),
  };
}
