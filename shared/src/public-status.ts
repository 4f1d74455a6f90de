// The aggregate, non-personal view that the public feeds publish: counts and numbers only.
import type { Ticket } from './domain.schemas';
import type { PublicStatus, Snapshot } from './events.schemas';
import { estimateWait } from './estimate';

export interface PublicStatusInput {
  readonly issuingOpen: boolean;
  /** Rolling handling time per service, minutes. */
  readonly handlingMinutes: Readonly<Record<string, number>>;
}

function latestCalled(tickets: readonly Ticket[]): Ticket | undefined {
  let best: Ticket | undefined;
  for (const t of tickets) {
    if (t.state !== 'called' && t.state !== 'serving') continue;
    if (!best || (t.calledAt ?? '') > (best.calledAt ?? '')) best = t;
  }
  return best;
}

export function publicStatus(snapshot: Snapshot, input: PublicStatusInput): PublicStatus {
  const openCounters = snapshot.counters.filter((c) => c.active && c.status === 'open');
  return {
    office: { id: snapshot.office.id, names: snapshot.office.names },
    updatedAt: snapshot.at,
    seq: snapshot.seq,
    businessDate: snapshot.businessDate,
    issuing: { open: input.issuingOpen, mode: snapshot.office.issuingMode },
    services: snapshot.services
      .filter((s) => s.active)
      .map((s) => {
        const mine = snapshot.tickets.filter((t) => t.serviceId === s.id);
        const waiting = mine.filter((t) => t.state === 'waiting').length;
        const serving = openCounters.filter((c) => c.serviceIds.includes(s.id)).length;
        return {
          id: s.id,
          code: s.code,
          names: s.names,
          waiting,
          nowServing: latestCalled(mine)?.number ?? null,
          estimatedWait: estimateWait({
            ahead: waiting,
            openCounters: serving,
            handlingMinutes: input.handlingMinutes[s.id] ?? s.targetHandlingMinutes,
          }),
        };
      }),
    counters: snapshot.counters
      .filter((c) => c.active)
      .map((c) => ({
        id: c.id,
        number: c.number,
        names: c.names,
        nowServing: latestCalled(snapshot.tickets.filter((t) => t.counterId === c.id))?.number ?? null,
        status: c.status,
      })),
  };
}
