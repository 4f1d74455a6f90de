// One load-generator process (started by bench/common.ts with `node --import tsx` and an IPC
// channel): holds its share of the /public Socket.IO clients and SSE clients of a server, records
// when each public push reached them, reconnects them all at once on request, or runs a keep-alive
// HTTP GET loop. Several of these share the clients so that no one process, and no one event loop,
// is the bottleneck (see LoadReply.cpuMs / lagP99Ms). Stops when its stdin or IPC channel closes.
import { connect as netConnect, type Socket as NetSocket } from 'node:net';
import { request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { nowAbs, READY_PREFIX } from './common';
import type { LoadReply, LoadRequest, PushRecord } from './load-protocol';

interface SeqStamp {
  readonly seq: number;
}

/** One client's pushes, in the order received (seq rising). */
class ClientPushes {
  readonly seqs: number[] = [];
  readonly times: number[] = [];
  /** When this client first held a status with seq ≥ `seq` (NaN: never). */
  firstAtLeast(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.seqs[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.seqs.length ? this.times[lo]! : NaN;
  }
}

/**
 * seq → [count, first, last], and each client's own pushes: the server may send a client that is
 * behind only the newest status (latest wins), so a call's update is the first status with a seq
 * at least the call's, whichever push that was for each client.
 */
class Pushes {
  private readonly bySeq = new Map<number, [number, number, number]>();
  private readonly clients: ClientPushes[] = [];
  client(): ClientPushes {
    const c = new ClientPushes();
    this.clients.push(c);
    return c;
  }
  add(seq: number, at: number, client: ClientPushes): void {
    client.seqs.push(seq);
    client.times.push(at);
    const r = this.bySeq.get(seq);
    if (!r) this.bySeq.set(seq, [1, at, at]);
    else {
      r[0] += 1;
      if (at > r[2]) r[2] = at;
    }
  }
  records(): PushRecord[] {
    return [...this.bySeq].map(([seq, [count, first, last]]) => [seq, count, first, last]);
  }
  /** Per call seq: the latest first-holding time over the clients, and how many clients never held it. */
  lastFor(callSeqs: readonly number[]): { last: number[]; missing: number[] } {
    const last: number[] = [];
    const missing: number[] = [];
    for (const seq of callSeqs) {
      let max = 0;
      let miss = 0;
      for (const c of this.clients) {
        const t = c.firstAtLeast(seq);
        if (Number.isNaN(t)) miss++;
        else if (t > max) max = t;
      }
      last.push(max);
      missing.push(miss);
    }
    return { last, missing };
  }
  clear(): void {
    this.bySeq.clear();
    for (const c of this.clients) {
      c.seqs.length = 0;
      c.times.length = 0;
    }
  }
  forget(): void {
    this.clear();
    this.clients.length = 0;
  }
}

const sockets: Socket[] = [];
const sseRequests: { destroy: () => void }[] = [];
const socketPushes = new Pushes();
const ssePushes = new Pushes();
const lag = monitorEventLoopDelay({ resolution: 10 });
let cpuAt = process.cpuUsage();
let wallAt = performance.now();
let disconnects = 0;

const send = (reply: LoadReply): void => {
  process.send?.(reply);
};

function openSocket(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = io(`http://127.0.0.1:${port}/public`, { forceNew: true, transports: ['websocket'], reconnection: true, timeout: 30_000 });
    sockets.push(socket);
    const mine = socketPushes.client();
    socket.on('public:status', (s: SeqStamp) => socketPushes.add(s.seq, nowAbs(), mine));
    socket.on('disconnect', () => {
      disconnects += 1;
    });
    socket.once('snapshot', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });
}

function openSse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    let buffer = '';
    let first = true;
    const mine = ssePushes.client();
    const req = request({ host: '127.0.0.1', port, path: '/api/v1/public/events', agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve(false);
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.includes('event: status')) continue;
          const id = /^id: (\d+)$/m.exec(block);
          if (!id) continue;
          // The first event is the state on connect; the pushes come after it.
          if (first) {
            first = false;
            resolve(true);
          } else ssePushes.add(Number(id[1]), nowAbs(), mine);
        }
      });
    });
    req.on('error', () => resolve(false));
    req.end();
    sseRequests.push(req);
  });
}

/** Runs `open` for `n` clients, `batch` at a time; resolves with how many failed. */
async function openMany(n: number, batch: number, open: () => Promise<boolean>): Promise<number> {
  let failed = 0;
  for (let i = 0; i < n; i += batch) {
    const results = await Promise.all(Array.from({ length: Math.min(batch, n - i) }, open));
    failed += results.filter((ok) => !ok).length;
  }
  return failed;
}

/** All sockets at once: disconnect, connect; resolves when each had a snapshot with seq ≥ `seq`. */
function reconnectAll(seq: number): Promise<{ last: number; ok: number }> {
  return new Promise((resolve) => {
    let ok = 0;
    let last = 0;
    const done = new Set<Socket>();
    const finish = () => {
      clearTimeout(timer);
      resolve({ last, ok });
    };
    const timer = setTimeout(finish, 60_000);
    for (const socket of sockets) {
      socket.removeAllListeners('snapshot');
      socket.on('snapshot', (s: SeqStamp) => {
        if (s.seq < seq || done.has(socket)) return;
        done.add(socket);
        ok += 1;
        last = nowAbs();
        if (ok === sockets.length) finish();
      });
    }
    for (const socket of sockets) socket.disconnect();
    for (const socket of sockets) socket.connect();
  });
}

/** A minimal keep-alive HTTP/1.1 GET loop per connection (lighter than node:http's client). */
function httpLoad(port: number, path: string, connections: number, ms: number): Promise<{ requests: number; errors: number; bodyBytes: number }> {
  const raw = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
  let requests = 0;
  let errors = 0;
  let bodyBytes = 0;
  const until = performance.now() + ms;
  const one = () =>
    new Promise<void>((resolve) => {
      const conn: NetSocket = netConnect(port, '127.0.0.1');
      conn.setNoDelay(true);
      let buf: Buffer = Buffer.alloc(0);
      const next = () => {
        if (performance.now() >= until) {
          conn.destroy();
          return resolve();
        }
        conn.write(raw);
      };
      conn.on('connect', next);
      conn.on('data', (chunk: Buffer) => {
        buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
        for (;;) {
          const headEnd = buf.indexOf('\r\n\r\n');
          if (headEnd < 0) return;
          const head = buf.subarray(0, headEnd).toString('latin1');
          const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
          if (!Number.isFinite(length)) {
            errors += 1;
            conn.destroy();
            return resolve();
          }
          if (buf.length < headEnd + 4 + length) return;
          if (head.startsWith('HTTP/1.1 200')) {
            requests += 1;
            bodyBytes = length;
          } else errors += 1;
          buf = buf.subarray(headEnd + 4 + length);
          next();
        }
      });
      conn.on('error', () => {
        errors += 1;
        resolve();
      });
    });
  return Promise.all(Array.from({ length: connections }, one)).then(() => ({ requests, errors, bodyBytes }));
}

async function handle(m: LoadRequest): Promise<void> {
  switch (m.op) {
    case 'connect': {
      const t0 = performance.now();
      const failed = (await openMany(m.sockets, m.batch, () => openSocket(m.port))) + (await openMany(m.sse, m.batch, () => openSse(m.port)));
      return send({ op: 'done', id: m.id, ms: performance.now() - t0, failed });
    }
    case 'reset':
      socketPushes.clear();
      ssePushes.clear();
      lag.reset();
      disconnects = 0;
      cpuAt = process.cpuUsage();
      wallAt = performance.now();
      return send({ op: 'done', id: m.id, ms: 0, failed: 0 });
    case 'report': {
      const cpu = process.cpuUsage(cpuAt);
      const sock = socketPushes.lastFor(m.callSeqs);
      const sse = ssePushes.lastFor(m.callSeqs);
      return send({
        op: 'report',
        id: m.id,
        sockets: socketPushes.records(),
        sse: ssePushes.records(),
        socketLast: sock.last,
        socketMissing: sock.missing,
        sseLast: sse.last,
        sseMissing: sse.missing,
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: performance.now() - wallAt,
        lagP99Ms: lag.percentile(99) / 1e6,
        lagMaxMs: lag.max / 1e6,
        disconnects,
      });
    }
    case 'reconnect': {
      const r = await reconnectAll(m.seq);
      return send({ op: 'reconnected', id: m.id, last: r.last, ok: r.ok, total: sockets.length });
    }
    case 'close':
      for (const s of sockets.splice(0)) s.disconnect();
      for (const r of sseRequests.splice(0)) r.destroy();
      socketPushes.forget();
      ssePushes.forget();
      return send({ op: 'done', id: m.id, ms: 0, failed: 0 });
    case 'http-load': {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await httpLoad(m.port, m.path, m.connections, m.ms);
      const cpu = process.cpuUsage(cpu0);
      return send({ op: 'http-load', id: m.id, ...r, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - t0 });
    }
  }
}

lag.enable();
process.on('message', (m: LoadRequest) => {
  handle(m).catch((err: unknown) => send({ op: 'done', id: m.id, ms: 0, failed: -1, error: String(err) }));
});
const stop = () => process.exit(0);
process.on('disconnect', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.stdout.write(`${READY_PREFIX}${JSON.stringify({ pid: process.pid })}\n`);
