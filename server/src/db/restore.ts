// Puts a backup in place of the office's database, refusing while a server holds it (the lock of
// db/lock.ts, held here for the whole swap so none can start meanwhile) and refusing a backup
// whose event log does not verify (the check of `npm run verify-log`). Nothing is deleted: the
// current database (with its -wal and -shm) and the anchor file move aside to
// `<name>.before-restore-<time>`.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { ChainCheck } from '@jiaohao/shared';
import type { Config } from '../config';
import { lockDatabase } from './lock';
import { CannotCheck, checkLog } from './log-check';
import { parseAnchors } from '../modules/audit/anchors';

/** Nothing was changed: a missing or unreadable file, a server holding the database, a broken log. */
export class RestoreRefused extends Error {
  constructor(
    message: string,
    /** The backup's check, when that is why. */
    readonly check: ChainCheck | null = null,
  ) {
    super(message);
  }
}

export interface RestoreDone {
  readonly dbPath: string;
  readonly from: string;
  readonly check: ChainCheck;
  readonly anchorFile: string | null;
  /** The last event of the restored log. */
  readonly head: number;
  /** Each file moved aside, as [from, to]. */
  readonly movedAside: readonly (readonly [string, string])[];
  /** Anchors kept in the new anchor file (those of the restored log), and those left in the old one. */
  readonly anchorsKept: number;
  readonly anchorsDropped: number;
}

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

export async function restoreBackup(config: Config, backupFile: string, now = new Date()): Promise<RestoreDone> {
  const dbPath = config.dbPath;
  if (dbPath === ':memory:') throw new RestoreRefused('JIAOHAO_DB is :memory:: name the database file to restore into (JIAOHAO_DB or --db)');
  if (!existsSync(backupFile)) throw new RestoreRefused(`there is no backup at ${backupFile}`);
  // Throws DatabaseInUse, with the server's pid, while one runs.
  const lock = lockDatabase(dbPath);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const incoming = `${dbPath}.restoring-${stamp}`;
  const removeIncoming = () => SIDE_FILES.forEach((s) => rmSync(incoming + s, { force: true }));
  try {
    // A copy through SQLite, not of the bytes: a backup with a -wal beside it comes whole, and the
    // backup itself is left as it was (the check below opens, and may migrate, the copy).
    try {
      const source = new Database(backupFile, { readonly: true, fileMustExist: true });
      try {
        await source.backup(incoming);
      } finally {
        source.close();
      }
    } catch (err) {
      removeIncoming();
      if (err instanceof Database.SqliteError) throw new RestoreRefused(`${backupFile} cannot be read as a database (${err.code}: ${err.message})`);
      throw err;
    }

    let checked;
    try {
      checked = checkLog(config, { dbPath: incoming, copy: true });
    } catch (err) {
      removeIncoming();
      if (err instanceof CannotCheck) throw new RestoreRefused(`the backup's event log could not be checked: ${err.message}`);
      if (err instanceof Error) throw new RestoreRefused(`the backup's event log could not be checked (it may not be a Jiaohao database): ${err.message}`);
      throw err;
    }
    if (!checked.result.ok) {
      removeIncoming();
      throw new RestoreRefused(`the backup's event log is NOT intact, so it was not restored`, checked.result);
    }

    const movedAside: [string, string][] = [];
    const aside = (path: string) => {
      if (!existsSync(path)) return;
      const to = `${path}.before-restore-${stamp}`;
      renameSync(path, to);
      movedAside.push([path, to]);
    };
    // Side files keep their suffix after the new name, so SQLite finds the old -wal beside the old database.
    for (const s of SIDE_FILES) {
      if (!existsSync(dbPath + s)) continue;
      const to = `${dbPath}.before-restore-${stamp}${s}`;
      renameSync(dbPath + s, to);
      movedAside.push([dbPath + s, to]);
    }

    // The anchors that vouch for the restored log stay; those of events after the backup would
    // read as events deleted, which is what the old file (moved aside) records.
    let anchorsKept = 0;
    let anchorsDropped = 0;
    const { anchorFile, head } = checked;
    if (anchorFile !== null && existsSync(anchorFile)) {
      const lines = readFileSync(anchorFile, 'utf8').split('\n').filter((l) => l.trim() !== '');
      const kept = lines.filter((l) => {
        const a = parseAnchors(l)[0]?.anchor;
        return a !== null && a !== undefined && a.seq <= head;
      });
      anchorsKept = kept.length;
      anchorsDropped = lines.length - kept.length;
      aside(anchorFile);
      writeFileSync(anchorFile, kept.map((l) => `${l}\n`).join(''), { mode: 0o600 });
    }

    renameSync(incoming, dbPath);
    return { dbPath, from: backupFile, check: checked.result, anchorFile, head, movedAside, anchorsKept, anchorsDropped };
  } finally {
    removeIncoming();
    lock.release();
  }
}
