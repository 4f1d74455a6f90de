// Disk full and a read-only file system under the real server, on a small tmpfs of the test's own.
// Full: every command fails with 507 storage_full and a message a clerk can act on, nothing is
// half-written (each acknowledged ticket is there, numbers stay contiguous, the log verifies), the
// server stays up, and once space is freed commands succeed again without a restart.
// Read-only: Linux refuses `mount -o remount,ro` while a process has files on it open for writing
// (the server's database, -wal and -shm), so a running server cannot be put there by a remount;
// what can happen is a start on a read-only file system, which is refused in words, and a start
// again once it is writable. Needs root (mount); skipped, and so not passed, otherwise.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminReady, http, issue, killAll, runScript, startRefused, startServer, type IssuedTicket, type ServerProcess } from './support/server-process';

const isRoot = process.getuid?.() === 0;
const base = mkdtempSync(join(tmpdir(), 'jiaohao-storage-'));
const mnt = join(base, 'disk');
const dbPath = join(mnt, 'office.db');
const filler = join(mnt, 'filler');
let mounted = false;
// No scheduled backups: the copy would take part of the small disk at start.
const ENV = { JIAOHAO_BACKUP_MINUTES: '0' };

const mount = (...args: string[]) => execFileSync('mount', args, { stdio: 'pipe' });

beforeAll(() => {
  if (!isRoot) return;
  execFileSync('mkdir', ['-p', mnt]);
  mount('-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt);
  mounted = true;
});
afterAll(() => {
  killAll();
  if (mounted) {
    try {
      mount('-o', 'remount,rw', mnt);
    } catch {
      // already rw
    }
    execFileSync('umount', [mnt], { stdio: 'pipe' });
  }
  rmSync(base, { recursive: true, force: true });
});

/** Writes the filler until the file system says ENOSPC; returns the bytes written. */
function fillDisk(): number {
  const fd = openSync(filler, 'w');
  let written = 0;
  try {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) written += writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

/** Every acknowledged ticket is there with its number; the numbers run without a gap. */
async function checkTickets(server: ServerProcess, token: string, acked: readonly IssuedTicket[]): Promise<void> {
  for (const t of acked) {
    const res = await http<{ ticket: IssuedTicket }>(server.base, 'GET', `/tickets/${t.id}`, token);
    expect(res.status, `ticket ${t.number}`).toBe(200);
    expect(res.body.ticket.number).toBe(t.number);
  }
  const values = acked.map((t) => t.value);
  expect(values).toEqual(values.map((_, i) => values[0]! + i));
}

describe('storage faults under the real server', () => {
  it.skipIf(!isRoot)('disk full: 507 storage_full, nothing half-written, up all along, and back without a restart (needs root to mount a tmpfs)', async () => {
    const server = await startServer(dbPath, ENV);
    const admin = await adminReady(server.base);
    const acked: IssuedTicket[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await issue(server.base, admin);
      expect(res.status).toBe(201);
      acked.push(res.body.ticket!);
    }

    expect(fillDisk()).toBeGreaterThan(0);
    // SQLite may still fit a few commands into pages the WAL already has; then it must refuse.
    let refused: { status: number; body: { error?: { code: string; message: string } } } | null = null;
    for (let i = 0; i < 500 && refused === null; i++) {
      const res = await issue(server.base, admin);
      if (res.status === 201) acked.push(res.body.ticket!);
      else refused = res;
    }
    expect(refused, 'no command failed on a full disk').not.toBeNull();
    expect(refused!.status).toBe(507);
    expect(refused!.body.error).toEqual({
      code: 'storage_full',
      message: "The server's disk is full: nothing was saved. Ask the administrator to free disk space; it works again as soon as there is room, without a restart",
    });
    // It stays refused while the disk is full (not one lucky failure), and the server stays up.
    for (let i = 0; i < 5; i++) expect((await issue(server.base, admin)).body.error?.code).toBe('storage_full');
    expect((await http(server.base, 'GET', '/health')).status).toBe(200);
    const counter = await http<{ error?: { code: string } }>(server.base, 'POST', '/counters/counter-2/open', admin);
    expect(counter.status).toBe(507);
    await checkTickets(server, admin, acked);

    rmSync(filler);
    const again = await issue(server.base, admin);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    acked.push(again.body.ticket!);
    // The refused issues took no number.
    await checkTickets(server, admin, acked);
    expect((await http(server.base, 'POST', '/counters/counter-2/open', admin)).status).toBe(200);

    const check = await runScript('verify-log', { JIAOHAO_DB: dbPath });
    expect(check.stdout).toMatch(/^event log intact/);
    expect(check.code).toBe(0);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  }, 120_000);

  it.skipIf(!isRoot)('read-only: no remount under a running server; a start on a read-only disk is refused in words, and works once writable (needs root to mount)', async () => {
    let server = await startServer(dbPath, ENV);
    let admin = await adminReady(server.base);
    const before = await issue(server.base, admin);
    expect(before.status).toBe(201);

    // The kernel keeps a file system with files open for writing writable.
    expect(() => mount('-o', 'remount,ro', mnt)).toThrow(/busy/);
    expect((await issue(server.base, admin)).status).toBe(201);
    expect(await server.stop()).toEqual({ code: 0, signal: null });

    mount('-o', 'remount,ro', mnt);
    const refused = await startRefused(dbPath, ENV);
    expect(refused.code).toBe(3);
    expect(refused.output).toContain(`jiaohao: the database ${dbPath} cannot be written (its file system is mounted read-only)`);
    expect(refused.output).not.toMatch(/\n\s+at /);
    // verify-log only reads, but SQLite must write the -shm of a WAL database to read it: it says so.
    const check = await runScript('verify-log', { JIAOHAO_DB: dbPath });
    expect(check.stderr).toContain(`verify-log: could not open ${dbPath}`);
    expect(check.stderr).toContain('its folder is read-only');
    expect(check.stderr).not.toMatch(/\n\s+at /);
    expect(check.code).toBe(2);

    mount('-o', 'remount,rw', mnt);
    server = await startServer(dbPath, ENV);
    admin = await adminReady(server.base);
    expect((await http(server.base, 'GET', `/tickets/${before.body.ticket!.id}`, admin)).status).toBe(200);
    expect((await issue(server.base, admin)).status).toBe(201);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  }, 120_000);
});
