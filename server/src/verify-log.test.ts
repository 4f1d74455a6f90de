// `npm run verify-log` as an operator runs it: its own process (node --import tsx, as the root
// package.json's script) on a database file an office worked on, with the server's settings from
// the environment. Intact, then after a row was edited behind the server's back, then the ways it
// cannot check at all.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from './testing/fixtures';
import { send } from './testing/http';
import { parseAnchors } from './modules/audit/anchors';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROGRAM = join(ROOT, 'server', 'src', 'verify-log.ts');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jiaohao-verify-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const dbPath = () => join(dir, 'office.db');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the program with only these settings (none inherited from the shell running the tests). */
function verifyLog(env: Record<string, string>, args: readonly string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', PROGRAM, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: dir, JIAOHAO_DB: dbPath(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A morning at an office on a real file (its key and anchors beside it), then a clean shutdown; the log's length. */
async function workAMorning(): Promise<number> {
  const t = await testApp({ dbPath: dbPath(), config: { dbPath: dbPath() } });
  const clerk = await t.staffToken('clerk');
  const kiosk = t.deviceToken('kiosk');
  await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
  const ticket = (await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' })).json().ticket;
  await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
  const missed = await send(t.app, 'POST', `/api/v1/tickets/${ticket.id}/no-show`, clerk, { reason: 'left_office' });
  expect(missed.statusCode, missed.body).toBe(200);
  const events = t.eventCount();
  await t.close();
  return events;
}

const lastAnchor = () => parseAnchors(readFileSync(join(dir, 'office.audit-anchors.jsonl'), 'utf8')).at(-1)!.anchor!;

describe('npm run verify-log', () => {
  it('says the log is intact, how many events it checked and how far it is sealed, and exits 0', async () => {
    const events = await workAMorning();
    const run = await verifyLog({});
    expect(run.stderr).toBe('');
    // The shutdown sealed the head.
    expect(lastAnchor()).toMatchObject({ seq: events, reason: 'stop' });
    expect(run.stdout).toBe(`event log intact: ${events} events checked, sealed up to seq ${events} at ${lastAnchor().at}\n`);
    expect(run.code).toBe(0);
  });

  it('names each problem on its own line and exits 1 after a row was edited in the file', async () => {
    const events = await workAMorning();
    // Someone with the file drops the append-only trigger and rewrites the reason of the no-show.
    const raw = new Database(dbPath());
    raw.exec('DROP TRIGGER events_append_only_update');
    raw.prepare("UPDATE events SET reason = 'other' WHERE seq = ?").run(events);
    raw.close();

    const run = await verifyLog({});
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^event log NOT intact: ${events} events checked, \\d+ problems?, the first at seq ${events}`));
    expect(lines).toContain(`  chain (seq ${events}): Event ${events} does not match its hash: it was changed after it was written`);
    expect(run.code).toBe(1);
  });

  it('exits 2, saying why, when it cannot check: no database, no audit key, a wrong setting or argument', async () => {
    const missing = await verifyLog({ JIAOHAO_DB: join(dir, 'nowhere.db') });
    expect([missing.code, missing.stdout, missing.stderr]).toEqual([2, '', `verify-log: there is no database at ${join(dir, 'nowhere.db')} (JIAOHAO_DB)\n`]);

    await workAMorning();
    const noKey = await verifyLog({ JIAOHAO_AUDIT_KEY_FILE: join(dir, 'elsewhere.key') });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/no audit key at .*elsewhere\.key \(JIAOHAO_AUDIT_KEY_FILE\)/);

    const badSetting = await verifyLog({ JIAOHAO_AUDIT_ANCHOR_MINUTES: 'often' });
    expect(badSetting.code).toBe(2);
    expect(badSetting.stderr).toContain('JIAOHAO_AUDIT_ANCHOR_MINUTES must be an integer from 1 to 1440, got "often"');

    const argument = await verifyLog({}, ['--fix']);
    expect(argument.code).toBe(2);
    expect(argument.stderr).toMatch(/^verify-log: unexpected argument "--fix"/);
    expect(argument.stderr).toContain('usage: npm run verify-log');
  });
});
