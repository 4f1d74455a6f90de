// Crash test: the real server (its own Node process, a real SQLite file) is killed with SIGKILL twice
// while kiosks issue tickets and clerks call, start and finish them. Whatever a client got a full
// 2xx answer for must still be there after the restart, with the same number; numbering resumes
// after the last number given and never reuses one; the event log's hash chain still verifies.
// At the end the server gets SIGTERM and must exit 0.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CLERK_COUNTERS,
  checkResumed,
  holders,
  Ledger,
  login,
  OPEN_COUNTERS,
  Phase,
  runPhase,
  startServer,
  verifyFile,
  verifyThroughApi,
  type Clerk,
} from './support/crash-server';
import { http, killAll } from './support/server-process';

const KIOSKS = 3;
/** Acknowledged issues in a phase before the SIGKILL (counted, not timed). */
const KILL_AFTER = 150;
const LAST_PHASE_ISSUES = 90;

let tmp: string | null = null;

afterAll(() => {
  killAll();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------- the test

describe('crash safety of the real server process', () => {
  it(
    'keeps every acknowledged ticket and never reuses a number across two SIGKILLs',
    async () => {
      const t0 = performance.now();
      const timings: string[] = [];
      const lap = (label: string) => timings.push(`${label} ${Math.round(performance.now() - t0)} ms`);
      tmp = mkdtempSync(join(tmpdir(), 'jiaohao-crash-'));
      const dbPath = join(tmp, 'jiaohao.db');
      const password = randomBytes(15).toString('base64url'); // 20 characters
      expect(password).toHaveLength(20);
      const ledger = new Ledger();
      const clerks: Clerk[] = CLERK_COUNTERS.map((counterId) => ({ counterId, current: null }));

      // ---- first start: set up
      let server = await startServer(dbPath, password);
      lap('first start');
      let admin = await login(server.base, password);
      const office = await http<{ issuingMode: string }>(server.base, 'PATCH', '/office', admin, { issuingMode: 'open' });
      expect(office.status, JSON.stringify(office.body)).toBe(200);
      expect(office.body.issuingMode).toBe('open');
      const kioskTokens: string[] = [];
      for (let i = 1; i <= KIOSKS; i++) {
        const res = await http<{ token: string }>(server.base, 'POST', '/devices', admin, { kind: 'kiosk', name: `Crash kiosk ${i}` });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        kioskTokens.push(res.body.token);
      }
      for (const id of OPEN_COUNTERS) {
        const res = await http<{ counter: { status: string } }>(server.base, 'POST', `/counters/${id}/open`, admin);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.counter.status).toBe('open');
      }

      const phases: Phase[] = [];
      for (let crash = 0; crash < 2; crash++) {
        // The pid we are about to kill is the one process that holds the database file.
        expect(holders(dbPath) ?? [server.pid]).toEqual([server.pid]);
        // (tsx may have an esbuild helper as a child; it never opens the database.)

        const before = ledger.maxima();
        const phase = new Phase(crash, server, admin, ledger, { killAfter: KILL_AFTER });
        phases.push(phase);
        await runPhase(phase, kioskTokens, clerks);
        expect(ledger.problems).toEqual([]);
        expect(phase.killed).toBe(true);
        const exit = await server.exited;
        expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
        lap(`phase ${crash} load + SIGKILL`);
        expect(holders(dbPath) ?? []).toEqual([]);
        if (crash > 0) expect(checkResumed(ledger, crash, before)).toEqual([]);

        // The file as the crash left it, before any server touches it again.
        const file = verifyFile(dbPath, ledger);
        expect(file.bad).toEqual([]);

        server = await startServer(dbPath, password);
        lap(`restart ${crash + 1}`);
        admin = await login(server.base, password);
        expect(await verifyThroughApi(server.base, admin, ledger)).toEqual([]);
        expect(ledger.duplicates()).toEqual([]);
        lap(`verify after crash ${crash + 1}`);
      }

      // ---- after the second restart: more load, numbering resumes, then a graceful stop
      const before = ledger.maxima();
      const last = new Phase(2, server, admin, ledger, { stopAfter: LAST_PHASE_ISSUES });
      phases.push(last);
      await runPhase(last, kioskTokens, clerks);
      expect(ledger.problems).toEqual([]);
      expect(last.issued).toBeGreaterThanOrEqual(LAST_PHASE_ISSUES);
      expect(checkResumed(ledger, 2, before)).toEqual([]);
      expect(await verifyThroughApi(server.base, admin, ledger)).toEqual([]);
      lap('phase 2 load + verify');

      server.child.kill('SIGTERM');
      const exit = await server.exited;
      expect(exit, server.output()).toEqual({ code: 0, signal: null });
      lap('SIGTERM exit');

      const file = verifyFile(dbPath, ledger);
      expect(file.bad).toEqual([]);
      expect(ledger.duplicates()).toEqual([]);
      lap('final file check');

      const all = [...ledger.tickets.values()];
      console.log(
        [
          `crash test: ${all.length} acknowledged tickets (${all.filter((k) => k.acked === 'done').length} finished), file holds ${file.tickets} tickets, ${file.events} events`,
          ...phases.map(
            (p) => `  phase ${p.index}: ${p.issued} issued, ${p.calls} called, ${p.finished} finished` + `, ${p.recovered} clerk resyncs` +
              (p.killed ? `, ${p.failedInFlight} requests lost to SIGKILL` : ', then SIGTERM'),
          ),
          `  timings: ${timings.join(', ')}`,
        ].join('\n'),
      );
    },
    120_000,
  );
});
