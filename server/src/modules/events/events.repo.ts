// The append-only event log. Each row's hash covers the previous row's hash, so editing or removing
// a row in the file (bypassing the triggers) breaks the chain at that point. The chain is plain
// sha256, which anyone with the file can recompute: what anchors it outside the file (keyed seals
// of the head) is modules/audit/.
import { createHash } from 'node:crypto';
import { EVENT_VERSION, REPORT_ACT_KINDS, upgradeEvent, type DomainEvent, type ReportAct } from '@jiaohao/shared';
import type { Db } from '../../db/database';
import type { AppendInput, EventLog, LogPosition } from '../../core/engine';

interface EventRow {
  seq: number;
  type: string;
  at: string;
  business_date: string;
  actor_kind: string;
  actor_id: string | null;
  reason: string | null;
  note: string | null;
  ticket_id: string | null;
  counter_id: string | null;
  data: string;
  prev_hash: string;
  hash: string;
  v: number;
}

export const GENESIS = '0'.repeat(64);

/**
 * A day's newest calls and recalls. The type condition is written as in the partial index
 * events_calls (migration 0007), so that index serves it in seq order, without a sort.
 */
export const CALLS_SQL = `SELECT * FROM events WHERE business_date = ? AND type IN ('ticket:called', 'ticket:recalled') ORDER BY seq DESC LIMIT ?`;

/**
 * The moves a report attributes to a counter and a person, over a range of business dates, oldest
 * first: the stored columns only, no event data parsed. It scans the log (no index holds every type
 * by date), which suits a report asked for now and then, not a live feed.
 */
const ACTS_SQL = `SELECT ticket_id AS ticketId, type, counter_id AS counterId, actor_kind AS actorKind, actor_id AS actorId FROM events
  WHERE business_date BETWEEN ? AND ? AND ticket_id IS NOT NULL AND type IN (${REPORT_ACT_KINDS.map((k) => `'ticket:${k}'`).join(', ')}) ORDER BY seq`;

/** The stored columns a row's hash covers: every column but seq, prev_hash and hash (passed apart). */
export type HashedColumns = Omit<EventRow, 'seq' | 'prev_hash' | 'hash'>;

/**
 * The hash of a row: sha256 over the previous row's hash, the seq and every other stored column.
 * Exported for the audit tests, which recompute it as someone holding the file could.
 */
export function chainHash(prev: string, seq: number, row: HashedColumns): string {
  const fields: unknown[] = [prev, seq, row.type, row.at, row.business_date, row.actor_kind, row.actor_id, row.reason, row.note, row.ticket_id, row.counter_id, row.data];
  // Version 1 rows were hashed before the version was stored; later versions are covered too. The
  // version is covered either way: a version 1 row whose v is changed hashes with v and no longer matches.
  if (row.v !== 1) fields.push(row.v);
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Reports events that had to be repaired to be read (see upgradeEvent). */
export type RepairListener = (seq: number, type: string) => void;

/**
 * A place where the chain does not hold: rows `seq`..`to` are missing (a gap in the seqs), row `seq`
 * does not match its own hash (edited), or its prev_hash is not the hash of the row before it.
 */
export type ChainBreak =
  | { readonly seq: number; readonly why: 'missing'; readonly to: number }
  | { readonly seq: number; readonly why: 'edited' | 'unlinked' };

export interface ChainReport {
  /** Rows read. */
  readonly checked: number;
  /** The last row in the file (seq 0 and the genesis hash when there is none). */
  readonly last: LogPosition;
  /** The first breaks found, oldest first (at most the limit asked for). */
  readonly breaks: readonly ChainBreak[];
  /** How many breaks there are in all. */
  readonly breakCount: number;
}

/** What a pass over the log shows of each row besides its hash (the audit replays from it). */
export interface StoredRow {
  readonly seq: number;
  readonly type: string;
  /** The event's data, as stored (JSON). */
  readonly data: string;
}

export class EventsRepo implements EventLog {
  private position: LogPosition;
  private readonly insert;
  private readonly since;
  private readonly all;
  private readonly countStmt;
  private readonly hashAtStmt;
  private readonly callsStmt;
  private readonly actsStmt;

  constructor(
    db: Db,
    private readonly onRepaired: RepairListener = () => undefined,
  ) {
    this.insert = db.prepare(
      `INSERT INTO events (seq, type, at, business_date, actor_kind, actor_id, reason, note, ticket_id, counter_id, data, prev_hash, hash, v)
       VALUES (@seq, @type, @at, @business_date, @actor_kind, @actor_id, @reason, @note, @ticket_id, @counter_id, @data, @prev_hash, @hash, @v)`,
    );
    this.since = db.prepare<[number, number]>('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.all = db.prepare('SELECT * FROM events ORDER BY seq');
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM events');
    this.hashAtStmt = db.prepare<[number]>('SELECT hash FROM events WHERE seq = ?').pluck();
    this.callsStmt = db.prepare<[string, number]>(CALLS_SQL);
    this.actsStmt = db.prepare<[string, string]>(ACTS_SQL);
    const last = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; hash: string }
      | undefined;
    this.position = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS };
  }

  get lastSeq(): number {
    return this.position.seq;
  }

  /** Where the log stands; a command that fails restores it after its transaction rolled back. */
  mark(): LogPosition {
    return this.position;
  }

  restore(position: LogPosition): void {
    this.position = position;
  }

  /** Appends one event; must run inside the command's transaction. */
  append(input: AppendInput): DomainEvent {
    const seq = this.position.seq + 1;
    const row = {
      type: input.type,
      at: input.at,
      business_date: input.businessDate,
      actor_kind: input.actor.kind,
      actor_id: input.actor.id,
      reason: input.reason ?? null,
      note: input.note ?? null,
      ticket_id: input.ticketId ?? null,
      counter_id: input.counterId ?? null,
      data: JSON.stringify(input.data),
      v: EVENT_VERSION,
    };
    const hash = chainHash(this.position.hash, seq, row);
    this.insert.run({ ...row, seq, prev_hash: this.position.hash, hash });
    this.position = { seq, hash };
    // The union of event types does not narrow through the spread; the input's type and data agree by EmitInput.
    return { seq, type: input.type, at: input.at, actor: input.actor, reason: row.reason, data: input.data } as DomainEvent;
  }

  /** Events after `seq`, oldest first (for catching up and for reports). */
  after(seq: number, limit = 10_000): DomainEvent[] {
    return (this.since.all(seq, limit) as EventRow[]).map((row) => this.toEvent(row));
  }

  /** The newest `limit` ticket:called and ticket:recalled events of a business day, newest first. */
  callsOn(businessDate: string, limit: number): DomainEvent[] {
    return (this.callsStmt.all(businessDate, limit) as EventRow[]).map((row) => this.toEvent(row));
  }

  /** Who called, finished, missed, transferred or cancelled which ticket, and at which counter, from `from` to `to` (business dates, both included). */
  ticketActs(from: string, to: string): ReportAct[] {
    const rows = this.actsStmt.all(from, to) as { ticketId: string; type: string; counterId: string | null; actorKind: string; actorId: string | null }[];
    return rows.map((r) => ({
      ticketId: r.ticketId,
      kind: r.type.slice('ticket:'.length) as ReportAct['kind'],
      counterId: r.counterId,
      staffId: r.actorKind === 'staff' ? r.actorId : null,
    }));
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  /** The stored hash of row `seq`, or null when there is no such row. */
  hashAt(seq: number): string | null {
    return (this.hashAtStmt.get(seq) as string | undefined) ?? null;
  }

  /**
   * Recomputes the chain over every row in one pass, handing each row to `visit` on the way. Each
   * row is checked against the row stored before it, so independent edits are each found where
   * they are rather than only the first.
   */
  checkChain(visit?: (row: StoredRow) => void, limit = 100): ChainReport {
    const breaks: ChainBreak[] = [];
    let breakCount = 0;
    const broken = (b: ChainBreak) => {
      breakCount++;
      if (breaks.length < limit) breaks.push(b);
    };
    let last: LogPosition = { seq: 0, hash: GENESIS };
    let checked = 0;
    for (const row of this.all.iterate() as Iterable<EventRow>) {
      checked++;
      // A gap in the seqs is rows deleted; their successor's prev_hash then fails too, said once.
      if (row.seq !== last.seq + 1) broken({ seq: last.seq + 1, why: 'missing', to: row.seq - 1 });
      else if (row.prev_hash !== last.hash) broken({ seq: row.seq, why: 'unlinked' });
      if (chainHash(row.prev_hash, row.seq, row) !== row.hash) broken({ seq: row.seq, why: 'edited' });
      visit?.({ seq: row.seq, type: row.type, data: row.data });
      last = { seq: row.seq, hash: row.hash };
    }
    return { checked, last, breaks, breakCount };
  }

  /** Recomputes the chain; returns the first seq whose row does not match, or null when intact. */
  verifyChain(): number | null {
    return this.checkChain(undefined, 1).breaks[0]?.seq ?? null;
  }

  /** A stored row in the current event shape: older versions are upgraded (never a failure). */
  private toEvent(row: EventRow): DomainEvent {
    const stored = {
      seq: row.seq,
      type: row.type,
      at: row.at,
      actor: { kind: row.actor_kind, id: row.actor_id },
      reason: row.reason,
      data: JSON.parse(row.data) as unknown,
    };
    const { event, repaired } = upgradeEvent(stored, row.v);
    if (repaired) this.onRepaired(row.seq, row.type);
    return event;
  }
}
