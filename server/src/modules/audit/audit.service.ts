// The audit trail's check (GET /api/v1/events/verify) and its anchors. One pass over the log
// recomputes the hash chain and replays the tickets and counters; the anchor file then says
// whether the log is still the one that was sealed, and the replay whether the tables still hold
// what the log wrote. Every finding is told in plain words, for the supervisor.
import { basename, dirname, extname, join } from 'node:path';
import type { ChainCheck, DomainEvent } from '@jiaohao/shared';
import type { Config } from '../../config';
import type { Clock } from '../../core/engine';
import type { Store } from '../../store';
import { GENESIS, type ChainBreak } from '../events/events.repo';
import { AuditRepo } from './audit.repo';
import { loadAuditKey, type AuditKey } from './audit-key';
import { AnchorFile, MemoryAnchors, sealAnchor, sealHolds, type Anchor, type AnchorReason, type AnchorStore } from './anchors';
import { compareReadModel, describeMismatch, ReadModelReplay } from './replay';

export type AuditProblem = ChainCheck['problems'][number];

/** Findings listed per kind; the rest are counted in one last line. */
const MAX_LISTED = 100;

/** Where the key and the anchors are kept. */
export interface AuditParts {
  readonly key: AuditKey;
  readonly anchors: AnchorStore;
}

/** The key and anchors of an in-memory database: held in memory, gone with the process. */
export function memoryAudit(): AuditParts {
  return { key: loadAuditKey(null), anchors: new MemoryAnchors() };
}

/**
 * Where the settings put the key and the anchors: their own path, or beside the database, named
 * after it (`data/jiaohao.db` → `data/jiaohao.audit.key`, `data/jiaohao.audit-anchors.jsonl`), so
 * two databases in one folder never share them. In memory for an in-memory database.
 */
export function auditFiles(c: AuditSettings): { readonly keyFile: string | null; readonly anchorFile: string | null } {
  const beside = (suffix: string) => (c.dbPath === ':memory:' ? null : join(dirname(c.dbPath), `${basename(c.dbPath, extname(c.dbPath))}.${suffix}`));
  return { keyFile: c.auditKeyFile ?? beside('audit.key'), anchorFile: c.auditAnchorFile ?? beside('audit-anchors.jsonl') };
}

export type AuditSettings = Pick<Config, 'dbPath' | 'auditKeyFile' | 'auditAnchorFile'>;

/** The key and anchors the settings name; creates the key file when missing. */
export function openAudit(c: AuditSettings): AuditParts {
  const { keyFile, anchorFile } = auditFiles(c);
  return { key: loadAuditKey(keyFile), anchors: anchorFile === null ? new MemoryAnchors() : new AnchorFile(anchorFile) };
}

/** The timer functions the anchoring uses (tests pass their own). */
export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const REAL_TIMERS: Timers = {
  setInterval: (fn, ms) => {
    const handle = setInterval(fn, ms);
    // The timer alone must not keep a process alive that has nothing else to do.
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** The day ends with one of these: either anchors the head. */
const DAY_EVENTS = new Set<string>(['day:closed', 'day:started']);

function chainMessage(b: ChainBreak): string {
  switch (b.why) {
    case 'missing':
      return b.seq === b.to ? `Event ${b.seq} is missing from the log` : `Events ${b.seq}–${b.to} are missing from the log`;
    case 'unlinked':
      return `Event ${b.seq} does not follow the event before it (its prev_hash differs): an event before it was removed or replaced`;
    case 'edited':
      return `Event ${b.seq} does not match its hash: it was changed after it was written`;
  }
}

const where = (anchors: AnchorStore) => (anchors.path === null ? 'the anchors' : `the anchor file ${anchors.path}`);

export class AuditTrail {
  private readonly repo: AuditRepo;
  /** The newest anchor known to be in the store (read at start, then each one written). */
  private last: Anchor | null = null;
  /** The last anchor this process wrote: if the file loses it, it was cut or replaced. */
  private written: Anchor | null = null;
  private timer: { readonly timers: Timers; readonly handle: unknown; readonly onError: (err: unknown) => void } | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly parts: AuditParts = memoryAudit(),
  ) {
    this.repo = new AuditRepo(store.db);
  }

  /** Every anchor line, for whoever wants to read them. */
  anchors(): Anchor[] {
    return this.parts.anchors.read().flatMap((l) => (l.anchor ? [l.anchor] : []));
  }

  /** Seals the log's head and appends it, unless the newest anchor already says the same. */
  anchor(reason: AnchorReason): Anchor | null {
    const head = this.store.events.mark();
    if (this.last && this.last.seq === head.seq && this.last.hash === head.hash) return null;
    const anchor = sealAnchor(this.parts.key.key, head, new Date(this.clock()).toISOString(), reason);
    this.parts.anchors.append(anchor);
    this.last = anchor;
    this.written = anchor;
    return anchor;
  }

  /** After each commit: a closed or rolled-over day is anchored at once. */
  onEvents(events: readonly DomainEvent[]): void {
    const dayEnd = events.findLast((e) => DAY_EVENTS.has(e.type));
    if (dayEnd) this.anchor(dayEnd.type as AnchorReason);
  }

  /** Anchors the head now and then every `minutes`; `onError` hears of an anchor that could not be written. */
  start(minutes: number, onError: (err: unknown) => void, timers: Timers = REAL_TIMERS): void {
    if (this.timer) return;
    this.last = this.anchors().at(-1) ?? null;
    this.safeAnchor('start', onError);
    const handle = timers.setInterval(() => this.safeAnchor('timer', onError), minutes * 60_000);
    this.timer = { timers, handle, onError };
  }

  /** Stops the timer and anchors the final head (a clean shutdown leaves nothing unanchored). */
  stop(): void {
    if (!this.timer) return;
    const { timers, handle, onError } = this.timer;
    timers.clearInterval(handle);
    this.timer = null;
    this.safeAnchor('stop', onError);
  }

  /** A full disk must not stop the office: the failure is reported and the next anchor tried as usual. */
  private safeAnchor(reason: AnchorReason, onError: (err: unknown) => void): void {
    try {
      this.anchor(reason);
    } catch (err) {
      onError(err);
    }
  }

  verify(): ChainCheck {
    const { store } = this;
    const replay = new ReadModelReplay();
    const chain = store.events.checkChain((row) => replay.add(row), MAX_LISTED);
    const problems: AuditProblem[] = [];
    const more = (kind: AuditProblem['kind'], n: number) => {
      if (n > 0) problems.push({ kind, seq: null, message: `… and ${n} more of this kind, not listed` });
    };

    for (const b of chain.breaks) problems.push({ kind: 'chain', seq: b.seq, message: chainMessage(b) });
    more('chain', chain.breakCount - chain.breaks.length);

    // The log against what this process itself wrote, while it runs.
    const own = store.events.mark();
    if (own.seq > chain.last.seq) {
      problems.push({
        kind: 'chain',
        seq: chain.last.seq + 1,
        message: `This server wrote events up to ${own.seq}, but the log now ends at ${chain.last.seq}: events were deleted while it runs`,
      });
    } else if (own.seq < chain.last.seq) {
      problems.push({
        kind: 'chain',
        seq: own.seq + 1,
        message: `The log holds events ${own.seq + 1}–${chain.last.seq}, which this server did not write`,
      });
    }

    const anchorProblems = this.checkAnchors(chain.last.seq);
    problems.push(...anchorProblems.problems.slice(0, MAX_LISTED));
    more('anchor', anchorProblems.problems.length - MAX_LISTED);

    const tickets = { ids: this.repo.ticketIds(), row: (id: string) => store.tickets.byId(id) };
    const counterRows = new Map(store.counters.list().map((c) => [c.id, c]));
    const counters = { ids: [...counterRows.keys()], row: (id: string) => counterRows.get(id) };
    const mismatches = compareReadModel(replay, tickets, counters);
    for (const m of mismatches.slice(0, MAX_LISTED)) problems.push({ kind: 'read_model', seq: m.seq, message: describeMismatch(m) });
    more('read_model', mismatches.length - MAX_LISTED);

    const logSeqs = problems.filter((p) => p.kind !== 'read_model' && p.seq !== null).map((p) => p.seq as number);
    const brokenAt = logSeqs.length > 0 ? Math.min(...logSeqs) : null;
    // Sealed and intact up to here: the newest anchor that holds, below anything found wrong (an
    // anchor written after a rewrite holds too, but vouches only for what its server was shown).
    const anchored = anchorProblems.held.reduce<Anchor | null>(
      (m, a) => ((brokenAt === null || a.seq < brokenAt) && (m === null || a.seq >= m.seq) ? a : m),
      null,
    );
    return {
      ok: problems.length === 0,
      checked: chain.checked,
      brokenAt,
      anchoredSeq: anchored?.seq ?? null,
      anchoredAt: anchored?.at ?? null,
      problems,
    };
  }

  /** Each anchor against the log: sealed with this key, its row still there with its hash. */
  private checkAnchors(lastSeq: number): { problems: AuditProblem[]; held: Anchor[] } {
    const { store, parts } = this;
    const problems: AuditProblem[] = [];
    const file = where(parts.anchors);
    const held: Anchor[] = [];
    const differing: Anchor[] = [];
    const lines = parts.anchors.read();
    for (const line of lines) {
      const a = line.anchor;
      if (!a) {
        problems.push({ kind: 'anchor', seq: null, message: `Line ${line.line} of ${file} is not an anchor` });
        continue;
      }
      if (!sealHolds(parts.key.key, a)) {
        // Not a finding about the log (seq stays null): the anchor itself is not to be trusted.
        problems.push({
          kind: 'anchor',
          seq: null,
          message: `The anchor on line ${line.line} of ${file} (event ${a.seq}, ${a.at}) does not carry this office's seal: it was written or changed without the audit key`,
        });
        continue;
      }
      if (a.seq > lastSeq) {
        problems.push({
          kind: 'anchor',
          seq: lastSeq + 1,
          message: `The log ends at event ${lastSeq}, but event ${a.seq} was anchored at ${a.at}: events ${lastSeq + 1}–${a.seq} were deleted (or the anchors belong to another database)`,
        });
        continue;
      }
      const hash = a.seq === 0 ? GENESIS : store.events.hashAt(a.seq);
      if (hash === null) {
        problems.push({ kind: 'anchor', seq: a.seq, message: `Event ${a.seq}, anchored at ${a.at}, is missing from the log` });
      } else if (hash !== a.hash) {
        differing.push(a);
      } else {
        held.push(a);
      }
    }
    for (const a of differing) {
      // The rewrite lies after the newest anchor below it that still holds.
      const below = held.reduce((m, h) => (h.seq < a.seq && h.seq > m ? h.seq : m), 0);
      problems.push({
        kind: 'anchor',
        seq: a.seq,
        message: `Event ${a.seq} is not the one anchored at ${a.at}: an event between ${below + 1} and ${a.seq} was rewritten and the hashes after it recomputed`,
      });
    }
    if (this.written && !lines.some((l) => l.anchor?.hmac === this.written?.hmac)) {
      problems.push({
        kind: 'anchor',
        seq: null,
        message: `The anchor this server wrote at ${this.written.at} (event ${this.written.seq}) is no longer in ${file}: the file was cut or replaced`,
      });
    }
    return { problems, held };
  }
}
