// The reads the e-ticket needs that the tickets repository has no statement for: a line's waiting
// tickets in the order they queued, ids only (a resident's place is its index in it); and the
// residents' ratings of their finished tickets (the ratings table, migration 0009).
import type { Db } from '../../db/database';

export class ETicketRepo {
  private readonly lineOrderStmt;

  constructor(db: Db) {
    // The tickets_waiting_load index holds the line in this order; a line is a few hundred tickets at most.
    this.lineOrderStmt = db
      .prepare<[string, string]>(`SELECT id FROM tickets WHERE business_date = ? AND service_id = ? AND state = 'waiting' ORDER BY queued_at, id`)
      .pluck();
  }

  /** The ids of a line's waiting tickets, earliest queue time first, then id (pickNext's tie-break). */
  lineOrder(businessDate: string, serviceId: string): string[] {
    return this.lineOrderStmt.all(businessDate, serviceId) as string[];
  }
}

/** One ticket's rating as stored. */
export interface StoredRating {
  readonly ticketId: string;
  /** The ticket's business date (the day it was served, not the day it was rated). */
  readonly businessDate: string;
  /** The line that finished the ticket, and its counter. */
  readonly serviceId: string;
  readonly counterId: string | null;
  readonly score: number;
  readonly comment: string | null;
  readonly language: string;
  readonly ratedAt: string;
}

/** A row of the ratings table, as stored. */
export interface RatingRow {
  ticket_id: string;
  business_date: string;
  service_id: string;
  counter_id: string | null;
  score: number;
  comment: string | null;
  language: string;
  rated_at: string;
}

const toRating = (r: RatingRow): StoredRating => ({
  ticketId: r.ticket_id,
  businessDate: r.business_date,
  serviceId: r.service_id,
  counterId: r.counter_id,
  score: r.score,
  comment: r.comment,
  language: r.language,
  ratedAt: r.rated_at,
});

export class RatingsRepo {
  private readonly insertStmt;
  private readonly byTicketStmt;
  private readonly scoresOnStmt;
  private readonly betweenStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO ratings (ticket_id, business_date, service_id, counter_id, score, comment, language, rated_at)
       VALUES (@ticketId, @businessDate, @serviceId, @counterId, @score, @comment, @language, @ratedAt)`,
    );
    this.byTicketStmt = db.prepare<[string]>('SELECT * FROM ratings WHERE ticket_id = ?');
    this.scoresOnStmt = db.prepare<[string]>('SELECT service_id AS serviceId, score FROM ratings WHERE business_date = ?');
    this.betweenStmt = db.prepare<[string, string]>('SELECT ticket_id AS ticketId, service_id AS serviceId, score FROM ratings WHERE business_date BETWEEN ? AND ?');
  }

  /** Stores a rating; the primary key refuses a second one for the same ticket (SQLITE_CONSTRAINT_PRIMARYKEY). */
  insert(rating: StoredRating): void {
    this.insertStmt.run(rating);
  }

  byTicket(ticketId: string): StoredRating | undefined {
    const row = this.byTicketStmt.get(ticketId) as RatingRow | undefined;
    return row && toRating(row);
  }

  /** The scores of a business day's tickets, with the line that finished each (the day's figures). */
  scoresOn(businessDate: string): { serviceId: string; score: number }[] {
    return this.scoresOnStmt.all(businessDate) as { serviceId: string; score: number }[];
  }

  /** The scores of the tickets of business dates `from` to `to` (both included), by ticket (a report). */
  scoresBetween(from: string, to: string): { ticketId: string; serviceId: string; score: number }[] {
    return this.betweenStmt.all(from, to) as { ticketId: string; serviceId: string; score: number }[];
  }
}

const repos = new WeakMap<Db, RatingsRepo>();

/** The ratings repository of this database, its statements prepared once. */
export function ratingsOf(db: Db): RatingsRepo {
  let repo = repos.get(db);
  if (!repo) repos.set(db, (repo = new RatingsRepo(db)));
  return repo;
}
