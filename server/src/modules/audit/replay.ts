// The read model checked against the log: every ticket and counter event carries the whole
// ticket or counter as it was written, so the last event about each one says what its row must
// hold now. An edit to the tickets or counters table alone (the hash chain does not cover them)
// shows up as a row that differs from its last event.
import { isDeepStrictEqual } from 'node:util';
import { COUNTER_EVENT_TYPES, TICKET_EVENT_TYPES } from '@jiaohao/shared';

/** The last state of one ticket or counter according to the log. */
export interface Replayed {
  /** The event that last wrote it. */
  readonly seq: number;
  /** Its fields as that event carried them. */
  readonly fields: Readonly<Record<string, unknown>>;
}

const TICKET_EVENTS = new Set<string>(TICKET_EVENT_TYPES);
const COUNTER_EVENTS = new Set<string>(COUNTER_EVENT_TYPES);
/** In the answer to whoever issued a ticket, never in the table (only its hash is stored). */
const NOT_STORED = new Set(['trackingToken']);

type Fields = Record<string, unknown>;

function entity(data: unknown, key: 'ticket' | 'counter'): Fields | null {
  if (typeof data !== 'object' || data === null) return null;
  const value = (data as Fields)[key];
  if (typeof value !== 'object' || value === null || typeof (value as Fields).id !== 'string') return null;
  return value as Fields;
}

/**
 * "Last event wins" over the whole log, every day included (the reducer in shared/ keeps only
 * today). Fed row by row in seq order; reads the stored data, not the upgraded event, so that a
 * field an old event never had is not compared.
 */
export class ReadModelReplay {
  readonly tickets = new Map<string, Replayed>();
  readonly counters = new Map<string, Replayed>();

  add(row: { readonly seq: number; readonly type: string; readonly data: string }): void {
    const isTicket = TICKET_EVENTS.has(row.type);
    // A call moves the counter's priority count, so ticket:called carries the counter too.
    const hasCounter = COUNTER_EVENTS.has(row.type) || row.type === 'ticket:called';
    if (!isTicket && !hasCounter) return;
    let data: unknown;
    try {
      data = JSON.parse(row.data);
    } catch {
      return; // an unreadable row is the chain check's finding
    }
    const ticket = isTicket ? entity(data, 'ticket') : null;
    if (ticket) this.tickets.set(ticket.id as string, { seq: row.seq, fields: ticket });
    const counter = hasCounter ? entity(data, 'counter') : null;
    if (counter) this.counters.set(counter.id as string, { seq: row.seq, fields: counter });
  }
}

/** A row of the read model that is not what the log says. */
export interface ReadModelMismatch {
  readonly entity: 'ticket' | 'counter';
  readonly id: string;
  /** How people name it: the ticket's number and day, the counter's number. */
  readonly label: string;
  /** The last event about it, or null when no event mentions it. */
  readonly seq: number | null;
  /** The differing field, or null when the whole row is missing on one side. */
  readonly field: string | null;
  readonly logValue?: unknown;
  readonly tableValue?: unknown;
}

export interface ReadModelRows {
  /** Every id in the table. */
  readonly ids: readonly string[];
  /** The row with that id, in the public shape (Ticket, Counter); extra fields are ignored. */
  row(id: string): object | undefined;
}

function labelOf(kind: 'ticket' | 'counter', id: string, f: Fields | undefined): string {
  if (!f) return `${kind} ${id}`;
  if (kind === 'ticket') return `ticket ${String(f.number)} of ${String(f.businessDate)} (${id})`;
  return `counter ${String(f.number)} (${id})`;
}

function compareOne(kind: 'ticket' | 'counter', logged: ReadonlyMap<string, Replayed>, rows: ReadModelRows): ReadModelMismatch[] {
  const out: ReadModelMismatch[] = [];
  const inTable = new Set(rows.ids);
  for (const [id, last] of logged) {
    const row = (inTable.has(id) ? rows.row(id) : undefined) as Fields | undefined;
    if (!row) {
      out.push({ entity: kind, id, label: labelOf(kind, id, last.fields), seq: last.seq, field: null });
      continue;
    }
    // Only what the event carries: a row's own columns (a ticket's handling time, its token's
    // hash, its number series) are in no event and cannot be checked this way.
    for (const [field, logValue] of Object.entries(last.fields)) {
      if (NOT_STORED.has(field)) continue;
      const tableValue = row[field];
      if (!isDeepStrictEqual(logValue, tableValue)) out.push({ entity: kind, id, label: labelOf(kind, id, last.fields), seq: last.seq, field, logValue, tableValue });
    }
  }
  for (const id of rows.ids) {
    if (!logged.has(id)) out.push({ entity: kind, id, label: labelOf(kind, id, rows.row(id) as Fields | undefined), seq: null, field: null });
  }
  return out;
}

/** Every difference between the replayed log and the tickets and counters tables. */
export function compareReadModel(replay: ReadModelReplay, tickets: ReadModelRows, counters: ReadModelRows): ReadModelMismatch[] {
  return [...compareOne('ticket', replay.tickets, tickets), ...compareOne('counter', replay.counters, counters)];
}

const shown = (v: unknown): string => {
  const text = v === undefined ? 'nothing' : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/** The mismatch in plain words, for the supervisor. */
export function describeMismatch(m: ReadModelMismatch): string {
  const table = m.entity === 'ticket' ? 'tickets' : 'counters';
  if (m.field === null && m.seq === null) return `${m.label} is in the ${table} table, but no event in the log wrote it`;
  if (m.field === null) return `${m.label} is missing from the ${table} table (its last event is seq ${m.seq})`;
  return `${m.label}: ${m.field} is ${shown(m.tableValue)} in the ${table} table, but ${shown(m.logValue)} after its last event (seq ${m.seq})`;
}
