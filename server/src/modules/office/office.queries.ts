// Reads of the office state: the snapshot clients start from, and its head (no tickets, no calls).
import { businessDate, MAX_RECENT_CALLS, recentCallOf, type RecentCall, type Snapshot } from '@jiaohao/shared';
import type { Store } from '../../store';
import { publicTicket } from '../tickets/tickets.repo';

export type SnapshotHead = Omit<Snapshot, 'tickets' | 'recentCalls'>;

/** Today's business date: as in the engine, never a day before the newest one opened, whatever the clock says. */
export function currentBusinessDate(store: Store, now: number, timeZone: string): string {
  return [businessDate(now, timeZone), store.office.businessDate() ?? ''].sort().at(-1)!;
}

/** The snapshot without its tickets and calls (for views that only count them). */
export function snapshotHead(store: Store, now: number): SnapshotHead {
  const office = store.office.office();
  if (!office) throw new Error('the office is not set up');
  const at = new Date(now).toISOString();
  return {
    seq: store.events.lastSeq,
    at,
    businessDate: currentBusinessDate(store, now, office.timeZone),
    office,
    policy: store.office.policy(),
    services: store.services.list(),
    counters: store.counters.list(),
    announcements: store.announcements.current(at),
    issuingStops: store.office.stops(at),
    closure: store.office.closure(),
  };
}

/**
 * The newest calls and recalls of a business day, newest first, as the reducer lists them: read
 * from the log, so tickets finished since are there too (one indexed read of at most MAX_RECENT_CALLS rows).
 */
export function recentCalls(store: Store, businessDate: string): RecentCall[] {
  return store.events.callsOn(businessDate, MAX_RECENT_CALLS).flatMap((e) => recentCallOf(e) ?? []);
}

/** The state a client starts from; consistent because nothing else writes between these reads. */
export function snapshot(store: Store, now: number): Snapshot {
  const head = snapshotHead(store, now);
  return { ...head, tickets: store.tickets.activeOn(head.businessDate).map(publicTicket), recentCalls: recentCalls(store, head.businessDate) };
}
