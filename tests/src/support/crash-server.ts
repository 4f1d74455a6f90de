// The crash tests' parts (crash.test.ts, crash-clients.test.ts): the real server as its own Node
// process on a real SQLite file, plain HTTP requests, the ledger of what clients were acknowledged,
// the kiosk and clerk load, and the checks of the data after a SIGKILL.
import { existsSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { Ticket } from '@jiaohao/shared';
import { EventsRepo } from '@jiaohao/server/testing';
import { http, startServer as startProcess, type Reply, type ServerProcess } from './server-process';

export const SERVICES = ['household', 'idcard', 'certificate', 'transcript'] as const;
export const OPEN_COUNTERS = ['counter-2', 'counter-3', 'counter-4', 'counter-5', 'counter-6'];
export const CLERK_COUNTERS = ['counter-2', 'counter-3', 'counter-4'];

// ---------------------------------------------------------------- server process

/** The server for the crash tests: the given admin password, on `port` (0: a free one). */
export const startServer = (dbPath: string, adminPassword: string, port = 0): Promise<ServerProcess> =>
  startProcess(dbPath, { JIAOHAO_ADMIN_PASSWORD: adminPassword, PORT: String(port) });

/** Pids of processes with the file open (Linux /proc); null where /proc cannot tell. */
export function holders(file: string): number[] | null {
  if (!existsSync('/proc/self/fd')) return null;
  const target = realpathSync(file);
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or not ours to look at
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === target) {
          found.push(Number(entry));
          break;
        }
      } catch {
        // closed meanwhile
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------- HTTP

export interface ErrorReply {
  error: { code: string; message: string; details?: unknown };
}

export async function login(base: string, password: string): Promise<string> {
  const res = await http<{ token: string }>(base, 'POST', '/auth/login', undefined, { username: 'admin', password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.token;
}

export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// ---------------------------------------------------------------- what clients were told

export type Progress = 'waiting' | 'called' | 'serving' | 'done';
export const RANK: Record<string, number> = { waiting: 0, called: 1, serving: 2, done: 3 };

export interface Known {
  readonly id: string;
  readonly number: string;
  readonly value: number;
  readonly cycle: number;
  readonly serviceId: string;
  readonly businessDate: string;
  readonly cls: string;
  /** Phase in which a kiosk got the 201 for it (null: only seen through a clerk). */
  issuePhase: number | null;
  /** Furthest state a 2xx answer to a state change reported. */
  acked: Progress;
  counterId: string | null;
}

export const seriesKey = (t: { serviceId: string; businessDate: string; cls: string }) => `${t.serviceId}|${t.businessDate}|${t.cls}`;
export const order = (t: { cycle: number; value: number }) => t.cycle * 1_000_000 + t.value;

export class Ledger {
  readonly tickets = new Map<string, Known>();
  readonly problems: string[] = [];

  /** Records a ticket from a 2xx answer; the fixed fields must never change between answers. */
  ack(t: Ticket, opts: { issuePhase?: number; state?: Progress } = {}): void {
    let k = this.tickets.get(t.id);
    if (!k) {
      k = {
        id: t.id,
        number: t.number,
        value: t.value,
        cycle: t.cycle,
        serviceId: t.serviceId,
        businessDate: t.businessDate,
        cls: t.class,
        issuePhase: null,
        acked: 'waiting',
        counterId: null,
      };
      this.tickets.set(t.id, k);
    } else if (k.number !== t.number || k.serviceId !== t.serviceId || k.businessDate !== t.businessDate || k.value !== t.value || k.cycle !== t.cycle) {
      this.problems.push(`ticket ${t.id} changed identity: ${JSON.stringify(k)} vs ${JSON.stringify(t)}`);
    }
    if (opts.issuePhase !== undefined) k.issuePhase = opts.issuePhase;
    const state = opts.state;
    if (state && RANK[state]! > RANK[k.acked]!) k.acked = state;
    if (state && state !== 'waiting') k.counterId = t.counterId;
  }

  /** Highest acknowledged (cycle, value) per series. */
  maxima(): Map<string, number> {
    const max = new Map<string, number>();
    for (const k of this.tickets.values()) max.set(seriesKey(k), Math.max(max.get(seriesKey(k)) ?? -1, order(k)));
    return max;
  }

  duplicates(): string[] {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const k of this.tickets.values()) {
      const key = `${seriesKey(k)}|${k.cycle}|${k.value}`;
      const other = seen.get(key);
      if (other) dups.push(`${key}: ${other} and ${k.id}`);
      else seen.set(key, k.id);
    }
    return dups;
  }
}

// ---------------------------------------------------------------- load

export interface Clerk {
  readonly counterId: string;
  current: { id: string; state: string } | null;
}

export class Phase {
  stopped = false;
  killed = false;
  issued = 0;
  calls = 0;
  finished = 0;
  failedInFlight = 0;
  /** Clerk answers lost in a crash whose command had committed (found again via counter_busy / invalid_transition). */
  recovered = 0;

  constructor(
    readonly index: number,
    readonly server: ServerProcess,
    readonly admin: string,
    readonly ledger: Ledger,
    readonly plan: { killAfter: number } | { stopAfter: number },
  ) {}

  /** The SIGKILL goes to the node process that has the database open (checked, not assumed). */
  kill(): void {
    if (this.killed) return;
    this.killed = true;
    this.stopped = true;
    this.server.child.kill('SIGKILL');
  }

  /** A request that failed at the transport level: expected once the server is killed. */
  lost(who: string, err: unknown): void {
    if (this.killed) {
      this.failedInFlight++;
      return;
    }
    this.ledger.problems.push(`phase ${this.index} ${who}: ${String(err)}`);
    this.stopped = true;
  }

  unexpected(who: string, res: Reply<unknown>): void {
    this.ledger.problems.push(`phase ${this.index} ${who}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    this.stopped = true;
  }
}

export async function kioskLoop(p: Phase, token: string, k: number): Promise<void> {
  let i = k;
  while (!p.stopped) {
    const serviceId = SERVICES[i++ % SERVICES.length]!;
    let res: Reply<{ ticket: Ticket } | ErrorReply>;
    try {
      res = await http(p.server.base, 'POST', '/tickets', token, { serviceId });
    } catch (err) {
      return p.lost(`kiosk ${k}`, err);
    }
    if (res.status !== 201 || !('ticket' in res.body)) return p.unexpected(`kiosk ${k} issue`, res);
    p.ledger.ack(res.body.ticket, { issuePhase: p.index, state: 'waiting' });
    p.issued++;
    if ('killAfter' in p.plan && p.issued >= p.plan.killAfter) p.kill();
    if ('stopAfter' in p.plan && p.issued >= p.plan.stopAfter) p.stopped = true;
  }
}

export async function clerkLoop(p: Phase, clerk: Clerk): Promise<void> {
  const who = `clerk ${clerk.counterId}`;
  const post = (path: string) => http<{ ticket: Ticket | null } | ErrorReply>(p.server.base, 'POST', path, p.admin);
  /** After a crash the clerk's idea of its ticket may be behind: ask the server. */
  const resync = async (id: string): Promise<boolean> => {
    const res = await http<{ ticket: Ticket } | ErrorReply>(p.server.base, 'GET', `/tickets/${id}`, p.admin);
    if (res.status !== 200 || !('ticket' in res.body)) {
      p.unexpected(`${who} resync`, res);
      return false;
    }
    const t = res.body.ticket;
    if (t.counterId !== clerk.counterId || !['called', 'serving', 'done'].includes(t.state)) {
      p.ledger.problems.push(`${who}: ticket ${id} is ${t.state} at ${t.counterId}`);
      return false;
    }
    clerk.current = t.state === 'done' ? null : { id, state: t.state };
    p.recovered++;
    return true;
  };

  while (!p.stopped) {
    try {
      if (!clerk.current) {
        const res = await post(`/counters/${clerk.counterId}/call-next`);
        if (res.status === 200 && 'ticket' in res.body) {
          const t = res.body.ticket;
          if (!t) {
            await delay(2); // nobody waiting: let the kiosks catch up
            continue;
          }
          p.ledger.ack(t, { state: 'called' });
          p.calls++;
          clerk.current = { id: t.id, state: 'called' };
        } else if (res.status === 409 && 'error' in res.body && res.body.error.code === 'counter_busy') {
          // A call (or start) committed but its answer was lost in the crash.
          const id = (res.body.error.details as { ticketId?: string } | undefined)?.ticketId;
          if (!id || !(await resync(id))) return p.unexpected(`${who} counter_busy`, res);
        } else {
          return p.unexpected(`${who} call-next`, res);
        }
        continue;
      }
      const { id, state } = clerk.current;
      const move = state === 'called' ? 'start' : 'finish';
      const res = await post(`/tickets/${id}/${move}`);
      if (res.status === 200 && 'ticket' in res.body && res.body.ticket) {
        const t = res.body.ticket;
        p.ledger.ack(t, { state: move === 'start' ? 'serving' : 'done' });
        if (move === 'finish') p.finished++;
        clerk.current = move === 'start' ? { id, state: 'serving' } : null;
      } else if (res.status === 409 && 'error' in res.body && res.body.error.code === 'invalid_transition') {
        if (!(await resync(id))) return;
      } else {
        return p.unexpected(`${who} ${move}`, res);
      }
    } catch (err) {
      return p.lost(who, err);
    }
  }
}

export async function runPhase(p: Phase, kioskTokens: readonly string[], clerks: readonly Clerk[]): Promise<void> {
  await Promise.all([...kioskTokens.map((token, k) => kioskLoop(p, token, k)), ...clerks.map((c) => clerkLoop(p, c))]);
}

// ---------------------------------------------------------------- checks

/** Every acknowledged ticket, read back through the API of the restarted server. */
export async function verifyThroughApi(base: string, admin: string, ledger: Ledger): Promise<string[]> {
  const bad: string[] = [];
  await mapLimit([...ledger.tickets.values()], 8, async (k) => {
    const res = await http<{ ticket: Ticket } | ErrorReply>(base, 'GET', `/tickets/${k.id}`, admin);
    if (res.status !== 200 || !('ticket' in res.body)) {
      bad.push(`acknowledged ticket ${k.number} (${k.serviceId}, ${k.id}) is gone: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      return;
    }
    const t = res.body.ticket;
    if (t.number !== k.number || t.serviceId !== k.serviceId || t.businessDate !== k.businessDate || t.value !== k.value || t.cycle !== k.cycle) {
      bad.push(`ticket ${k.id} came back as ${t.number}/${t.serviceId}/${t.businessDate}, was acknowledged as ${k.number}/${k.serviceId}/${k.businessDate}`);
    }
    if (!(t.state in RANK) || RANK[t.state]! < RANK[k.acked]!) bad.push(`ticket ${k.number} (${k.serviceId}) is ${t.state}, but ${k.acked} was acknowledged`);
    if (k.acked === 'done' && t.state !== 'done') bad.push(`finished ticket ${k.number} (${k.serviceId}) is ${t.state}`);
    if (k.acked !== 'waiting' && t.counterId !== k.counterId) bad.push(`ticket ${k.number} (${k.serviceId}) moved from ${k.counterId} to ${t.counterId}`);
  });
  return bad;
}

/** Reads the SQLite file directly while no server runs (read-only): the data is on disk. */
export function verifyFile(dbPath: string, ledger: Ledger): { bad: string[]; tickets: number; events: number } {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const bad: string[] = [];
    const dups = db
      .prepare(
        `SELECT service_id, business_date, series, cycle, value, COUNT(*) AS n FROM tickets
         GROUP BY service_id, business_date, series, cycle, value HAVING COUNT(*) > 1`,
      )
      .all();
    if (dups.length > 0) bad.push(`duplicate numbers in the file: ${JSON.stringify(dups)}`);
    const behind = db
      .prepare(
        `SELECT t.service_id, t.business_date, t.series, MAX(t.cycle * 1000000 + t.value) AS top, s.cycle * 1000000 + s.last_value AS pos
         FROM tickets t JOIN number_series s USING (service_id, business_date, series)
         GROUP BY t.service_id, t.business_date, t.series HAVING top > pos`,
      )
      .all();
    if (behind.length > 0) bad.push(`number_series is behind the tickets: ${JSON.stringify(behind)}`);
    const broken = new EventsRepo(db).verifyChain();
    if (broken !== null) bad.push(`event hash chain breaks at seq ${broken}`);

    const byId = db.prepare('SELECT number, service_id, business_date, value, cycle, state, counter_id FROM tickets WHERE id = ?');
    const issuedEvent = db.prepare(`SELECT 1 FROM events WHERE ticket_id = ? AND type = 'ticket:issued'`);
    for (const k of ledger.tickets.values()) {
      const row = byId.get(k.id) as
        | { number: string; service_id: string; business_date: string; value: number; cycle: number; state: string; counter_id: string | null }
        | undefined;
      if (!row) {
        bad.push(`acknowledged ticket ${k.number} (${k.serviceId}, ${k.id}) is not in the file`);
        continue;
      }
      if (row.number !== k.number || row.service_id !== k.serviceId || row.business_date !== k.businessDate || row.value !== k.value || row.cycle !== k.cycle) {
        bad.push(`ticket ${k.id} in the file is ${row.number}/${row.service_id}/${row.business_date}, acknowledged as ${k.number}/${k.serviceId}/${k.businessDate}`);
      }
      if (!(row.state in RANK) || RANK[row.state]! < RANK[k.acked]!) bad.push(`ticket ${k.number} (${k.serviceId}) is ${row.state} in the file, ${k.acked} was acknowledged`);
      if (k.acked !== 'waiting' && row.counter_id !== k.counterId) bad.push(`ticket ${k.number} (${k.serviceId}) is at ${row.counter_id} in the file, acknowledged at ${k.counterId}`);
      if (!issuedEvent.get(k.id)) bad.push(`ticket ${k.number} (${k.serviceId}) has no ticket:issued event`);
    }
    const tickets = (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    const events = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    return { bad, tickets, events };
  } finally {
    db.close();
  }
}

/** Tickets a kiosk got in `phase` must all come after every number acknowledged before it. */
export function checkResumed(ledger: Ledger, phase: number, before: Map<string, number>): string[] {
  const bad: string[] = [];
  for (const k of ledger.tickets.values()) {
    if (k.issuePhase !== phase) continue;
    const prev = before.get(seriesKey(k));
    if (prev !== undefined && order(k) <= prev) {
      bad.push(`phase ${phase}: ${k.serviceId} got ${k.number} (cycle ${k.cycle}), not after ${prev % 1_000_000} acknowledged before the crash`);
    }
  }
  return bad;
}
