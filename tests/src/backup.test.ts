// The documented restore, end to end with real processes: a server with tickets stops (its
// shutdown backup), more tickets on the next run, stop, `npm run restore` of the first backup,
// and a server started on it has exactly the backup's tickets while `npm run verify-log` says the
// log is intact. Restore refuses while a server runs on the database, and refuses a tampered backup.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminReady, http, issue, killAll, runScript, startServer, type IssuedTicket } from './support/server-process';

const tmp = mkdtempSync(join(tmpdir(), 'jiaohao-restore-'));
afterAll(() => {
  killAll();
  rmSync(tmp, { recursive: true, force: true });
});

async function issueSome(base: string, token: string, n: number): Promise<IssuedTicket[]> {
  const out: IssuedTicket[] = [];
  for (let i = 0; i < n; i++) {
    const res = await issue(base, token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    out.push(res.body.ticket!);
  }
  return out;
}

const ticketIds = (file: string): string[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id FROM tickets ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe('npm run restore', () => {
  it('puts a backup back: the server on it has the backup tickets, and the log verifies', async () => {
    const dbPath = join(tmp, 'office.db');
    const env = { JIAOHAO_DB: dbPath };

    // ---- a morning: tickets, then a clean stop, which backs up what changed
    let server = await startServer(dbPath);
    let admin = await adminReady(server.base);
    const before = await issueSome(server.base, admin, 4);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    const backups = join(tmp, 'backups');
    const [name, ...others] = readdirSync(backups);
    expect(others).toEqual([]);
    expect(name).toMatch(/^jiaohao-\d{4}-\d{2}-\d{2}\.db$/);
    // As an operator keeps it (a USB stick): the day's file is refreshed by the next run.
    const saved = join(tmp, 'saved.db');
    copyFileSync(join(backups, name!), saved);
    expect(ticketIds(saved)).toEqual(before.map((t) => t.id).sort());

    // ---- more tickets on the next run; restore refuses while it runs
    server = await startServer(dbPath);
    admin = await adminReady(server.base);
    const after = await issueSome(server.base, admin, 3);
    const refused = await runScript('restore', env, [saved]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`another Jiaohao server has ${dbPath} open (pid ${server.child.pid})`);
    expect(refused.stderr).toContain('nothing was changed');
    expect((await http(server.base, 'GET', '/health')).status).toBe(200);
    expect(await server.stop()).toEqual({ code: 0, signal: null });

    // ---- a tampered backup is refused, and changes nothing
    const tampered = join(tmp, 'tampered.db');
    copyFileSync(saved, tampered);
    const raw = new Database(tampered);
    raw.exec('DROP TRIGGER events_append_only_update');
    raw.prepare("UPDATE events SET at = '2020-01-01T00:00:00.000Z' WHERE seq = (SELECT MAX(seq) FROM events)").run();
    raw.close();
    const broken = await runScript('restore', env, [tampered]);
    expect(broken.stderr).toContain("the backup's event log is NOT intact, so it was not restored");
    expect(broken.stderr).toMatch(/chain \(seq \d+\)/);
    expect(broken.code).toBe(1);
    expect(readdirSync(tmp).filter((f) => f.includes('before-restore') || f.includes('restoring'))).toEqual([]);
    expect(ticketIds(dbPath)).toEqual([...before, ...after].map((t) => t.id).sort());

    // ---- the restore
    const restored = await runScript('restore', env, [saved]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`restore: checked ${saved}: event log intact`);
    expect(restored.stdout).toMatch(new RegExp(`restore: moved ${dbPath} aside to ${dbPath}\\.before-restore-\\S+`));
    expect(restored.stdout).toContain(`restore: ${dbPath} is now the backup`);
    const aside = readdirSync(tmp).find((f) => /^office\.db\.before-restore-[^-]+.*Z$/.test(f));
    expect(aside).toBeDefined();
    // Nothing lost: the database as it was, moved aside, still holds every ticket.
    expect(ticketIds(join(tmp, aside!))).toEqual([...before, ...after].map((t) => t.id).sort());
    expect(ticketIds(dbPath)).toEqual(before.map((t) => t.id).sort());

    // ---- a server on the restored file: the backup's tickets, numbering after them, log intact
    server = await startServer(dbPath, { JIAOHAO_BACKUP_MINUTES: '0' });
    admin = await adminReady(server.base);
    for (const t of before) {
      const res = await http<{ ticket: IssuedTicket }>(server.base, 'GET', `/tickets/${t.id}`, admin);
      expect(res.status).toBe(200);
      expect(res.body.ticket.number).toBe(t.number);
    }
    for (const t of after) expect((await http(server.base, 'GET', `/tickets/${t.id}`, admin)).status).toBe(404);
    const next = (await issueSome(server.base, admin, 1))[0]!;
    expect(next.value).toBe(before.at(-1)!.value + 1);
    expect(await server.stop()).toEqual({ code: 0, signal: null });

    const check = await runScript('verify-log', env);
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/^event log intact: \d+ events checked, sealed up to seq \d+/);
    expect(check.code).toBe(0);
    expect(existsSync(`${join(tmp, 'office.audit-anchors.jsonl')}.${aside!.slice('office.db.'.length)}`)).toBe(true);
  }, 120_000);
});
