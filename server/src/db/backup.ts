// Online backups: a copy of the live database through SQLite's online backup API (better-sqlite3's
// db.backup()), taken while the office works. One file per business date, `jiaohao-<date>.db`,
// refreshed through the day, so N days kept are N files. Each copy is written under a temporary
// name and renamed into place: a crash mid-copy never leaves a half file under a backup's name.
// Copies older than keepDays (by the date in their name) are pruned, and only copies this code
// wrote: the name must match and the file must carry BACKUP_MARK in its SQLite header.
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, mkdirSync, openSync, readSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from './database';

/** SQLite's application_id of every copy written here ('JHBK'): pruning deletes nothing without it. */
export const BACKUP_MARK = 0x4a48424b;
const NAME = /^jiaohao-(\d{4}-\d{2}-\d{2})\.db$/;
const TEMP = /^\.jiaohao-\d{4}-\d{2}-\d{2}\.db\.(\d+)\.tmp$/;
export const backupName = (businessDate: string) => `jiaohao-${businessDate}.db`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, as another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The folder the settings name: their own, or `<db dir>/backups`; none for an in-memory database. */
export function backupDirOf(c: { readonly dbPath: string; readonly backupDir: string | null }): string | null {
  if (c.dbPath === ':memory:') return null;
  return c.backupDir ?? join(dirname(c.dbPath), 'backups');
}

export interface BackupDone {
  readonly file: string;
  readonly seq: number;
  readonly bytes: number;
  readonly ms: number;
  readonly pruned: readonly string[];
}

/**
 * Copies `db` to `<dir>/jiaohao-<businessDate>.db` (replacing that day's earlier copy) and prunes
 * copies older than keepDays before `businessDate`. Commands go on during the copy: SQLite folds a
 * page this connection changes meanwhile into the copy, so it is the database as of its end.
 */
export async function backupDatabase(
  db: Db,
  dir: string,
  businessDate: string,
  keepDays: number,
  /** Pages copied per turn of the event loop (better-sqlite3's default is 100); tests copy a few at a time. */
  options: { readonly pagesPerStep?: number } = {},
): Promise<BackupDone> {
  const started = Date.now();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, backupName(businessDate));
  const tmp = join(dir, `.${backupName(businessDate)}.${process.pid}.tmp`);
  try {
    const step = options.pagesPerStep;
    await (step === undefined ? db.backup(tmp) : db.backup(tmp, { progress: () => step }));
    const copy = new Database(tmp);
    let seq: number;
    try {
      copy.pragma(`application_id = ${BACKUP_MARK}`);
      // A copy stands alone: no -wal beside it to lose when it is moved or copied off the machine.
      copy.pragma('journal_mode = DELETE');
      seq = (copy.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events').get() as { seq: number }).seq;
    } finally {
      copy.close();
    }
    fsyncPath(tmp);
    renameSync(tmp, file);
    fsyncPath(dir);
    return { file, seq, bytes: statSync(file).size, ms: Date.now() - started, pruned: pruneBackups(dir, businessDate, keepDays) };
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Deletes this code's copies dated keepDays or more before `today` (returns their paths), and its dead temporary files. */
export function pruneBackups(dir: string, today: string, keepDays: number): string[] {
  const oldest = dayNumber(today) - keepDays + 1;
  const pruned: string[] = [];
  for (const name of readdirSync(dir)) {
    // A copy cut short by a crash (kill -9, power) of the process whose pid it names.
    const pid = TEMP.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !alive(Number(pid))) {
      rmSync(join(dir, name), { force: true });
      continue;
    }
    const date = NAME.exec(name)?.[1];
    if (date === undefined || dayNumber(date) >= oldest) continue;
    const path = join(dir, name);
    if (!isOurCopy(path)) continue;
    rmSync(path, { force: true });
    pruned.push(path);
  }
  return pruned;
}

/** Days since 1970 of a YYYY-MM-DD date (NaN for a date that is not one: never pruned). */
function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/** The 4-byte application_id at offset 68 of the SQLite header says BACKUP_MARK. */
function isOurCopy(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const header = Buffer.alloc(72);
      if (readSync(fd, header, 0, 72, 0) < 72) return false;
      return header.toString('latin1', 0, 16) === 'SQLite format 3\0' && header.readUInt32BE(68) === BACKUP_MARK;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** The data (or a new name in a folder) is on disk; a folder cannot be fsynced everywhere, hence best effort. */
function fsyncPath(path: string): void {
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}

export interface BackupLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The schedule: at start when today has no copy yet, every `minutes` when the log moved since the
 * last copy, and at shutdown when it moved. A failure (disk full, folder gone) is logged and the
 * next one tried as usual: a backup never stops the office.
 */
export class BackupSchedule {
  private timer: NodeJS.Timeout | null = null;
  private lastSeq: number | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly settings: { readonly dir: string; readonly minutes: number; readonly keepDays: number },
    /** Where the log stands now, and today's business date. */
    private readonly head: () => { readonly seq: number; readonly businessDate: string },
    private readonly log: BackupLog,
  ) {}

  start(): void {
    const { businessDate } = this.head();
    if (!existsQuiet(join(this.settings.dir, backupName(businessDate)))) void this.run('start');
    if (this.settings.minutes > 0) {
      this.timer = setInterval(() => void this.runIfMoved('timer'), this.settings.minutes * 60_000);
      this.timer.unref();
    }
  }

  /** Stops the timer and takes the last copy when the log moved; resolves once it is written. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.runIfMoved('stop');
  }

  private runIfMoved(reason: string): Promise<void> {
    if (this.lastSeq !== null && this.head().seq === this.lastSeq) return Promise.resolve();
    return this.run(reason);
  }

  /** One copy at a time; a failure is logged, never thrown. */
  run(reason: string): Promise<void> {
    if (this.running) return this.running;
    const { businessDate } = this.head();
    this.running = backupDatabase(this.db, this.settings.dir, businessDate, this.settings.keepDays)
      .then((done) => {
        this.lastSeq = done.seq;
        this.log.info({ reason, file: done.file, seq: done.seq, bytes: done.bytes, ms: done.ms, pruned: done.pruned }, 'database backed up');
      })
      .catch((err: unknown) => {
        this.log.error({ err, reason, dir: this.settings.dir }, 'database backup failed (the server goes on; the next backup is tried as usual)');
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}

function existsQuiet(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
