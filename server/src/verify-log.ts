// `npm run verify-log`: the check of GET /api/v1/events/verify from a shell, on the database and
// audit files the settings name (the server's own settings, see .env.example), while the server
// runs or not. Prints a plain summary, or every problem on its own line; exits 0 when the log is
// intact, 1 when it is not, 2 when it could not check (a setting, a missing file, a wrong argument).
import { existsSync } from 'node:fs';
import type { ChainCheck } from '@jiaohao/shared';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/database';
import { Store } from './store';
import { AuditTrail, auditFiles } from './modules/audit/audit.service';
import { AuditKeyError, loadAuditKey } from './modules/audit/audit-key';
import { AnchorFile, MemoryAnchors, type AnchorLine, type AnchorStore } from './modules/audit/anchors';

const USAGE = `usage: npm run verify-log
Checks the event log of the database JIAOHAO_DB (the hash chain, the anchors in JIAOHAO_AUDIT_ANCHOR_FILE
sealed with JIAOHAO_AUDIT_KEY_FILE, the tickets and counters against the log), with the server's settings.
Exit status: 0 intact, 1 not intact, 2 could not check.`;

/** A setting, a file or an argument that stops the check before it starts. */
class CannotCheck extends Error {}

/**
 * The anchors as they were read once, before the log: an anchor the running server appends
 * meanwhile covers events after the log's snapshot, and would read as events deleted.
 */
class AnchorsReadOnce implements AnchorStore {
  private readonly lines: AnchorLine[];
  constructor(readonly path: string) {
    this.lines = new AnchorFile(path).read();
  }
  append(): void {
    throw new Error('the check writes no anchor');
  }
  read(): AnchorLine[] {
    return this.lines;
  }
}

function check(config: Config): { result: ChainCheck; anchorFile: string | null } {
  if (config.dbPath === ':memory:') throw new CannotCheck('JIAOHAO_DB is :memory:, which holds nothing to check: set it to the database file');
  // Opening a missing file would create an empty office, which checks as intact.
  if (!existsSync(config.dbPath)) throw new CannotCheck(`there is no database at ${config.dbPath} (JIAOHAO_DB)`);
  const { keyFile, anchorFile } = auditFiles(config);
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
  const db = openDatabase(config.dbPath);
  try {
    // One read transaction: the log, the tickets and the counters as of one moment, even while the server writes.
    const result = db.transaction(() => new AuditTrail(new Store(db), Date.now, { key, anchors }).verify())();
    return { result, anchorFile };
  } finally {
    db.close();
  }
}

/** The check in plain words, one line each. */
function summary(c: ChainCheck, anchorFile: string | null): string[] {
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

function main(argv: readonly string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    if (argv.length > 0) throw new CannotCheck(`unexpected argument ${JSON.stringify(argv[0])}; the settings come from the environment\n${USAGE}`);
    const { result, anchorFile } = check(loadConfig(process.env));
    process.stdout.write(`${summary(result, anchorFile).join('\n')}\n`);
    return result.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof CannotCheck || err instanceof ConfigError) {
      process.stderr.write(`verify-log: ${err.message}\n`);
      return 2;
    }
    // The check did not run (a file that is not a database, a table missing): not a verdict on the log.
    process.stderr.write(`verify-log: could not check the log: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
