// The check `npm run verify-log` runs on a database file (and `npm run restore` on a backup before
// putting it in place): the event log's hash chain, the anchors sealed with the audit key, the
// tickets and counters against the log. The same AuditTrail.verify as GET /api/v1/events/verify.
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChainCheck } from '@jiaohao/shared';
import type { Config } from '../config';
import { openDatabase } from './database';
import { Store } from '../store';
import { AuditTrail, auditFiles } from '../modules/audit/audit.service';
import { AuditKeyError, loadAuditKey } from '../modules/audit/audit-key';
import { AnchorFile, MemoryAnchors, type AnchorLine, type AnchorStore } from '../modules/audit/anchors';

/** A setting, a file or an argument that stops the check before it starts. */
export class CannotCheck extends Error {}

/**
 * The anchors as they were read once, before the log: an anchor the running server appends
 * meanwhile covers events after the log's snapshot, and would read as events deleted.
 */
class AnchorsReadOnce implements AnchorStore {
  private lines: AnchorLine[];
  constructor(readonly path: string) {
    this.lines = new AnchorFile(path).read();
  }
  /** Keeps only the anchors up to `seq` (and the lines that are no anchor, which stay findings). */
  upTo(seq: number): void {
    this.lines = this.lines.filter((l) => l.anchor === null || l.anchor.seq <= seq);
  }
  append(): void {
    throw new Error('the check writes no anchor');
  }
  read(): AnchorLine[] {
    return this.lines;
  }
}

export interface CheckOptions {
  /** The file to check instead of config.dbPath (a backup's copy); the key and anchors stay the settings'. */
  readonly dbPath?: string;
  /**
   * A backup: the anchors the server wrote after the copy was taken cover events the copy cannot
   * hold, so only those up to its last event are checked (each of them still must hold).
   */
  readonly copy?: boolean;
}

export interface LogChecked {
  readonly result: ChainCheck;
  readonly anchorFile: string | null;
  /** The last event's seq in the file (0: an empty log). */
  readonly head: number;
}

export function checkLog(settings: Config, options: CheckOptions = {}): LogChecked {
  const config = options.dbPath === undefined ? settings : { ...settings, dbPath: options.dbPath };
  if (config.dbPath === ':memory:') throw new CannotCheck('JIAOHAO_DB is :memory:, which holds nothing to check: set it to the database file');
  // Opening a missing file would create an empty office, which checks as intact.
  if (!existsSync(config.dbPath)) throw new CannotCheck(`there is no database at ${config.dbPath} (JIAOHAO_DB)`);
  // The settings' key and anchors, named after JIAOHAO_DB even when another file is checked.
  const { keyFile, anchorFile } = auditFiles(settings);
  // A missing key would be created afresh, and no anchor would carry its seal.
  if (keyFile === null || !existsSync(keyFile)) throw new CannotCheck(`there is no audit key at ${keyFile ?? '(none)'} (JIAOHAO_AUDIT_KEY_FILE): the anchors cannot be checked without it`);
  let key;
  try {
    key = loadAuditKey(keyFile);
  } catch (err) {
    if (err instanceof AuditKeyError) throw new CannotCheck(err.message);
    throw err;
  }
  const anchors = anchorFile === null ? new MemoryAnchors() : new AnchorsReadOnce(anchorFile);
  let db;
  try {
    db = openDatabase(config.dbPath);
  } catch (err) {
    if (!(err instanceof Database.SqliteError)) throw err;
    // Reading a WAL database writes its -shm beside it: a read-only folder stops even a check.
    const readOnly = !writable(dirname(config.dbPath));
    throw new CannotCheck(
      `could not open ${config.dbPath} (${err.code}: ${err.message})` +
        (readOnly ? `: its folder is read-only, and SQLite must write the -shm file beside a WAL database even to read it — check it where it can be written (a copy, or once the file system is writable again)` : ''),
    );
  }
  try {
    // One read transaction: the log, the tickets and the counters as of one moment, even while the server writes.
    return db.transaction(() => {
      const store = new Store(db);
      const head = store.events.lastSeq;
      if (options.copy && anchors instanceof AnchorsReadOnce) anchors.upTo(head);
      return { result: new AuditTrail(store, Date.now, { key, anchors }).verify(), anchorFile, head };
    })();
  } finally {
    db.close();
  }
}

/** The check in plain words, one line each. */
export function summary(c: ChainCheck, anchorFile: string | null): string[] {
  if (c.ok) {
    const sealed =
      c.anchoredSeq === null ? `not sealed by any anchor yet (${anchorFile ?? 'no anchor file'})` : `sealed up to seq ${c.anchoredSeq} at ${c.anchoredAt ?? '?'}`;
    return [`event log intact: ${c.checked} events checked, ${sealed}`];
  }
  const head = `event log NOT intact: ${c.checked} events checked, ${c.problems.length} problem${c.problems.length === 1 ? '' : 's'}` +
    (c.brokenAt === null ? '' : `, the first at seq ${c.brokenAt}`) +
    (c.anchoredSeq === null ? '' : `; sealed and intact up to seq ${c.anchoredSeq} at ${c.anchoredAt ?? '?'}`);
  return [head, ...c.problems.map((p) => `  ${p.kind}${p.seq === null ? '' : ` (seq ${p.seq})`}: ${p.message}`)];
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
