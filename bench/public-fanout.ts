// Figures 4–8: the office at a busy-office load with the public connected, against the bare stack
// doing the same I/O (bench/bare-child.ts).
//   4. public status requests/s: GET /api/v1/public/status on keep-alive connections, from one load
//      process, vs a bare Fastify route returning a constant JSON body of the same byte size;
//   5. call-next → ticket:called at every display, at `counters` counters calling `callsPerSecond` in all, with
//      `displays` /display sockets (in this process) while `publicSockets` /public Socket.IO clients and
//      `sseClients` SSE clients (spread over `loaders` load processes) are connected; and call-next →
//      the last public socket / SSE client holding a status with that call's seq;
//   6. all public sockets reconnecting at once: time until each has a snapshot with the current seq;
//   7. server RSS at that load (/proc/<pid>/status of the server child).
// Then 4–7 once more as a city runs it (cityFanout): the office publishing to Redis and every public
// client on a public node, so the office's loop no longer carries the public fan-out.
// Timestamps are nowAbs() (wall-clock ms), shared by the processes of the machine.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { CallNextResult, TicketResult } from '@jiaohao/shared';
import {
  Arrivals,
  expectStatus,
  HttpClient,
  latency,
  nowAbs,
  pool,
  processCpuMs,
  processMemory,
  startReadyChild,
  startRedisServer,
  startServerChild,
  type Latency,
  type ReadyChild,
} from './common';
import type { LoadReply, LoadRequest, PushRecord } from './load-protocol';
import { BENCH_SERVICE_IDS, counterId } from './setup';

export interface FanoutOptions {
  readonly counters: number;
  readonly displays: number;
  readonly publicSockets: number;
  readonly sseClients: number;
  /** Load-generator processes the public clients are spread over. */
  readonly loaders: number;
  readonly warmupCalls: number;
  readonly calls: number;
  /** Calls started per second in all, spread over the counters (open loop: a counter that is still busy is skipped). */
  readonly callsPerSecond: number;
  /** Public status load: keep-alive connections (one load process) and seconds per side. */
  readonly statusConnections: number;
  readonly statusSeconds: number;
  /** Write a CPU profile of the server child during the calls (BENCH_CPU_PROF=1). */
  readonly cpuProfile: boolean;
}

export interface LoaderUse {
  /** CPU of the busiest / of all load processes during the calls, % of one core. */
  readonly maxCpuPct: number;
  readonly sumCpuPct: number;
  /** Worst event-loop delay p99 / max of a load process, ms. */
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
}

export interface RealtimeResult {
  /** Calls per second achieved (below callsPerSecond when every counter was still busy). */
  readonly achievedPerSecond: number;
  readonly connectMs: number;
  readonly connectFailed: number;
  readonly allDisplays: Latency;
  readonly firstDisplay: Latency;
  readonly httpResponse: Latency;
  /** Call → the last public socket / SSE client that got a status with the call's seq. */
  readonly lastSocket: Latency;
  readonly lastSse: Latency;
  /** Calls whose update some client never received (should be 0), over public sockets + SSE. */
  readonly missedCalls: number;
  /** /public sockets disconnected during the calls (should be 0). */
  readonly disconnects: number;
  readonly pushes: number;
  readonly reconnectMs: number;
  readonly reconnectOk: number;
  readonly reconnectTotal: number;
  readonly rssMiB: number;
  readonly peakMiB: number;
  /** Server child CPU during the calls, % of one core. */
  readonly serverCpuPct: number;
  /** The public node's RSS at that load and its CPU during the calls (NaN when the public clients were on the office server). */
  readonly nodeRssMiB: number;
  readonly nodeCpuPct: number;
  readonly loaders: LoaderUse;
  /** Bytes of one ticket:called event as a display received it (JSON). */
  readonly calledBytes: number;
}

export interface StatusResult {
  readonly perSecond: number;
  readonly bodyBytes: number;
  readonly errors: number;
  readonly loaderCpuPct: number;
  readonly serverCpuPct: number;
}

/** The city set-up: the office server publishing to Redis, the public clients on a public node. */
export type CityResult = { readonly status: StatusResult; readonly realtime: RealtimeResult } | { readonly skipped: string };

export interface FanoutResult {
  readonly project: { readonly status: StatusResult; readonly realtime: RealtimeResult; readonly profile: { readonly status: string; readonly calls: string } | null };
  readonly city: CityResult;
  readonly bare: { readonly status: StatusResult; readonly realtime: RealtimeResult };
}

const API = '/api/v1';
const ARRIVAL_TIMEOUT_MS = 15_000;

/** The load processes, and a request/reply call over each one's IPC channel. */
class Loaders {
  private nextId = 1;
  private readonly waiting = new Map<number, (r: LoadReply) => void>();

  private constructor(private readonly children: ReadyChild<{ pid: number }>[]) {
    for (const c of children) {
      c.process.on('message', (r: LoadReply) => {
        this.waiting.get(r.id)?.(r);
        this.waiting.delete(r.id);
      });
    }
  }

  static async start(n: number): Promise<Loaders> {
    return new Loaders(await Promise.all(Array.from({ length: n }, () => startReadyChild<{ pid: number }>('./load-child.ts', [], { ipc: true }))));
  }

  get size(): number {
    return this.children.length;
  }

  ask<R extends LoadReply>(i: number, req: DistributiveOmit<LoadRequest, 'id'>): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.waiting.set(id, (r) => {
        if (r.op === 'done' && r.error) reject(new Error(`load process: ${r.error}`));
        else resolve(r as R);
      });
      this.children[i]!.process.send({ ...req, id } as LoadRequest);
    });
  }

  all<R extends LoadReply>(req: (i: number) => DistributiveOmit<LoadRequest, 'id'>): Promise<R[]> {
    return Promise.all(this.children.map((_, i) => this.ask<R>(i, req(i))));
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((c) => c.stop()));
  }
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `total` cycles at `perSecond` in all (open loop), each on an idle counter, taking the
 * counters in turn; when every counter is busy the next start waits for one (the server is behind).
 */
async function paced(counters: number, total: number, perSecond: number, fn: (i: number, worker: number) => Promise<void>): Promise<void> {
  const idle = Array.from({ length: counters }, (_, i) => i);
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  // The first failure, thrown once the cycles in flight have settled (none is left unhandled).
  let failure: { err: unknown } | null = null;
  for (let i = 0; i < total && !failure; i++) {
    const wait = start + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    while (idle.length === 0) await Promise.race(inFlight);
    const worker = idle.shift()!;
    const run: Promise<void> = fn(i, worker)
      .catch((err: unknown) => {
        failure ??= { err };
      })
      .finally(() => {
        inFlight.delete(run);
        idle.push(worker);
      });
    inFlight.add(run);
  }
  await Promise.all(inFlight);
  if (failure) throw (failure as { err: unknown }).err;
}

/** The tickets the calls will call, issued at the office through a kiosk: warm-up and measured calls, and some left over. */
async function issueAhead(info: { port: number; kioskToken: string }, o: FanoutOptions): Promise<number> {
  const http = new HttpClient(info.port, o.counters);
  const issues = o.warmupCalls + o.calls + 50;
  try {
    await pool(o.counters, issues, async (i) => {
      expectStatus(await http.post(`${API}/tickets`, info.kioskToken, { serviceId: BENCH_SERVICE_IDS[i % 2] }), 201, 'issue ticket');
    });
  } finally {
    http.close();
  }
  return issues;
}

/** A server that only answers the status load (a bare child, a public node): no tokens, no counters. */
const statusTarget = (info: { pid: number; port: number }): Target => ({ ...info, adminToken: '', displayTokens: [], counterIds: [] });

/** Splits `total` into `parts` near-equal shares. */
const share = (total: number, parts: number, i: number) => Math.floor(total / parts) + (i < total % parts ? 1 : 0);

interface Target {
  readonly pid: number;
  readonly port: number;
  /** Where the public clients connect, when not to `port`: a public node. */
  readonly publicNode?: { readonly pid: number; readonly port: number };
  readonly adminToken: string;
  readonly displayTokens: readonly string[];
  readonly counterIds: readonly string[];
}

/** Asks the server child for a CPU profile of what runs between start() and stop() (server-child.ts). */
function profilerOf(child: ReadyChild<unknown>, file: string) {
  return {
    file,
    start: () => child.process.stdin!.write('profile-start\n'),
    stop: async () => {
      const written = new Promise<void>((resolve) => child.onLine((line) => line.startsWith('BENCH_PROFILE ') && resolve()));
      child.process.stdin!.write(`profile-stop ${file}\n`);
      await written;
    },
  };
}
type Profiler = ReturnType<typeof profilerOf>;

async function statusLoad(loaders: Loaders, target: Target, o: FanoutOptions, profiler: Profiler | null = null): Promise<StatusResult> {
  profiler?.start();
  const cpu0 = processCpuMs(target.pid);
  const t0 = performance.now();
  const r = await loaders.ask<Extract<LoadReply, { op: 'http-load' }>>(0, {
    op: 'http-load',
    port: target.port,
    path: `${API}/public/status`,
    connections: o.statusConnections,
    ms: o.statusSeconds * 1000,
  });
  const wall = performance.now() - t0;
  await profiler?.stop();
  return {
    perSecond: r.requests / (r.wallMs / 1000),
    bodyBytes: r.bodyBytes,
    errors: r.errors,
    loaderCpuPct: (100 * r.cpuMs) / r.wallMs,
    serverCpuPct: (100 * (processCpuMs(target.pid) - cpu0)) / wall,
  };
}

/** Per seq, merged over the load processes. */
function mergePushes(lists: readonly PushRecord[][]): PushRecord[] {
  const m = new Map<number, PushRecord>();
  for (const list of lists) {
    for (const [seq, count, first, last] of list) {
      const r = m.get(seq);
      m.set(seq, r ? [seq, r[1] + count, Math.min(r[2], first), Math.max(r[3], last)] : [seq, count, first, last]);
    }
  }
  return [...m.values()].sort((a, b) => a[0] - b[0]);
}

/** For each call (when it started): until the last client of every load process first held a status with its seq or later. */
function callToLast(calls: readonly { t0: number }[], lasts: readonly number[][]): number[] {
  return calls.map((c, i) => Math.max(...lasts.map((l) => l[i]!)) - c.t0);
}

async function realtime(loaders: Loaders, target: Target, o: FanoutOptions, profiler: Profiler | null): Promise<RealtimeResult> {
  const client = new HttpClient(target.port, o.counters);
  const displays: Socket[] = [];
  try {
    // ticket id → when each display had its ticket:called; the call's seq.
    const arrivals = new Arrivals(o.displays, ARRIVAL_TIMEOUT_MS);
    const seqOf = new Map<string, number>();
    let calledBytes = 0;
    const onCalled = (e: { seq: number; data: { ticket: { id: string } } }) => {
      const now = nowAbs();
      if (calledBytes === 0) calledBytes = Buffer.byteLength(JSON.stringify(e));
      seqOf.set(e.data.ticket.id, e.seq);
      arrivals.record(e.data.ticket.id, now);
    };

    await Promise.all(
      target.displayTokens.map(
        (token) =>
          new Promise<void>((resolve, reject) => {
            const socket = io(`http://127.0.0.1:${target.port}/display`, { forceNew: true, transports: ['websocket'], reconnection: false, auth: { token } });
            displays.push(socket);
            socket.on('ticket:called', onCalled);
            socket.once('snapshot', () => resolve());
            socket.once('connect_error', (err) => reject(new Error(`display could not connect: ${err.message}`)));
          }),
      ),
    );

    const connectStart = performance.now();
    const connected = await loaders.all<Extract<LoadReply, { op: 'done' }>>((i) => ({
      op: 'connect',
      port: target.publicNode?.port ?? target.port,
      sockets: share(o.publicSockets, loaders.size, i),
      sse: share(o.sseClients, loaders.size, i),
      batch: 50,
    }));
    const connectMs = performance.now() - connectStart;
    const connectFailed = connected.reduce((n, r) => n + r.failed, 0);

    const all: number[] = [];
    const first: number[] = [];
    const response: number[] = [];
    const calls: { t0: number; seq: number }[] = [];
    const callOnce = async (_i: number, worker: number) => {
      const counter = target.counterIds[worker]!;
      const t0 = nowAbs();
      const res = await client.post<CallNextResult>(`${API}/counters/${counter}/call-next`, target.adminToken);
      const tResponse = nowAbs();
      const ticket = expectStatus(res, 200, 'call-next').ticket;
      if (!ticket) throw new Error('call-next found nobody waiting');
      const times = await arrivals.all(ticket.id);
      all.push(Math.max(...times) - t0);
      first.push(Math.min(...times) - t0);
      response.push(tResponse - t0);
      calls.push({ t0, seq: seqOf.get(ticket.id)! });
      seqOf.delete(ticket.id);
      expectStatus(await client.post<TicketResult>(`${API}/tickets/${ticket.id}/start`, target.adminToken), 200, 'start');
      expectStatus(await client.post<TicketResult>(`${API}/tickets/${ticket.id}/finish`, target.adminToken), 200, 'finish');
    };
    await paced(o.counters, o.warmupCalls, o.callsPerSecond, callOnce);
    for (const a of [all, first, response, calls]) a.length = 0;
    await loaders.all(() => ({ op: 'reset' }));

    profiler?.start();
    const cpu0 = processCpuMs(target.pid);
    const nodeCpu0 = target.publicNode ? processCpuMs(target.publicNode.pid) : NaN;
    const started = performance.now();
    await paced(o.counters, o.calls, o.callsPerSecond, callOnce);
    const seconds = (performance.now() - started) / 1000;
    const serverCpuPct = (100 * (processCpuMs(target.pid) - cpu0)) / (seconds * 1000);
    // At the load: every client still connected, the last push maybe in flight.
    const memory = processMemory(target.pid);
    const nodeRssMiB = target.publicNode ? processMemory(target.publicNode.pid).rssMiB : NaN;
    const nodeCpuPct = target.publicNode ? (100 * (processCpuMs(target.publicNode.pid) - nodeCpu0)) / (seconds * 1000) : NaN;
    await profiler?.stop();
    // The last call's public push goes out at most 250 ms after it.
    await new Promise((r) => setTimeout(r, 800));
    const reports = await loaders.all<Extract<LoadReply, { op: 'report' }>>(() => ({ op: 'report', callSeqs: calls.map((c) => c.seq) }));
    const socketPushes = mergePushes(reports.map((r) => r.sockets));
    const missedCalls = calls.filter((_, i) => reports.some((r) => r.socketMissing[i]! > 0 || r.sseMissing[i]! > 0)).length;
    const cpus = reports.map((r) => (100 * r.cpuMs) / r.wallMs);

    // The storm: every public socket closes and opens at once; done when each has the current seq.
    const seq = await statusSeq(target.port);
    const stormStart = nowAbs();
    const storm = await loaders.all<Extract<LoadReply, { op: 'reconnected' }>>(() => ({ op: 'reconnect', seq }));

    await loaders.all(() => ({ op: 'close' }));
    return {
      connectMs,
      connectFailed,
      achievedPerSecond: o.calls / seconds,
      allDisplays: latency(all),
      firstDisplay: latency(first),
      httpResponse: latency(response),
      lastSocket: latency(callToLast(calls, reports.map((r) => r.socketLast))),
      lastSse: latency(callToLast(calls, reports.map((r) => r.sseLast))),
      missedCalls,
      disconnects: reports.reduce((n, r) => n + r.disconnects, 0),
      pushes: socketPushes.length,
      reconnectMs: Math.max(...storm.map((r) => r.last)) - stormStart,
      reconnectOk: storm.reduce((n, r) => n + r.ok, 0),
      reconnectTotal: storm.reduce((n, r) => n + r.total, 0),
      rssMiB: memory.rssMiB,
      peakMiB: memory.peakMiB,
      serverCpuPct,
      nodeRssMiB,
      nodeCpuPct,
      loaders: {
        maxCpuPct: Math.max(...cpus),
        sumCpuPct: cpus.reduce((a, b) => a + b, 0),
        lagP99Ms: Math.max(...reports.map((r) => r.lagP99Ms)),
        lagMaxMs: Math.max(...reports.map((r) => r.lagMaxMs)),
      },
      calledBytes,
    };
  } finally {
    for (const s of displays) s.disconnect();
    client.close();
  }
}

export async function publicFanout(o: FanoutOptions, progress: (msg: string) => void): Promise<FanoutResult> {
  const loaders = await Loaders.start(o.loaders);
  try {
    // --- the project
    const child = await startServerChild(o.counters, o.displays);
    const { info } = child;
    let projectStatus: StatusResult;
    let projectRealtime: RealtimeResult;
    let profile: { status: string; calls: string } | null = null;
    const dir = o.cpuProfile ? mkdtempSync(join(os.tmpdir(), 'jiaohao-cpuprof-')) : null;
    const profiles = dir ? { status: profilerOf(child, join(dir, 'office-status-load.cpuprofile')), calls: profilerOf(child, join(dir, 'office-calls.cpuprofile')) } : null;
    try {
      const issues = await issueAhead(info, o);
      progress(`      project: ${issues} tickets issued; public status load, ${o.statusConnections} connections × ${o.statusSeconds} s…`);
      projectStatus = await statusLoad(loaders, info, o, profiles?.status ?? null);
      progress(`      ${Math.round(projectStatus.perSecond)} req/s (${projectStatus.bodyBytes} B); ${o.publicSockets} sockets + ${o.sseClients} SSE on ${o.loaders} load processes, ${o.calls} calls…`);
      projectRealtime = await realtime(loaders, info, o, profiles?.calls ?? null);
      if (profiles) profile = { status: profiles.status.file, calls: profiles.calls.file };
    } finally {
      await child.stop();
    }

    // --- the city set-up: the same office publishing to Redis, every public client on a public node
    const city = await cityFanout(loaders, o, progress);

    // --- the bare stack, sized from what the project sent
    const bareHttp = await startReadyChild<{ pid: number; port: number }>('./bare-child.ts', ['http', String(projectStatus.bodyBytes)]);
    let bareStatus: StatusResult;
    try {
      progress('      bare Fastify: constant JSON of the same size…');
      bareStatus = await statusLoad(loaders, statusTarget(bareHttp.info), o);
    } finally {
      await bareHttp.stop();
    }
    const bareRt = await startReadyChild<{ pid: number; port: number }>('./bare-child.ts', ['realtime', String(projectRealtime.calledBytes), String(projectStatus.bodyBytes)]);
    let bareRealtime: RealtimeResult;
    try {
      progress(`      bare Socket.IO: ${projectRealtime.calledBytes} B ticket:called, ${projectStatus.bodyBytes} B status, same clients and calls…`);
      const target: Target = {
        ...bareRt.info,
        adminToken: '',
        displayTokens: Array.from({ length: o.displays }, () => ''),
        counterIds: Array.from({ length: o.counters }, (_, i) => counterId(i)),
      };
      bareRealtime = await realtime(loaders, target, o, null);
    } finally {
      await bareRt.stop();
    }
    return { project: { status: projectStatus, realtime: projectRealtime, profile }, city, bare: { status: bareStatus, realtime: bareRealtime } };
  } finally {
    await loaders.stop();
  }
}

/**
 * The office server as a city runs it (DESIGN §7): it publishes to a Redis of the bench's own, and
 * the public sockets and SSE clients are on one public node (`--role public`), so the office's own
 * loop serves only its counters and displays. The same calls and clients as the office-only run.
 */
async function cityFanout(loaders: Loaders, o: FanoutOptions, progress: (msg: string) => void): Promise<CityResult> {
  const redis = await startRedisServer();
  if (!redis) return { skipped: 'redis-server is not installed (scripts/setup.sh installs it)' };
  try {
    const env = { BENCH_REDIS_URL: redis.url };
    const office = await startServerChild(o.counters, o.displays, { env });
    try {
      const node = await startReadyChild<{ pid: number; port: number }>('./public-node-child.ts', [], { env });
      try {
        await issueAhead(office.info, o);
        // The node serves the office once it has heard the office's view with every ticket in it.
        const seq = await statusSeq(office.info.port);
        for (const deadline = Date.now() + 10_000; (await statusSeq(node.info.port).catch(() => 0)) < seq; await sleep(50)) {
          if (Date.now() > deadline) throw new Error(`the public node did not have the office's seq ${seq} within 10 s`);
        }
        progress(`      city set-up: office → Redis → public node; public status load on the node, ${o.statusConnections} connections × ${o.statusSeconds} s…`);
        const status = await statusLoad(loaders, statusTarget(node.info), o);
        progress(`      ${Math.round(status.perSecond)} req/s on the node; the same ${o.calls} calls with every public client on the node…`);
        return { status, realtime: await realtime(loaders, { ...office.info, publicNode: node.info }, o, null) };
      } finally {
        await node.stop();
      }
    } finally {
      await office.stop();
    }
  } finally {
    await redis.stop();
  }
}

/** The seq of the public status a server answers now (throws on anything but a 200). */
async function statusSeq(port: number): Promise<number> {
  const http = new HttpClient(port, 1);
  try {
    return (JSON.parse(expectStatus(await http.get(`${API}/public/status`), 200, 'public status')) as { seq: number }).seq;
  } finally {
    http.close();
  }
}
