// Online backups on a real file: taken while tickets are issued, the copy is a database of its own
// whose log verifies and whose tickets are the first of the live ones; pruning deletes only this
// code's copies older than keepDays; a failing backup is logged, never thrown.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/fixtures';
import { send } from '../testing/http';
import { BackupSchedule, backupDatabase, backupDirOf, backupName, pruneBackups } from './backup';
import { checkLog } from './log-check';

let dir: string;
let t: TestApp | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jiaohao-backup-'));
});
afterEach(async () => {
  await t?.close();
  t = null;
  rmSync(dir, { recursive: true, force: true });
});

const issuedIds = (file: string): string[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT ticket_id FROM events WHERE type = 'ticket:issued' ORDER BY seq`).pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe('backupDatabase', () => {
  it('copies the live database while tickets are being issued: the copy opens, verifies, and holds a prefix of the tickets', async () => {
    const dbPath = join(dir, 'office.db');
    t = await testApp({ dbPath, config: { dbPath } });
    const app = t;
    const kiosk = app.deviceToken('kiosk');
    const issueOne = async () => {
      const res = await send(app.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
      expect(res.statusCode, res.body).toBe(201);
    };
    for (let i = 0; i < 40; i++) await issueOne();

    let copying = true;
    // One page per turn of the event loop: the copy spans many commands.
    const backup = backupDatabase(app.db, join(dir, 'backups'), '2026-12-01', 14, { pagesPerStep: 1 }).finally(() => (copying = false));
    let during = 0;
    while (copying) {
      await issueOne();
      during++;
    }
    const done = await backup;
    for (let i = 0; i < 5; i++) await issueOne();
    expect(during).toBeGreaterThan(0);
    expect(done.file).toBe(join(dir, 'backups', 'jiaohao-2026-12-01.db'));
    expect(readdirSync(join(dir, 'backups'))).toEqual(['jiaohao-2026-12-01.db']);

    // Checked on a copy of the copy: opening a database may migrate it and switches it to WAL.
    const probe = join(dir, 'probe.db');
    copyFileSync(done.file, probe);
    const checked = checkLog(app.services.config, { dbPath: probe, copy: true });
    expect(checked.result.problems).toEqual([]);
    expect(checked.result.ok).toBe(true);
    expect(checked.head).toBe(done.seq);

    const live = issuedIds(dbPath);
    const copied = issuedIds(done.file);
    expect(copied.length).toBeGreaterThanOrEqual(40);
    expect(copied.length).toBeLessThan(live.length);
    expect(live.slice(0, copied.length)).toEqual(copied);
  });

  it('names the folder beside the database unless set, and none for :memory:', () => {
    expect(backupDirOf({ dbPath: '/var/lib/jiaohao/office.db', backupDir: null })).toBe('/var/lib/jiaohao/backups');
    expect(backupDirOf({ dbPath: '/var/lib/jiaohao/office.db', backupDir: '/mnt/usb' })).toBe('/mnt/usb');
    expect(backupDirOf({ dbPath: ':memory:', backupDir: '/mnt/usb' })).toBeNull();
  });
});

describe('pruneBackups', () => {
  it('deletes its own copies older than keepDays by the date in their name, and nothing else', async () => {
    const dbPath = join(dir, 'office.db');
    t = await testApp({ dbPath, config: { dbPath } });
    const backups = join(dir, 'backups');
    // Its own copies of five days (keepDays 3 on 2026-12-10 keeps the 8th, 9th and 10th).
    for (const date of ['2026-12-01', '2026-12-07', '2026-12-08', '2026-12-09']) await backupDatabase(t.db, backups, date, 3650);
    // Files it did not write: a database copied in by hand under a backup's name, other names.
    const foreignDb = new Database(join(backups, backupName('2026-11-30')));
    foreignDb.exec('CREATE TABLE x (y)');
    foreignDb.close();
    writeFileSync(join(backups, 'jiaohao-2026-11-01.db'), 'not even a database');
    writeFileSync(join(backups, 'notes.txt'), 'keep me');
    writeFileSync(join(backups, 'jiaohao-2026-12-02.db.bak'), 'keep me too');
    // A copy cut short by a process that died (no pid is that high), and one of a live process.
    writeFileSync(join(backups, '.jiaohao-2026-12-09.db.4194999999.tmp'), 'half');
    writeFileSync(join(backups, `.jiaohao-2026-12-09.db.${process.ppid}.tmp`), 'in progress elsewhere');

    const done = await backupDatabase(t.db, backups, '2026-12-10', 3);
    expect(done.pruned.map((p) => p.slice(backups.length + 1)).sort()).toEqual(['jiaohao-2026-12-01.db', 'jiaohao-2026-12-07.db']);
    expect(readdirSync(backups).sort()).toEqual([
      `.jiaohao-2026-12-09.db.${process.ppid}.tmp`,
      'jiaohao-2026-11-01.db',
      'jiaohao-2026-11-30.db',
      'jiaohao-2026-12-02.db.bak',
      'jiaohao-2026-12-08.db',
      'jiaohao-2026-12-09.db',
      'jiaohao-2026-12-10.db',
      'notes.txt',
    ]);
    // Refreshing the day's copy keeps one file per day.
    await backupDatabase(t.db, backups, '2026-12-10', 3);
    expect(readdirSync(backups).filter((n) => n.startsWith('jiaohao-2026-12-10'))).toEqual(['jiaohao-2026-12-10.db']);
    expect(pruneBackups(backups, '2026-12-10', 3)).toEqual([]);
  });
});

describe('BackupSchedule', () => {
  it('logs a backup that fails (its folder cannot be made) and goes on', async () => {
    const dbPath = join(dir, 'office.db');
    t = await testApp({ dbPath, config: { dbPath } });
    const app = t;
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, 'in the way');
    const logged: { level: string; msg: string }[] = [];
    const log = { info: (_: object, msg: string) => logged.push({ level: 'info', msg }), error: (_: object, msg: string) => logged.push({ level: 'error', msg }) };
    const schedule = new BackupSchedule(app.db, { dir: join(blocked, 'backups'), minutes: 60, keepDays: 14 }, () => app.services.queries.snapshotHead(), log);
    await schedule.run('test');
    expect(logged).toEqual([{ level: 'error', msg: 'database backup failed (the server goes on; the next backup is tried as usual)' }]);
    await schedule.stop();
    expect(existsSync(join(blocked, 'backups'))).toBe(false);

    // The same schedule on a folder that works: logged at info; at stop, nothing new means no copy.
    const ok = new BackupSchedule(app.db, { dir: join(dir, 'backups'), minutes: 60, keepDays: 14 }, () => app.services.queries.snapshotHead(), log);
    await ok.run('test');
    expect(logged.at(-1)).toEqual({ level: 'info', msg: 'database backed up' });
    const before = logged.length;
    await ok.stop();
    expect(logged.length).toBe(before);
  });
});
