// One server per database file: a second server on the same file refuses to start, saying why and
// which pid holds it, and the first goes on answering. The lock is the kernel's, so it goes with
// its process: after a SIGKILL a new server starts at once. verify-log still reads the file while
// the server runs (the lock is on a file beside the database, not on the database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminReady, http, issue, killAll, runScript, startRefused, startServer } from './support/server-process';

const tmp = mkdtempSync(join(tmpdir(), 'jiaohao-single-'));
afterAll(() => {
  killAll();
  rmSync(tmp, { recursive: true, force: true });
});

describe('one server per database file', () => {
  it('refuses a second server on the same file, and starts at once after the first is SIGKILLed', async () => {
    const dbPath = join(tmp, 'office.db');
    const first = await startServer(dbPath);
    const admin = await adminReady(first.base);
    expect((await issue(first.base, admin)).status).toBe(201);

    const second = await startRefused(dbPath);
    expect(second.code).toBe(3);
    expect(second.output).toContain(
      `jiaohao: another Jiaohao server has ${dbPath} open (pid ${first.child.pid}); two servers on one file would issue the same numbers — stop it first`,
    );
    // Said in words, not as a crash.
    expect(second.output).not.toMatch(/\n\s+at /);

    // The first one never noticed.
    expect((await http(first.base, 'GET', '/health')).status).toBe(200);
    expect((await issue(first.base, admin)).status).toBe(201);

    // The log can still be checked from a shell while the server runs.
    const check = await runScript('verify-log', { JIAOHAO_DB: dbPath });
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/^event log intact: \d+ events checked/);
    expect(check.code).toBe(0);

    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const third = await startServer(dbPath);
    const again = await adminReady(third.base);
    expect((await issue(third.base, again)).status).toBe(201);
    expect(await third.stop()).toEqual({ code: 0, signal: null });
  }, 90_000);
});
