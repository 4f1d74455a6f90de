// Crash test with clients connected (issue 12): wall displays (/display, device token), clerks'
// counter clients (/staff, a session token) and public status pages (/public) follow the office
// while kiosks and clerks load it over HTTP, and the server is killed with SIGKILL. It is restarted
// on the same port; every client must find it again by itself, take a snapshot no older than what
// it had seen, never be sent an event it already applied, and end with exactly the server's state.
// The data checks of crash.test.ts run as well (nothing acknowledged lost, no number twice).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromSnapshot, NAMESPACES, type PublicStatus, type Snapshot } from '@jiaohao/shared';
import {
  CLERK_COUNTERS,
  checkResumed,
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
import { PublicClient, QueueClient } from './support/resync-client';

const KIOSKS = 2;
const KILL_AFTER = 120;
const AFTER_RESTART_ISSUES = 60;

let tmp: string | null = null;
const clients: Array<QueueClient | PublicClient> = [];

afterAll(() => {
  for (const c of clients) c.close();
  killAll();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('clients of a server killed under load', () => {
  it(
    'every display, counter client and public page reconnects, resyncs without applying anything twice, and ends in step',
    async () => {
      const t0 = performance.now();
      const timings: string[] = [];
      const lap = (label: string) => timings.push(`${label} ${Math.round(performance.now() - t0)} ms`);
      tmp = mkdtempSync(join(tmpdir(), 'jiaohao-crash-clients-'));
      const dbPath = join(tmp, 'jiaohao.db');
      const password = randomBytes(15).toString('base64url');
      const ledger = new Ledger();
      const clerks: Clerk[] = CLERK_COUNTERS.map((counterId) => ({ counterId, current: null }));

      let server = await startServer(dbPath, password);
      const port = Number(new URL(server.base).port);
      const origin = new URL(server.base).origin;
      let admin = await login(server.base, password);
      expect((await http(server.base, 'PATCH', '/office', admin, { issuingMode: 'open' })).status).toBe(200);
      const device = async (kind: 'kiosk' | 'display', name: string) => {
        const res = await http<{ token: string }>(server.base, 'POST', '/devices', admin, { kind, name });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return res.body.token;
      };
      const kioskTokens: string[] = [];
      for (let i = 1; i <= KIOSKS; i++) kioskTokens.push(await device('kiosk', `Crash kiosk ${i}`));
      for (const id of OPEN_COUNTERS) expect((await http(server.base, 'POST', `/counters/${id}/open`, admin)).status).toBe(200);

      // Two of each, connected before the load starts. The clerks' sockets use the admin's session
      // (a session lives in the database, so it outlives the crash, as a browser's cookie does).
      const displays = [1, 2].map(async (i) => new QueueClient(`display ${i}`, origin, NAMESPACES.display, await device('display', `Crash wall ${i}`)));
      const queues = [...(await Promise.all(displays)), ...[1, 2].map((i) => new QueueClient(`counter client ${i}`, origin, NAMESPACES.staff, admin))];
      const pages = [1, 2].map((i) => new PublicClient(`public page ${i}`, origin));
      clients.push(...queues, ...pages);
      await Promise.all([
        ...queues.map((c) => c.until('given a snapshot', () => c.state !== null)),
        ...pages.map((c) => c.until('given a status', () => c.status !== null)),
      ]);
      lap('start + clients');

      // ---- load, SIGKILL
      const phase = new Phase(0, server, admin, ledger, { killAfter: KILL_AFTER });
      await runPhase(phase, kioskTokens, clerks);
      expect(ledger.problems).toEqual([]);
      expect(phase.killed).toBe(true);
      expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
      // What each had seen when its server died (every event it got was committed: it is sent after the commit).
      const seen = new Map<QueueClient | PublicClient, number>(clients.map((c) => [c, c.seq]));
      for (const c of queues) expect(c.seq, `${c.name} followed the load`).toBeGreaterThan(0);
      expect(verifyFile(dbPath, ledger).bad).toEqual([]);
      lap('load + SIGKILL');

      // ---- restart on the same port: the clients reconnect by themselves and resync
      const before = ledger.maxima();
      server = await startServer(dbPath, password, port);
      lap('restart');
      await Promise.all(clients.map((c) => c.until('reconnected', () => c.connects >= 2)));
      await Promise.all([
        ...queues.map((c) => c.until('given a snapshot after reconnecting', () => c.snapshots.some((s) => s.connect >= 2))),
        ...pages.map((c) => c.until('given a status after reconnecting', () => c.taken.some((s) => s.connect >= 2))),
      ]);
      lap('clients resynced');
      for (const c of queues) {
        const first = c.snapshots.find((s) => s.connect >= 2)!;
        expect(first.seq, `${c.name}: the snapshot after the restart`).toBeGreaterThanOrEqual(seen.get(c)!);
      }
      for (const c of pages) {
        const first = c.taken.find((s) => s.connect >= 2)!;
        expect(first.seq, `${c.name}: the status after the restart`).toBeGreaterThanOrEqual(seen.get(c)!);
      }

      // ---- more load on the restarted server, with the clients following
      admin = await login(server.base, password);
      const after = new Phase(1, server, admin, ledger, { stopAfter: AFTER_RESTART_ISSUES });
      await runPhase(after, kioskTokens, clerks);
      expect(ledger.problems).toEqual([]);
      expect(checkResumed(ledger, 1, before)).toEqual([]);
      lap('load after the restart');

      // ---- every client ends with exactly the server's state
      const snap = (await http<Snapshot>(server.base, 'GET', '/snapshot', admin)).body;
      await Promise.all(clients.map((c) => c.until(`at seq ${snap.seq}`, () => c.seq >= snap.seq)));
      const again = (await http<Snapshot>(server.base, 'GET', '/snapshot', admin)).body;
      expect(again.seq, 'nothing happened meanwhile').toBe(snap.seq);
      const expected = fromSnapshot(snap);
      for (const c of queues) {
        expect(c.state, c.name).toEqual(expected);
        // The seqs it applied only ever went up (a snapshot may jump ahead; nothing came twice).
        expect(c.applied.every((seq, i) => i === 0 || seq > c.applied[i - 1]!), `${c.name} applied in order`).toBe(true);
      }
      const status = (await http<PublicStatus>(server.base, 'GET', '/public/status')).body;
      for (const c of pages) expect(c.status, c.name).toEqual(status);
      expect(clients.flatMap((c) => c.problems)).toEqual([]);
      for (const c of clients) expect(c.connects, `${c.name} connected twice, no more`).toBe(2);
      lap('clients checked');

      // ---- and the data, as in crash.test.ts
      expect(await verifyThroughApi(server.base, admin, ledger)).toEqual([]);
      expect(ledger.duplicates()).toEqual([]);
      for (const c of clients) c.close();
      server.child.kill('SIGTERM');
      expect(await server.exited, server.output()).toEqual({ code: 0, signal: null });
      expect(verifyFile(dbPath, ledger).bad).toEqual([]);
      lap('final checks');

      console.log(
        [
          `crash-clients: ${ledger.tickets.size} acknowledged tickets; ${phase.issued} + ${after.issued} issued, ${phase.failedInFlight} requests lost to SIGKILL, ${phase.recovered + after.recovered} clerk resyncs`,
          ...clients.map((c) => `  ${c.name}: seq ${seen.get(c)} at the kill, ${c.seq} at the end, ${c instanceof QueueClient ? `${c.snapshots.length} snapshots (${c.snapshots.filter((s) => s.how === 'asked').length} asked after a gap), ${c.applied.length} events applied` : `${c.taken.length} statuses`}`),
          `  timings: ${timings.join(', ')}`,
        ].join('\n'),
      );
    },
    120_000,
  );
});
