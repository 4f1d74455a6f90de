// The aggregate, non-personal view that the public feeds publish: counts and numbers only.
import type { Ticket } from './domain.schemas';
import type { PublicStatus, Snapshot } from './events.schemas';
import { estimateWait } from './estimate';
import { AT_COUNTER_STATES } from './tickets.transitions';

export interface PublicStatusInput {
  readonly issuingOpen: boolean;
  /** Rolling handling time per service, minutes. */
  readonly handlingMinutes: Readonly<Record<string, number>>;
}

/** What the public status is made of: the office, counts per line and who stands at the counters. */
export type PublicStatusParts = Omit<Snapshot, 'tickets'> & {
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

/** From the parts (the server reads them with aggregate queries, not the whole line). */
export function publicStatusOf(parts: PublicStatusParts, input: PublicStatusInput): PublicStatus {
  const openCounters = parts.counters.filter((c) => c.active && c.status === 'open');
  return {
    office: { id: parts.office.id, names: parts.office.names },
    updatedAt: parts.at,
    seq: parts.seq,
    businessDate: parts.businessDate,
    issuing: { open: input.issuingOpen, mode: parts.office.issuingMode },
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
          estimatedWait: estimateWait({
            ahead: waiting,
            openCounters: serving,
            handlingMinutes: input.handlingMinutes[s.id] ?? s.targetHandlingMinutes,
          }),
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
