// What the audit reads besides the log's chain: which tickets the read model holds, and a day's
// ticket moves for the audit trail. The rows themselves are read through the tickets repository,
// in the shape its events carry.
import type { Db } from '../../db/database';

/** The ticket events the trail may list (a call or recall only when out of turn or with a reason: see audit-trail.queries). */
export const TRAIL_EVENT_TYPES = ['ticket:called', 'ticket:recalled', 'ticket:missed', 'ticket:requeued', 'ticket:transferred', 'ticket:cancelled'] as const;

/** One stored row of the trail, as written (the data still JSON, in its stored version). */
export interface TrailRow {
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly actor_kind: string;
  readonly actor_id: string | null;
  readonly reason: string | null;
  readonly note: string | null;
  readonly counter_id: string | null;
  readonly data: string;
  readonly v: number;
}

export class AuditRepo {
  private readonly ticketIdsStmt;
  private readonly trailStmt;

  constructor(db: Db) {
    this.ticketIdsStmt = db.prepare('SELECT id FROM tickets').pluck();
    // Through the day's tickets (index tickets_number) and their events (events_ticket) rather than a
    // scan of the whole log, which has no index by date: a ticket's moves all fall on its own
    // business date (a requeue or cancel of an earlier day's ticket is refused).
    this.trailStmt = db.prepare<[string, string]>(
      `SELECT e.seq, e.type, e.at, e.actor_kind, e.actor_id, e.reason, e.note, e.counter_id, e.data, e.v
         FROM tickets t JOIN events e ON e.ticket_id = t.id
        WHERE t.business_date = ? AND e.business_date = ? AND e.type IN (${TRAIL_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})
        ORDER BY e.seq`,
    );
  }

  ticketIds(): string[] {
    return this.ticketIdsStmt.all() as string[];
  }

  /** The day's ticket moves the trail may list, oldest first. */
  trailRows(businessDate: string): TrailRow[] {
    return this.trailStmt.all(businessDate, businessDate) as TrailRow[];
  }
}
