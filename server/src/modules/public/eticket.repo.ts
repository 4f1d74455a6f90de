// The one read the e-ticket needs that the tickets repository has no statement for: a line's
// waiting tickets in the order they queued, ids only (a resident's place is its index in it).
import type { Db } from '../../db/database';

export class ETicketRepo {
  private readonly lineOrderStmt;

  constructor(db: Db) {
    // The tickets_waiting index holds the line; a line is a few hundred tickets at most.
    this.lineOrderStmt = db
      .prepare<[string, string]>(`SELECT id FROM tickets WHERE business_date = ? AND service_id = ? AND state = 'waiting' ORDER BY queued_at, id`)
      .pluck();
  }

  /** The ids of a line's waiting tickets, earliest queue time first, then id (pickNext's tie-break). */
  lineOrder(businessDate: string, serviceId: string): string[] {
    return this.lineOrderStmt.all(businessDate, serviceId) as string[];
  }
}
