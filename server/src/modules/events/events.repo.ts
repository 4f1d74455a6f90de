// The append-only event log. Each row's hash covers the previous row's hash, so editing or removing
// a row in the file (bypassing the triggers) breaks the chain at that point.
import { createHash } from 'node:crypto';
import { EVENT_VERSION, upgradeEvent, type DomainEvent } from '@jiaohao/shared';
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

const GENESIS = '0'.repeat(64);

function chainHash(prev: string, seq: number, row: Omit<EventRow, 'seq' | 'prev_hash' | 'hash'>): string {
  const fields: unknown[] = [prev, seq, row.type, row.at, row.business_date, row.actor_kind, row.actor_id, row.reason, row.note, row.ticket_id, row.counter_id, row.data];
  // Version 1 rows were hashed before the version was stored; later versions are covered too.
  if (row.v !== 1) fields.push(row.v);
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Reports events that had to be repaired to be read (see upgradeEvent). */
export type RepairListener = (seq: number, type: string) => void;

export class EventsRepo implements EventLog {
  private position: LogPosition;
  private readonly insert;
  private readonly since;
  private readonly all;
  private readonly countStmt;

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

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  /** Recomputes the chain; returns the first seq whose row does not match, or null when intact. */
  verifyChain(): number | null {
    let prev = GENESIS;
    for (const row of this.all.iterate() as Iterable<EventRow>) {
      if (row.prev_hash !== prev || chainHash(prev, row.seq, row) !== row.hash) return row.seq;
      prev = row.hash;
    }
    return null;
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
