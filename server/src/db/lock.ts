// One server per database file. Two would each hand out the next number from their own view of the
// log, so the second start is refused. The lock is an OS lock (SQLite's POSIX lock on a small file
// beside the database, `<db>.lock`), which the kernel drops when its process dies, kill -9
// included: there is no pid file to go stale. The database itself stays shared, so
// `npm run verify-log` still reads it while the server runs.
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';

/** The lock is held by another process (or another connection of this one). */
export class DatabaseInUse extends Error {
  constructor(
    readonly dbPath: string,
    readonly pid: number | null,
  ) {
    super(
      `another Jiaohao server has ${dbPath} open (${pid === null ? 'pid unknown' : `pid ${pid}`}); ` +
        'two servers on one file would issue the same numbers — stop it first',
    );
    this.name = 'DatabaseInUse';
  }
}

/** The database's folder or file cannot be written (a read-only file system, or no permission). */
export class DatabaseUnwritable extends Error {
  constructor(
    readonly dbPath: string,
    reason: string,
  ) {
    super(`the database ${dbPath} cannot be written (${reason}): the server needs to write every ticket it issues — make it writable, then start again`);
    this.name = 'DatabaseUnwritable';
  }
}

export interface DatabaseLock {
  readonly path: string;
  release(): void;
}

export const lockPathOf = (dbPath: string) => `${dbPath}.lock`;

/**
 * Takes the lock of `dbPath` at once or throws DatabaseInUse; held until release() or the process
 * ends. An open EXCLUSIVE transaction on an empty SQLite file: nothing is ever written to it.
 */
export function lockDatabase(dbPath: string): DatabaseLock {
  const path = lockPathOf(dbPath);
  mkdirSync(dirname(path), { recursive: true });
  // SQLite would open a read-only file read-only without a word and fail at the first write.
  for (const p of [dirname(path), dbPath, path]) {
    try {
      if (p === dirname(path) || existsSync(p)) accessSync(p, constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new DatabaseUnwritable(dbPath, code === 'EROFS' ? 'its file system is mounted read-only' : `${p}: ${code ?? String(err)}`);
    }
  }
  // timeout 0: a held lock is an answer now, not after a busy wait.
  const db = new Database(path, { timeout: 0 });
  try {
    // No -journal file beside it: nothing is ever written.
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if (err instanceof Database.SqliteError && err.code.startsWith('SQLITE_BUSY')) throw new DatabaseInUse(dbPath, holderOf(path));
    throw err;
  }
  return {
    path,
    release: () => {
      if (db.open) db.close();
    },
  };
}

/** The process with the lock file open (Linux /proc; null elsewhere or when it cannot be seen). */
function holderOf(path: string): number | null {
  if (!existsSync('/proc/self/fd')) return null;
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    return null;
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or another user's
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === target) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}
