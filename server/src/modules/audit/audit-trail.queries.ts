// The audit trail of a business date (GET /api/v1/audit/trail): the moves that took a ticket out of
// the line's fair order, each with who made it and why, for the supervisor to look through. Read
// from the log itself (not the tickets table), so it shows what was recorded at the time.
import { DomainError, upgradeEvent, type AuditEntry, type AuditEntryKind, type AuditTrailDay, type EventOf } from '@jiaohao/shared';
import type { Store } from '../../store';
import { currentBusinessDate } from '../office/office.queries';
import { AuditRepo, type TrailRow } from './audit.repo';

const KIND_OF: Readonly<Record<string, AuditEntryKind>> = {
  'ticket:called': 'call',
  'ticket:recalled': 'recall',
  'ticket:missed': 'no_show',
  'ticket:requeued': 'requeue',
  'ticket:transferred': 'transfer',
  'ticket:cancelled': 'cancel',
};

type TrailEvent = EventOf<'ticket:called' | 'ticket:recalled' | 'ticket:missed' | 'ticket:requeued' | 'ticket:transferred' | 'ticket:cancelled'>;

/** Names of the people and devices that acted, each looked up once per answer (inactive and revoked ones too). */
function namer(store: Store): (kind: string, id: string | null) => string | null {
  const seen = new Map<string, string | null>();
  return (kind, id) => {
    if (id === null || (kind !== 'staff' && kind !== 'device')) return null;
    const key = `${kind}:${id}`;
    if (!seen.has(key)) seen.set(key, (kind === 'staff' ? store.staff.byId(id)?.display_name : store.devices.byId(id)?.name) ?? null);
    return seen.get(key) ?? null;
  };
}

/** The entry of one stored row, or null when the move kept the fair order (a longest-wait call, a plain recall). */
function entryOf(row: TrailRow, name: (kind: string, id: string | null) => string | null): AuditEntry | null {
  const kind = KIND_OF[row.type];
  if (!kind) return null;
  const { event } = upgradeEvent(
    { seq: row.seq, type: row.type, at: row.at, actor: { kind: row.actor_kind, id: row.actor_id }, reason: row.reason, data: JSON.parse(row.data) as unknown },
    row.v,
  );
  const e = event as TrailEvent;
  const ticket = e.data.ticket;
  let pickReason: AuditEntry['pickReason'] = null;
  if (e.type === 'ticket:called') {
    // call-next records the rule that chose the ticket; a call of a named ticket records none (and a reason instead).
    pickReason = e.data.pickReason;
    if (pickReason === 'longest_wait') return null;
  }
  // A recall takes no reason today; one that carries one is listed.
  if (e.type === 'ticket:recalled' && row.reason === null) return null;
  const step = e.type === 'ticket:transferred' ? ticket.transfers.at(-1) : undefined;
  return {
    seq: row.seq,
    at: row.at,
    kind,
    ticket: { id: ticket.id, number: ticket.number, serviceId: step?.fromServiceId ?? ticket.serviceId },
    counterId: row.counter_id,
    actor: { kind: e.actor.kind, id: e.actor.id, name: name(row.actor_kind, row.actor_id) },
    reason: row.reason,
    note: row.note,
    pickReason,
    transferTo: step ? { serviceId: step.toServiceId, counterId: step.toCounterId } : null,
  };
}

/** Reads the trail of a date (default: today's business date), oldest first; its statement prepared once. */
export function auditTrailReader(store: Store): (now: number, date: string | undefined) => AuditTrailDay {
  const repo = new AuditRepo(store.db);
  return (now, date) => {
    const office = store.office.office();
    if (!office) throw new DomainError('not_found', 'The office is not set up');
    const businessDate = date ?? currentBusinessDate(store, now, office.timeZone);
    const name = namer(store);
    return { businessDate, entries: repo.trailRows(businessDate).flatMap((row) => entryOf(row, name) ?? []) };
  };
}
