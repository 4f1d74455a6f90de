// Shared bench helpers: the server child process, a keep-alive HTTP client, latency statistics,
// machine info and cleanup. No side effects on import (server-child.ts imports it too).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------
// The server child

export interface ChildInfo {
  readonly pid: number;
  readonly port: number;
  readonly adminToken: string;
  readonly kioskToken: string;
  readonly displayTokens: readonly string[];
  readonly counterIds: readonly string[];
  readonly journalMode: string;
  /** PRAGMA synchronous: 2 = FULL. */
  readonly synchronous: number;
}

export const READY_PREFIX = 'BENCH_READY ';

export type ServerChild = ReadyChild<ChildInfo>;

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD_SCRIPT = './server-child.ts';

/** Everything that must go when the bench ends, however it ends. */
const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();

export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Removes the dir, retrying briefly: a child that was just killed may still be closing its files. */
export function removeTempDir(dir: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
      return;
    } catch (err) {
      if (attempt >= 10) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

/** Kills the server children and removes every temp dir. Synchronous, so it also works from process.on('exit'). */
export function cleanupNow(): void {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  live.clear();
  for (const dir of [...tempDirs]) removeTempDir(dir);
}

export interface ChildOptions {
  /** Extra node flags (e.g. --cpu-prof). */
  readonly nodeArgs?: readonly string[];
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Opens an IPC channel (child.send / process.send). */
  readonly ipc?: boolean;
}

export interface ReadyChild<T> {
  readonly info: T;
  readonly process: ChildProcess;
  /** Calls `fn` with each line the child prints after its ready line. */
  onLine(fn: (line: string) => void): void;
  stop(): Promise<void>;
}

/**
 * Starts `script` (a bench/*.ts file) with `node --import tsx`, waits for its `BENCH_READY {json}`
 * line and returns that JSON. The child is killed by cleanupNow whatever happens; `dir` (if given)
 * is removed when it stops.
 */
export async function startReadyChild<T>(script: string, args: readonly string[], options: ChildOptions & { dir?: string } = {}): Promise<ReadyChild<T>> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    // stdin stays a pipe: when this process dies the child sees it close and stops itself.
    stdio: options.ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });

  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready after 30 s\n${stderr}`)), 30_000);
    lines.on('line', (line) => {
      if (!line.startsWith(READY_PREFIX)) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(READY_PREFIX.length)) as T);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}) before it was ready\n${stderr}`));
    });
  });

  return {
    info,
    process: child,
    onLine: (fn) => lines.on('line', fn),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        // A child writing a CPU profile may take a few seconds to exit.
        const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref());
        if ((await Promise.race([exited, timeout])) === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
      }
      live.delete(child);
      if (options.dir !== undefined) removeTempDir(options.dir);
    },
  };
}

export async function startServerChild(counters: number, displays = 0, options: ChildOptions = {}): Promise<ServerChild> {
  // Made here, not in the child, so it is removed even when the child is killed before it is ready.
  const dir = makeTempDir('jiaohao-bench-');
  return startReadyChild<ChildInfo>(CHILD_SCRIPT, [dir, String(counters), String(displays)], { ...options, dir });
}

/** A redis-server of the bench's own on a free loopback port (no persistence), or null when none is installed. */
export async function startRedisServer(): Promise<{ readonly url: string; readonly pid: number; stop(): Promise<void> } | null> {
  const port = await freePort();
  const dir = makeTempDir('jiaohao-bench-redis-');
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let out = '';
  const ready = await new Promise<boolean>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server not ready after 10 s\n${out}`)), 10_000);
    child.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ENOENT') resolve(false);
      else reject(err);
    });
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}) before it was ready\n${out}`));
    });
  });
  if (!ready) {
    live.delete(child);
    removeTempDir(dir);
    return null;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      live.delete(child);
      removeTempDir(dir);
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

/** Resident and peak memory of a process, from /proc/<pid>/status (Linux), in MiB; NaN elsewhere. */
export function processMemory(pid: number): { rssMiB: number; peakMiB: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    return { rssMiB: NaN, peakMiB: NaN };
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat; NaN elsewhere. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100;

// ---------------------------------------------------------------------------------------------
// HTTP

export interface HttpResult<T> {
  readonly status: number;
  readonly body: T;
}

/** A keep-alive client: `connections` sockets at most, reused between requests. */
export class HttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    connections: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  post<T>(path: string, token: string, body?: unknown): Promise<HttpResult<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return this.send('POST', path, headers, payload).then(({ status, text }) => ({ status, body: (text ? JSON.parse(text) : null) as T }));
  }

  /** A GET, the body as text. */
  get(path: string): Promise<HttpResult<string>> {
    return this.send('GET', path, {}, undefined).then(({ status, text }) => ({ status, body: text }));
  }

  /**
   * One request. A keep-alive socket the server closed just as it was reused (its idle timeout)
   * gives ECONNRESET before the request was read: that one is sent again on a new socket.
   */
  private send(method: string, path: string, headers: Record<string, string | number>, payload: string | undefined, retried = false): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (!retried && req.reusedSocket && err.code === 'ECONNRESET') resolve(this.send(method, path, headers, payload, true));
        else reject(err);
      });
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Wall-clock ms with sub-ms precision, comparable between the bench's processes on one machine. */
export const nowAbs = (): number => performance.timeOrigin + performance.now();

/** Throws with the response when the status is not the expected one. */
export function expectStatus<T>(res: HttpResult<T>, status: number, what: string): T {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Runs `fn(i)` for i = 0..total-1 on `concurrency` parallel loops. */
export async function pool(concurrency: number, total: number, fn: (i: number, worker: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < total) await fn(next++, worker);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Numbers

export interface Latency {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles, in ms. */
export function latency(samples: readonly number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
  return { n: s.length, p50: at(50), p99: at(99), max: s[s.length - 1] ?? NaN };
}

export interface Throughput {
  readonly commands: number;
  readonly seconds: number;
  readonly perSecond: number;
}

export function throughput(commands: number, ms: number): Throughput {
  return { commands, seconds: ms / 1000, perSecond: commands / (ms / 1000) };
}

export const fmtRate = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
export const fmtMs = (n: number): string => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '–');
export const fmtLat = (l: Latency): string => `${fmtMs(l.p50)} / ${fmtMs(l.p99)} ms`;

/** A plain-text table with left-aligned first column and right-aligned others. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function machineInfo(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  return [
    `node ${process.version} on ${os.platform()} ${os.release()} (${os.arch()})`,
    `CPUs: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}; RAM ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `loadavg 1/5/15 min: ${load}`,
  ].join('\n');
}

export const log = (msg: string): void => {
  process.stdout.write(`${msg}\n`);
};

/**
 * When each of `expected` displays got a call's ticket:called: `record` as each arrives, `all` to
 * wait for every one of them (rejects after `timeoutMs`: a display that never hears of a call).
 */
export class Arrivals {
  private readonly times = new Map<string, number[]>();
  private readonly waiters = new Map<string, () => void>();

  constructor(
    private readonly expected: number,
    private readonly timeoutMs: number,
  ) {}

  record(ticketId: string, at: number): void {
    const times = this.times.get(ticketId) ?? [];
    times.push(at);
    this.times.set(ticketId, times);
    if (times.length === this.expected) this.waiters.get(ticketId)?.();
  }

  all(ticketId: string): Promise<number[]> {
    return new Promise<number[]>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(ticketId);
        const times = this.times.get(ticketId)!;
        this.times.delete(ticketId);
        resolve(times);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(ticketId);
        reject(new Error(`only ${this.times.get(ticketId)?.length ?? 0}/${this.expected} displays got ticket ${ticketId} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      if ((this.times.get(ticketId)?.length ?? 0) >= this.expected) done();
      else this.waiters.set(ticketId, done);
    });
  }
}

/**
 * In a bench child: closes with `close` and exits on SIGTERM, SIGINT or its parent going away
 * (stdin closes), at most 5 s later whatever `close` does.
 */
export function exitWhenTold(close: () => Promise<unknown>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 5_000).unref();
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}
