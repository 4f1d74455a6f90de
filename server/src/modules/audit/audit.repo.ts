// What the audit reads besides the log: which tickets the read model holds. The rows themselves
// are read through the tickets repository, in the shape its events carry.
import type { Db } from '../../db/database';

export class AuditRepo {
  private readonly ticketIdsStmt;

  constructor(db: Db) {
    this.ticketIdsStmt = db.prepare('SELECT id FROM tickets').pluck();
  }

  ticketIds(): string[] {
    return this.ticketIdsStmt.all() as string[];
  }
}
