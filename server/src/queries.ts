// Every read the edges may make, as functions over the store: routes and socket handlers call
// these, never a repository or the engine.
import type { ChainCheck, Counter, Device, DomainEvent, LineEstimates, Office, QueuePolicy, Report, ReportQuery, Service, Snapshot, Staff, StaffName, Ticket, TodayStats } from '@jiaohao/shared';
import { DomainError } from '@jiaohao/shared';
import type { Clock } from './core/engine';
import type { Store } from './store';
import { snapshot, snapshotHead, type SnapshotHead } from './modules/office/office.queries';
import { ticketById, ticketForResident, ticketPrintFacts, type TicketPrintFacts } from './modules/tickets/tickets.queries';
import { lineEstimates } from './modules/tickets/wait-load';
import type { Principal } from './core/principal';
import { toStaff } from './modules/auth/auth.repo';
import { report, todayStats } from './modules/reports/reports.queries';
import type { AuditTrail } from './modules/audit/audit.service';
import { auditTrailReader } from './modules/audit/audit-trail.queries';
import type { AuditTrailDay } from '@jiaohao/shared';

export interface Queries {
  snapshot(): Snapshot;
  snapshotHead(): SnapshotHead;
  office(): Office;
  policy(): QueuePolicy;
  services(): Service[];
  counters(): Counter[];
  ticket(id: string): Ticket;
  ticketForResident(id: string, trackingToken: string): Ticket;
  /** What the printed ticket shows, for staff or the kiosk that issued it (the token, when given, checked). */
  ticketPrint(who: Principal, id: string, trackingToken: string | undefined): TicketPrintFacts;
  staff(): Staff[];
  staffMember(id: string): Staff | undefined;
  /** Active staff by name only, for colleagues. */
  staffNames(): StaffName[];
  todayStats(): TodayStats;
  /** What a resident taking a number now would be told, per line and class (the wait model). */
  estimates(): LineEstimates;
  /** The report over a range of business dates (validation_failed for a bad range). */
  report(query: ReportQuery): Report;
  devices(): Device[];
  /** One device, revoked or not (a socket sends a device its own). */
  device(id: string): Device | undefined;
  eventsAfter(seq: number, limit: number): { events: DomainEvent[]; lastSeq: number };
  verifyChain(): ChainCheck;
  /** The day's moves out of the fair order, with who and why (default: today's business date). */
  auditTrail(date?: string): AuditTrailDay;
}

export function buildQueries(store: Store, clock: Clock, audit: AuditTrail): Queries {
  const trail = auditTrailReader(store);
  return {
    snapshot: () => snapshot(store, clock()),
    snapshotHead: () => snapshotHead(store, clock()),
    office: () => {
      const office = store.office.office();
      if (!office) throw new DomainError('not_found', 'The office is not set up');
      return office;
    },
    policy: () => store.office.policy(),
    services: () => store.services.list(),
    counters: () => store.counters.list(),
    ticket: (id) => ticketById(store, id),
    ticketForResident: (id, token) => ticketForResident(store, id, token),
    ticketPrint: (who, id, token) => ticketPrintFacts(store, who, id, token),
    staff: () => store.staff.list().map(toStaff),
    staffMember: (id) => {
      const row = store.staff.byId(id);
      return row && toStaff(row);
    },
    staffNames: () => store.staff.activeNames(),
    todayStats: () => todayStats(store, clock()),
    estimates: () => {
      const now = clock();
      return lineEstimates(store, snapshotHead(store, now).businessDate, now);
    },
    report: (query) => report(store, clock(), query),
    devices: () => store.devices.list(),
    device: (id) => store.devices.byId(id),
    eventsAfter: (seq, limit) => {
      if (limit < 1 || limit > 1000) throw new DomainError('validation_failed', 'limit must be 1–1000');
      return { events: store.events.after(seq, limit), lastSeq: store.events.lastSeq };
    },
    verifyChain: () => audit.verify(),
    auditTrail: (date) => trail(clock(), date),
  };
}
