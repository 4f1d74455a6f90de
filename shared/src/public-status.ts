// The aggregate, non-personal view that the public feeds publish: counts and numbers only.
import type { Ticket, WaitEstimate } from './domain.schemas';
import type { PublicStatus, Snapshot } from './events.schemas';
import { estimateWait } from './estimate';
import { addDays } from './open-data';
import { NEXT_SESSION_DAYS, issuingStatus, nextSessionStart, sessionAt, sessionsOn, specialDayOn } from './sessions';
import { localTime } from './business-date';
import { AT_COUNTER_STATES } from './tickets.transitions';

export interface PublicStatusInput {
  /** Rolling handling time per service, minutes (for the plain estimate, when `estimates` has none). */
  readonly handlingMinutes: Readonly<Record<string, number>>;
  /** The wait a resident taking a number now would be told, per service (the server's wait model). */
  readonly estimates?: Readonly<Record<string, WaitEstimate>>;
  /** Today's queue was closed by a supervisor (day:close): nothing is issued into it again. */
  readonly dayClosed?: boolean;
}

/** What the public status is made of: the office, counts per line and who stands at the counters (not the list of calls). */
export type PublicStatusParts = Omit<Snapshot, 'tickets' | 'recentCalls'> & {
  /** Waiting tickets per service. */
  readonly waiting: Readonly<Record<string, number>>;
  /** Tickets called to or being served at a counter. */
  readonly atCounters: readonly Ticket[];
};

function latestCalled(tickets: readonly Ticket[]): Ticket | undefined {
  let best: Ticket | undefined;
  for (const t of tickets) {
    if (!AT_COUNTER_STATES.includes(t.state)) continue;
    if (!best || (t.calledAt ?? '') > (best.calledAt ?? '')) best = t;
  }
  return best;
}

/**
 * From the parts (the server reads them with aggregate queries, not the whole line), as at
 * `parts.at`: the sessions, stops and announcements in force then.
 */
export function publicStatusOf(parts: PublicStatusParts, input: PublicStatusInput): PublicStatus {
  const now = Date.parse(parts.at);
  const openCounters = parts.counters.filter((c) => c.active && c.status === 'open');
  const issuingParts = { office: parts.office, issuingStops: parts.issuingStops, closure: parts.closure, dayClosed: input.dayClosed ?? false };
  const { office } = parts;
  const today = localTime(now, office.timeZone).date;
  const lastDay = addDays(today, NEXT_SESSION_DAYS);
  const next = nextSessionStart(office, now, office.timeZone);
  return {
    office: { id: office.id, names: office.names, timeZone: office.timeZone, address: office.address, tel: office.tel },
    opening: {
      open: parts.closure === null && sessionAt(office, now, office.timeZone) !== null,
      nextOpening: next === null ? null : new Date(next).toISOString(),
      today: {
        date: today,
        specialDay: specialDayOn(office, today),
        sessions: [...sessionsOn(office, today)]
          .sort((a, b) => a.start.localeCompare(b.start))
          .map(({ start, end, kind, serviceIds }) => ({ start, end, kind, serviceIds })),
      },
      weekly: [...office.sessions].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
      specialDays: (office.specialDays ?? []).filter((d) => d.date >= today && d.date <= lastDay),
    },
    updatedAt: parts.at,
    seq: parts.seq,
    businessDate: parts.businessDate,
    issuing: { ...issuingStatus(issuingParts, now), mode: parts.office.issuingMode },
    closure: parts.closure && { reason: parts.closure.reason, since: parts.closure.since },
    announcements: parts.announcements.filter((a) => Date.parse(a.endsAt) > now),
    services: parts.services
      .filter((s) => s.active)
      .map((s) => {
        const waiting = parts.waiting[s.id] ?? 0;
        const serving = openCounters.filter((c) => c.serviceIds.includes(s.id)).length;
        return {
          id: s.id,
          code: s.code,
          names: s.names,
          waiting,
          nowServing: latestCalled(parts.atCounters.filter((t) => t.serviceId === s.id))?.number ?? null,
          estimatedWait:
            input.estimates && s.id in input.estimates
              ? (input.estimates[s.id] ?? null)
              : estimateWait({ ahead: waiting, openCounters: serving, handlingMinutes: input.handlingMinutes[s.id] ?? s.targetHandlingMinutes }),
          issuing: issuingStatus(issuingParts, now, s.id),
        };
      }),
    counters: parts.counters
      .filter((c) => c.active)
      .map((c) => ({
        id: c.id,
        number: c.number,
        names: c.names,
        nowServing: latestCalled(parts.atCounters.filter((t) => t.counterId === c.id))?.number ?? null,
        status: c.status,
      })),
  };
}

/** From a full snapshot (a client that holds the whole office state). */
export function publicStatus(snapshot: Snapshot, input: PublicStatusInput): PublicStatus {
  const waiting: Record<string, number> = {};
  for (const t of snapshot.tickets) if (t.state === 'waiting') waiting[t.serviceId] = (waiting[t.serviceId] ?? 0) + 1;
  const { tickets, ...rest } = snapshot;
  return publicStatusOf({ ...rest, waiting, atCounters: tickets.filter((t) => AT_COUNTER_STATES.includes(t.state)) }, input);
}
