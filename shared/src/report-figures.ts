// The office's report over a range of business dates (reports.schemas.ts): per line, counter,
// clerk and day, and tickets per hour. Pure, from the range's tickets, the lines, counters and
// staff names, the residents' ratings, the bookings' outcomes and who did what to each ticket (the
// event log's actor and counter), so a hand-computed day can be checked against it. The same rules as today's figures
// (figures.ts): a wait runs from issue to the (last) call, a handling time from start to finish of
// a done ticket, percentiles by nearest rank.
import type { AppointmentState } from './appointments.schemas';
import type { Counter, Service, Ticket } from './domain.schemas';
import { mean, minutes, percentile, tenth, type FigureTicket } from './figures';
import { localTime } from './business-date';
import { DomainError } from './errors';
import { DATE_MESSAGE, isCalendarDate } from './formats';
import { datesBetween } from './open-data';
import { MAX_REPORT_RANGE_DAYS, type Report, type ReportFigures, type ReportQuery } from './reports.schemas';

/** What a ticket contributes to a report: what it gives today's figures, with its id and date. */
export type ReportTicket = FigureTicket & Pick<Ticket, 'id' | 'businessDate'>;

/** The moves a report attributes to a counter and a person. */
export const REPORT_ACT_KINDS = ['called', 'finished', 'missed', 'transferred', 'cancelled'] as const;
export type ReportActKind = (typeof REPORT_ACT_KINDS)[number];

/** One move of a ticket, from the event log: where (its counter) and by whom (a staff actor; null for a device or the server). */
export interface ReportAct {
  readonly ticketId: string;
  readonly kind: ReportActKind;
  readonly counterId: string | null;
  readonly staffId: string | null;
}

/** A resident's rating of one of the range's tickets, in the line that finished it. */
export interface ReportRating {
  readonly ticketId: string;
  readonly serviceId: string;
  readonly score: number;
}

/** A booking of one of the range's dates, its line and what became of it (the appointments table). */
export interface ReportBooking {
  readonly date: string;
  readonly serviceId: string;
  readonly state: AppointmentState;
}

export interface ReportInput {
  readonly office: Report['office'];
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  /** The tickets of the range's business dates. */
  readonly tickets: readonly ReportTicket[];
  /** Every line, in the office's order (those no longer in use too: their targets still apply). */
  readonly services: readonly Pick<Service, 'id' | 'names' | 'targetWaitMinutes' | 'targetHandlingMinutes' | 'active'>[];
  readonly counters: readonly Pick<Counter, 'id' | 'number' | 'names'>[];
  readonly staff: readonly { readonly id: string; readonly displayName: string }[];
  /** The moves of those tickets, oldest first (moves of other tickets are ignored). */
  readonly acts: readonly ReportAct[];
  readonly ratings: readonly ReportRating[];
  /** The bookings of the range's dates (those not yet deleted after their retention); none when left out. */
  readonly bookings?: readonly ReportBooking[];
}

interface Tally {
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  transferred: number;
  waits: number[];
  /** Waits measured against a target (the line is known), and of those, how many were within it. */
  waitTargeted: number;
  waitWithin: number;
  handling: number[];
  handlingTargeted: number;
  handlingWithin: number;
  scores: number[];
  kept: number;
  missed: number;
}

const emptyTally = (): Tally => ({
  issued: 0,
  served: 0,
  noShows: 0,
  cancelled: 0,
  transferred: 0,
  waits: [],
  waitTargeted: 0,
  waitWithin: 0,
  handling: [],
  handlingTargeted: 0,
  handlingWithin: 0,
  scores: [],
  kept: 0,
  missed: 0,
});

/** A share to a thousandth (a tenth of a percent), or null when nothing was measured. */
const share = (within: number, of: number): number | null => (of === 0 ? null : Math.round((within / of) * 1000) / 1000);

const spread = (values: readonly number[]) => ({
  mean: tenth(mean(values)),
  median: tenth(percentile(values, 50)),
  p90: tenth(percentile(values, 90)),
});

function figuresOf(t: Tally): ReportFigures {
  return {
    issued: t.issued,
    served: t.served,
    noShows: t.noShows,
    cancelled: t.cancelled,
    transferred: t.transferred,
    waitMinutes: spread(t.waits),
    handlingMinutes: spread(t.handling),
    withinTargetWait: share(t.waitWithin, t.waitTargeted),
    withinHandlingLimit: share(t.handlingWithin, t.handlingTargeted),
    bookings: { kept: t.kept, missed: t.missed },
    ratings: { count: t.scores.length, mean: tenth(mean(t.scores)) },
  };
}

/** Tallies by key, made on first use, in the order first used. */
class Tallies {
  readonly byKey = new Map<string, Tally>();
  of(key: string): Tally {
    let tally = this.byKey.get(key);
    if (!tally) this.byKey.set(key, (tally = emptyTally()));
    return tally;
  }
}

/** Where a contribution lands besides the total and the ticket's day: its line, counter and clerk, each when known. */
interface Place {
  readonly serviceId: string | null;
  readonly counterId: string | null | undefined;
  readonly staffId: string | null | undefined;
}

/** The hour (0–23) of an instant in the office's time zone. */
const hourOf = (at: string, timeZone: string): number => Number(localTime(Date.parse(at), timeZone).time.slice(0, 2));

/**
 * The report. A ticket counts as issued by the line that gave its number; as served, missed or
 * cancelled in the line it is in now, at the counter and by the person who finished, missed or
 * cancelled it; its wait where it was (last) called; each transfer where it was sent away from. A
 * counter's or clerk's `issued` is the tickets it called (once each, however often). A rating
 * counts in the line that finished its ticket, at the counter and for the person who finished it.
 */
export function buildReport(input: ReportInput): Report {
  const { timeZone } = input.office;
  const targets = new Map(input.services.map((s) => [s.id, s]));
  const total = emptyTally();
  const days = new Tallies();
  const lines = new Tallies();
  const counters = new Tallies();
  const clerks = new Tallies();
  const issuedPerHour = new Array<number>(24).fill(0);
  const servedPerHour = new Array<number>(24).fill(0);

  const actsOf = new Map<string, ReportAct[]>();
  for (const a of input.acts) {
    let list = actsOf.get(a.ticketId);
    if (!list) actsOf.set(a.ticketId, (list = []));
    list.push(a);
  }
  const byId = new Map(input.tickets.map((t) => [t.id, t]));

  for (const t of input.tickets) {
    const acts = actsOf.get(t.id) ?? [];
    const last = (kind: ReportActKind) => acts.findLast((a) => a.kind === kind);
    const day = days.of(t.businessDate);
    const at = (p: Place): Tally[] => [
      total,
      day,
      ...(p.serviceId !== null ? [lines.of(p.serviceId)] : []),
      ...(p.counterId ? [counters.of(p.counterId)] : []),
      ...(p.staffId ? [clerks.of(p.staffId)] : []),
    ];
    const here = (act: ReportAct | undefined): Place => ({ serviceId: t.serviceId, counterId: act?.counterId, staffId: act?.staffId });

    for (const tally of at({ serviceId: t.transfers[0]?.fromServiceId ?? t.serviceId, counterId: null, staffId: null })) tally.issued++;
    issuedPerHour[hourOf(t.issuedAt, timeZone)]!++;
    // A counter or a clerk "issues" the tickets it calls.
    const calls = acts.filter((a) => a.kind === 'called');
    for (const c of new Set(calls.map((a) => a.counterId))) if (c) counters.of(c).issued++;
    for (const s of new Set(calls.map((a) => a.staffId))) if (s) clerks.of(s).issued++;

    const line = targets.get(t.serviceId);
    if (t.calledAt !== null) {
      const wait = minutes(Date.parse(t.calledAt) - Date.parse(t.issuedAt));
      for (const tally of at(here(last('called')))) {
        tally.waits.push(wait);
        if (line) {
          tally.waitTargeted++;
          if (wait <= line.targetWaitMinutes) tally.waitWithin++;
        }
      }
    }
    if (t.state === 'done') {
      const handled = t.startedAt !== null && t.endedAt !== null ? minutes(Date.parse(t.endedAt) - Date.parse(t.startedAt)) : null;
      for (const tally of at(here(last('finished')))) {
        tally.served++;
        if (handled === null) continue;
        tally.handling.push(handled);
        if (line) {
          tally.handlingTargeted++;
          if (handled <= line.targetHandlingMinutes) tally.handlingWithin++;
        }
      }
      if (t.endedAt !== null) servedPerHour[hourOf(t.endedAt, timeZone)]!++;
    } else if (t.state === 'no_show') {
      for (const tally of at(here(last('missed')))) tally.noShows++;
    } else if (t.state === 'cancelled') {
      for (const tally of at(here(last('cancelled')))) tally.cancelled++;
    }
    // Each transfer counts where the ticket was sent away from; the log's transfers are in the same order as its steps.
    const sent = acts.filter((a) => a.kind === 'transferred');
    for (const [i, step] of t.transfers.entries()) {
      for (const tally of at({ serviceId: step.fromServiceId, counterId: step.fromCounterId, staffId: sent[i]?.staffId })) tally.transferred++;
    }
  }

  for (const r of input.ratings) {
    const t = byId.get(r.ticketId);
    if (!t) continue;
    const finished = actsOf.get(r.ticketId)?.findLast((a) => a.kind === 'finished');
    for (const tally of [total, days.of(t.businessDate), lines.of(r.serviceId)]) tally.scores.push(r.score);
    if (finished?.counterId) counters.of(finished.counterId).scores.push(r.score);
    if (finished?.staffId) clerks.of(finished.staffId).scores.push(r.score);
  }

  // A booking is kept when it was checked in in time, missed when nobody came or came too late for
  // it (an ordinary ticket). It counts for its line and day; no counter or clerk had it yet.
  for (const b of input.bookings ?? []) {
    const kept = b.state === 'checked_in';
    if (!kept && b.state !== 'missed' && b.state !== 'late') continue;
    for (const tally of [total, days.of(b.date), lines.of(b.serviceId)]) {
      if (kept) tally.kept++;
      else tally.missed++;
    }
  }

  // Lines in use always (in the office's order), then any other holding tickets: those no longer in use, then unknown ones by id.
  const listed = [...input.services.filter((s) => s.active), ...input.services.filter((s) => !s.active && lines.byKey.has(s.id))];
  const unknown = [...lines.byKey.keys()].filter((id) => !targets.has(id)).sort();
  const counterById = new Map(input.counters.map((c) => [c.id, c]));
  const nameOf = new Map(input.staff.map((s) => [s.id, s.displayName]));

  return {
    office: input.office,
    from: input.from,
    to: input.to,
    generatedAt: input.generatedAt,
    totals: figuresOf(total),
    services: [
      ...listed.map((s) => ({ serviceId: s.id, name: s.names['zh-TW'], nameEn: s.names.en ?? '', ...figuresOf(lines.of(s.id)) })),
      ...unknown.map((id) => ({ serviceId: id, name: id, nameEn: '', ...figuresOf(lines.of(id)) })),
    ],
    // Counters are never deleted (tickets refer to them), so each in the log is in the list; one that
    // is not has no number to show and is left out here (its tickets still count in the other groups).
    counters: [...counters.byKey]
      .flatMap(([id, tally]) => {
        const c = counterById.get(id);
        return c ? [{ counterId: id, number: c.number, name: c.names['zh-TW'], ...figuresOf(tally) }] : [];
      })
      .sort((a, b) => a.number - b.number || a.counterId.localeCompare(b.counterId)),
    clerks: [...clerks.byKey]
      .map(([id, tally]) => ({ staffId: id, name: nameOf.get(id) ?? id, ...figuresOf(tally) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-TW') || a.staffId.localeCompare(b.staffId)),
    days: datesBetween(input.from, input.to).map((date) => ({ businessDate: date, ...figuresOf(days.byKey.get(date) ?? emptyTally()) })),
    hourly: issuedPerHour.map((issued, hour) => ({ hour, issued, served: servedPerHour[hour]! })),
  };
}

/**
 * The dates a report covers, checked: each a real date, `to` not before `from`, at most
 * MAX_REPORT_RANGE_DAYS days; otherwise validation_failed, naming the field as a schema refusal does.
 */
export function reportDates(query: ReportQuery): string[] {
  for (const key of ['from', 'to'] as const) {
    if (!isCalendarDate(query[key])) throw new DomainError('validation_failed', `${key} ${DATE_MESSAGE}`, [{ path: `/${key}`, message: DATE_MESSAGE }]);
  }
  if (query.to < query.from) throw new DomainError('validation_failed', `to (${query.to}) is before from (${query.from})`, [{ path: '/to', message: 'must not be before from' }]);
  const dates = datesBetween(query.from, query.to);
  if (dates.length > MAX_REPORT_RANGE_DAYS) {
    throw new DomainError('validation_failed', `At most ${MAX_REPORT_RANGE_DAYS} days at once (asked for ${dates.length})`, [
      { path: '/from', message: `at most ${MAX_REPORT_RANGE_DAYS} days before to` },
    ]);
  }
  return dates;
}
