// City scale-out (DESIGN §7), with real processes: its own redis-server, one office server and two
// public nodes (`--role public`). Residents on either node see each new waiting count once; with
// Redis stopped the office still issues tickets at once and serves its own feed, the nodes keep
// serving what they had (marked stale); once Redis is back the office publishes again by itself and
// both nodes carry on. A public node changes nothing and has no database, and no request or socket
// message, however malformed, makes it answer 5xx or stop (a seeded fast-check run). An office
// server that stops (kill -9) is marked out of date on the nodes once its heartbeats stop coming. Nothing sleeps: every wait
// is for an event, a line of output or a condition, with a timeout that fails the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { CLIENT_EVENTS, NAMESPACES, SERVER_EVENTS, type PublicStatus } from '@jiaohao/shared';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER_ENTRY = join(ROOT, 'server', 'src', 'server.ts');
const REDIS_SERVER = '/usr/bin/redis-server';
const START_TIMEOUT_MS = 30_000;
const WAIT_MS = 15_000;
const SERVICE = 'household';

const live = new Set<ChildProcess>();
const sockets: Socket[] = [];
const streams: AbortController[] = [];
let tmp = '';

afterAll(() => {
  for (const s of sockets) s.disconnect();
  for (const c of streams) c.abort();
  for (const child of live) child.kill('SIGKILL');
  live.clear();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------- processes

interface Proc {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output(): string;
}

/** Spawns a child and resolves once `ready` matches its output (stdout and stderr). */
function start(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ proc: Proc; match: RegExpExecArray }> {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => (live.delete(child), resolve(code))));
  const proc: Proc = { child, exited, output: () => out };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')}: not ready within ${START_TIMEOUT_MS} ms:\n${out}`)), START_TIMEOUT_MS);
    const keep = (chunk: Buffer) => {
      out = (out + chunk.toString('utf8')).slice(-20_000);
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ proc, match });
      }
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('error', (err) => (clearTimeout(timer), reject(err)));
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`${command} exited (${code}) before it was ready:\n${out}`))));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

async function startRedis(port: number): Promise<Proc> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmp];
  return (await start(REDIS_SERVER, args, process.env, /Ready to accept connections/)).proc;
}

const API_LINE = /^\s*API\s+(http:\/\/\S+\/api\/v1)\s*$/m;

async function startJiaohao(env: Record<string, string>, args: string[] = []): Promise<{ proc: Proc; base: string; origin: string }> {
  const { proc, match } = await start(
    process.execPath,
    ['--import', 'tsx', SERVER_ENTRY, ...args],
    // A heartbeat every second: an office silent for 3 s is out of date on the nodes (the last test).
    { ...process.env, PORT: '0', HOST: '127.0.0.1', JIAOHAO_RATE_LIMITS: 'off', LOG_LEVEL: 'warn', JIAOHAO_PUBLIC_HEARTBEAT_SECONDS: '1', ...env },
    API_LINE,
  );
  const base = match[1]!;
  return { proc, base, origin: base.replace(/\/api\/v1$/, '') };
}

// ---------------------------------------------------------------- clients

interface Reply<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
  readonly ms: number;
}

async function http<T>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (method !== 'GET') headers['content-type'] = 'application/json';
  const t0 = performance.now();
  const res = await fetch(base + path, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}), signal: AbortSignal.timeout(WAIT_MS) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers, ms: performance.now() - t0 };
}

/** Resolves once `check` holds, asking again every 50 ms; rejects after `ms` with `what`. */
async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = WAIT_MS): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const got = await check();
      if (got !== undefined && got !== false) return got;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms${last ? ` (${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const waitingOf = (status: PublicStatus) => status.services.find((s) => s.id === SERVICE)?.waiting ?? -1;

/** Every status a client was sent, and a way to wait for one that fits. */
class Watcher {
  readonly seen: PublicStatus[] = [];
  private readonly waiters = new Set<() => void>();
  add(status: PublicStatus): void {
    this.seen.push(status);
    for (const w of this.waiters) w();
  }
  waitFor(what: string, test: (s: PublicStatus) => boolean, ms = WAIT_MS): Promise<PublicStatus> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.seen.find(test);
        if (!found) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${what}: not within ${ms} ms (seen waiting ${this.seen.map(waitingOf).join(', ')})`));
      }, ms);
      this.waiters.add(check);
      check();
    });
  }
}

/** A /public socket on a node, for one office; resolves once its snapshot came. */
async function publicSocket(origin: string, office: string): Promise<{ socket: Socket; statuses: Watcher }> {
  const socket = io(`${origin}${NAMESPACES.public}`, { transports: ['websocket'], forceNew: true, reconnection: true, query: { office } });
  sockets.push(socket);
  const statuses = new Watcher();
  socket.on(SERVER_EVENTS.publicStatus, (s: PublicStatus) => statuses.add(s));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no snapshot on /public')), WAIT_MS);
    socket.once(SERVER_EVENTS.snapshot, (s: PublicStatus) => {
      clearTimeout(timer);
      statuses.add(s);
      resolve();
    });
    socket.once('connect_error', (err) => (clearTimeout(timer), reject(err)));
  });
  return { socket, statuses };
}

/** An SSE reader of /public/events: every status event it is sent. */
async function sse(base: string, office: string): Promise<Watcher> {
  const controller = new AbortController();
  streams.push(controller);
  const res = await fetch(`${base}/public/events?office=${encodeURIComponent(office)}`, { signal: controller.signal });
  expect(res.status).toBe(200);
  const statuses = new Watcher();
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(message);
        if (/^event: status$/m.test(message) && data) statuses.add(JSON.parse(data[1]!) as PublicStatus);
      }
    }
  })();
  await statuses.waitFor('the first SSE status', () => true);
  return statuses;
}

// ---------------------------------------------------------------- the test

describe('city scale-out: one office, Redis, two public nodes', () => {
  let redisPort = 0;
  let redis: Proc;
  let office: { base: string; proc: Proc };
  let nodes: { base: string; origin: string; dbPath: string }[] = [];
  let kiosk = '';
  let officeId = '';

  beforeAll(async () => {
    // Not skipped when missing: the scale-out is part of the product (apt-get install redis-server).
    expect(existsSync(REDIS_SERVER), `${REDIS_SERVER} (Debian package redis-server) is needed for this test`).toBe(true);
    tmp = mkdtempSync(join(tmpdir(), 'jiaohao-scale-'));
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const password = 'scale-out-admin-password';
    office = await startJiaohao({ JIAOHAO_DB: join(tmp, 'office.db'), JIAOHAO_ADMIN_PASSWORD: password, REDIS_URL: redisUrl });
    nodes = await Promise.all(
      [1, 2].map(async (n) => {
        const dbPath = join(tmp, `node-${n}.db`);
        const node = await startJiaohao({ JIAOHAO_DB: dbPath, REDIS_URL: redisUrl }, ['--role', 'public']);
        return { ...node, dbPath };
      }),
    );
    const login = await http<{ token: string }>(office.base, 'POST', '/auth/login', undefined, { username: 'admin', password });
    expect(login.status).toBe(200);
    const device = await http<{ token: string }>(office.base, 'POST', '/devices', login.body.token, { kind: 'kiosk', name: 'Scale-out kiosk' });
    expect(device.status).toBe(201);
    kiosk = device.body.token;
    officeId = (await http<PublicStatus>(office.base, 'GET', '/public/status')).body.office.id;
  }, 90_000);

  const issue = async () => {
    const res = await http<{ ticket: { number: string } }>(office.base, 'POST', '/tickets', kiosk, { serviceId: SERVICE });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res;
  };

  it('shows each change on both nodes, keeps the office going without Redis, and carries on once Redis is back', async () => {
    // Both nodes have read the office from Redis (it publishes once connected).
    for (const node of nodes) {
      await until('the node knows the office', async () => (await http<PublicStatus>(node.base, 'GET', `/public/status?office=${officeId}`)).status === 200);
    }
    const [a, b] = await Promise.all(nodes.map((n) => publicSocket(n.origin, officeId)));
    const stream = await sse(nodes[1]!.base, officeId);
    const before = waitingOf(a!.statuses.seen[0]!);
    expect(before).toBeGreaterThanOrEqual(0);

    // 1. A ticket at the office: both nodes' sockets and the SSE reader see the new count.
    await issue();
    await Promise.all([a!.statuses, b!.statuses, stream].map((w) => w.waitFor('waiting +1 on a node', (s) => waitingOf(s) === before + 1)));
    // The feeds on the node are the office's, byte for byte (same ETag), with the office left out or given.
    const fromOffice = await http<PublicStatus>(office.base, 'GET', '/public/status');
    const fromNode = await http<PublicStatus>(nodes[0]!.base, 'GET', '/public/status');
    expect(fromNode.headers.get('etag')).toBe(fromOffice.headers.get('etag'));
    expect(fromNode.body).toEqual(fromOffice.body);
    expect((await http(nodes[0]!.base, 'GET', '/public/townpass')).status).toBe(200);
    expect((await http(nodes[0]!.base, 'GET', `/public/queue-monitor?office=${officeId}`)).status).toBe(200);
    const unknown = await http<{ error: { code: string; message: string } }>(nodes[0]!.base, 'GET', '/public/status?office=nowhere');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');

    // 2. Redis stops: the office issues at once and serves its own feed; the nodes serve what they had, marked stale.
    redis.child.kill('SIGTERM');
    await redis.exited;
    const during = await issue();
    expect(during.ms, 'an issue with Redis down').toBeLessThan(2_000);
    const own = await http<PublicStatus>(office.base, 'GET', '/public/status');
    expect(own.status).toBe(200);
    expect(waitingOf(own.body)).toBe(before + 2);
    for (const node of nodes) {
      await until('the node notices Redis is gone', async () => (await http<{ redis: string }>(node.base, 'GET', '/health')).body.redis === 'down');
      const stale = await http<PublicStatus>(node.base, 'GET', '/public/status');
      expect(stale.status).toBe(200);
      expect(waitingOf(stale.body)).toBe(before + 1);
      expect(stale.headers.get('jiaohao-stale-since')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }

    // 3. Redis is back, empty, on the same port: the office publishes again by itself (the count
    // issued meanwhile reaches both nodes with no new command), then the next change as usual.
    const restartedAt = new Date().toISOString();
    redis = await startRedis(redisPort);
    await Promise.all([a!.statuses, b!.statuses, stream].map((w) => w.waitFor('the count from while Redis was down', (s) => waitingOf(s) === before + 2)));
    for (const node of nodes) {
      await until('the office republished', async () => {
        const list = await http<{ offices: { id: string; publishedAt: string; staleSince: string | null }[] }>(node.base, 'GET', '/public/offices');
        const entry = list.body.offices.find((o) => o.id === officeId);
        return entry !== undefined && entry.publishedAt >= restartedAt.slice(0, 19) && entry.staleSince === null;
      });
      expect((await http(node.base, 'GET', '/public/status')).headers.get('jiaohao-stale-since')).toBeNull();
    }
    await issue();
    await Promise.all([a!.statuses, b!.statuses, stream].map((w) => w.waitFor('waiting +3 after Redis came back', (s) => waitingOf(s) === before + 3)));

    // Each client was sent each change once: never the same status twice in a row, never an older one after a newer.
    for (const w of [a!.statuses, b!.statuses, stream]) {
      const seqs = w.seen.map((s) => s.seq);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]!, `seqs seen ${seqs.join(',')}`).toBeGreaterThan(seqs[i - 1]!);
    }
  }, 90_000);

  it('a public node changes nothing, follows no e-ticket and has no database', async () => {
    const node = nodes[0]!;
    for (const [method, path] of [
      ['POST', '/tickets'],
      ['POST', '/auth/login'],
      ['POST', '/counters/counter-2/call-next'],
    ] as const) {
      const res = await http<{ error: { code: string } }>(node.base, method, path, kiosk, {});
      expect([404, 405], `${method} ${path}`).toContain(res.status);
      expect(res.body.error.code).toBe('not_found');
    }
    const { socket } = await publicSocket(node.origin, officeId);
    const follow = (await socket.timeout(WAIT_MS).emitWithAck(CLIENT_EVENTS.ticketFollow, { token: 'a'.repeat(22) })) as { ok: boolean; error?: { code: string; message: string } };
    expect(follow.ok).toBe(false);
    expect(follow.error?.code).toBe('forbidden');
    expect(follow.error?.message).toMatch(/office server/);
    // Another namespace does not exist there.
    const staff = io(`${node.origin}${NAMESPACES.staff}`, { transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(staff);
    await expect(new Promise((resolve, reject) => (staff.once('connect', () => resolve('connected')), staff.once('connect_error', reject)))).rejects.toThrow();
    for (const n of nodes) expect(existsSync(n.dbPath), n.dbPath).toBe(false);

    const health = await http<{ status: string; role: string; offices: number }>(node.base, 'GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok', role: 'public', offices: 1 });
    // The city page: a real table, served with JavaScript off.
    const page = await fetch(`${node.origin}/city`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toMatch(/<html lang="zh-TW">/);
    expect(html).toMatch(/<th scope="col">/);
    expect(html).toMatch(/<th scope="rowgroup"/);
  });
  it('no request or socket message, however malformed, makes a public node answer 5xx, ack `internal` or stop', async () => {
    const node = nodes[0]!;
    const seed = Number(process.env.JIAOHAO_FUZZ_SEED ?? 20_261_203);
    const paths = ['/api/v1/public/status', '/api/v1/public/townpass', '/api/v1/public/queue-monitor', '/api/v1/public/offices', '/api/v1/public/events', '/api/v1/health', '/api/v1/public/tickets/x', '/city', '/city/rows', '/city.js', '/', '/docs', '/api/v1/tickets'];
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('__proto__', 'constructor', '%', '%zz', '..', '\u0000', 'a'.repeat(3000)), fc.constant(officeId));
    const request = fc.record({
      method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
      path: fc.oneof(fc.constantFrom(...paths), fc.tuple(fc.constantFrom(...paths), fc.string({ maxLength: 30 })).map(([p, tail]) => p + '/' + encodeURIComponent(tail))),
      query: fc.array(fc.tuple(fc.constantFrom('office', 'lang', 'since', 'office[]', '__proto__', 'x'), text), { maxLength: 3 }),
      ifNoneMatch: fc.option(fc.oneof(fc.constant('*'), fc.string({ maxLength: 30 }).map((t) => t.replace(/[^\x20-\x7e]/g, ''))), { nil: undefined }),
      body: fc.option(fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 50 })), { nil: undefined }),
    });
    const refusals: string[] = [];
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const qs = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const url = `${node.origin}${r.path}${qs ? `?${qs}` : ''}`;
        const headers: Record<string, string> = {};
        if (r.ifNoneMatch !== undefined) headers['if-none-match'] = r.ifNoneMatch;
        if (r.body !== undefined) headers['content-type'] = 'application/json';
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), WAIT_MS);
        try {
          const hasBody = r.body !== undefined && !['GET', 'HEAD'].includes(r.method);
          const res = await fetch(url, { method: r.method, headers, body: hasBody ? r.body : undefined, signal: controller.signal });
          const label = `${r.method} ${url.slice(0, 200)} → ${res.status}`;
          expect(res.status, label).toBeLessThan(500);
          // An event stream is left after its head; any other answer is read to its end.
          const type = res.headers.get('content-type') ?? '';
          if (type.startsWith('text/event-stream')) return;
          const body = await res.text();
          if (res.status >= 400 && r.method !== 'HEAD') {
            const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
            expect([typeof error?.code, typeof error?.message], `${label}: ${body.slice(0, 200)}`).toEqual(['string', 'string']);
            refusals.push(String(error?.code));
          }
        } finally {
          clearTimeout(timer);
          controller.abort();
        }
      }),
      { seed, numRuns: 300 },
    );
    // Something was refused, with the error shape: the run reached past the happy paths.
    expect(new Set(refusals)).toContain('not_found');

    // The socket side: any handshake query, any event name and payload, with or without an ack.
    const handshake = fc.record({ office: fc.option(text, { nil: undefined }), extra: fc.option(text, { nil: undefined }) });
    const message = fc.record({
      name: fc.oneof(fc.constantFrom(...Object.values(CLIENT_EVENTS)), fc.string({ maxLength: 20 })),
      args: fc.array(fc.oneof(fc.json({ maxDepth: 2 }).map((j) => JSON.parse(j) as unknown), fc.constant(null), fc.string({ maxLength: 30 })), { maxLength: 3 }),
      ack: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(handshake, fc.array(message, { minLength: 1, maxLength: 4 }), async (h, messages) => {
        const query: Record<string, string> = {};
        if (h.office !== undefined) query.office = h.office;
        if (h.extra !== undefined) query.extra = h.extra;
        const socket = io(`${node.origin}${NAMESPACES.public}`, { transports: ['websocket'], forceNew: true, reconnection: false, query });
        sockets.push(socket);
        try {
          const connected = await new Promise<boolean>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('neither connect nor connect_error')), WAIT_MS);
            socket.once('connect', () => (clearTimeout(timer), resolve(true)));
            socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
              clearTimeout(timer);
              // A refused handshake says why, in the error shape, never `internal`.
              expect(err.data?.code, err.message).toEqual(expect.any(String));
              expect(err.data?.code).not.toBe('internal');
              resolve(false);
            });
          });
          if (!connected) return;
          for (const m of messages) {
            // The two messages /public answers; any other is ignored there (no ack to wait for).
            const answered = m.name === CLIENT_EVENTS.publicStatus || m.name === CLIENT_EVENTS.ticketFollow;
            if (m.ack && answered) {
              const ack = (await socket.timeout(WAIT_MS).emitWithAck(m.name, ...m.args)) as { ok?: unknown; error?: { code?: unknown } };
              expect(typeof ack.ok, JSON.stringify(ack)).toBe('boolean');
              if (ack.ok === false) expect(ack.error?.code).not.toBe('internal');
            } else {
              socket.emit(m.name, ...m.args);
            }
          }
          // Still answered after whatever came before.
          const status = (await socket.timeout(WAIT_MS).emitWithAck(CLIENT_EVENTS.publicStatus)) as { ok: boolean };
          expect(status.ok).toBe(true);
        } finally {
          socket.disconnect();
        }
      }),
      { seed, numRuns: 60 },
    );

    // The node is still up and still serves the office.
    const health = await http<{ status: string }>(node.base, 'GET', '/health');
    expect(health.body.status).toBe('ok');
    expect((await http<PublicStatus>(node.base, 'GET', `/public/status?office=${officeId}`)).status).toBe(200);
  }, 120_000);
  // Last: it stops the office.
  it('an office server killed outright is marked out of date on every node once its heartbeats stop', async () => {
    for (const node of nodes) {
      const fresh = await http<PublicStatus>(node.base, 'GET', `/public/status?office=${officeId}`);
      expect(fresh.headers.get('jiaohao-stale-since')).toBeNull();
    }
    const killedAt = new Date().toISOString();
    office.proc.child.kill('SIGKILL');
    await office.proc.exited;
    for (const node of nodes) {
      const since = await until('the node marks the silent office', async () => {
        const res = await http<PublicStatus>(node.base, 'GET', `/public/status?office=${officeId}`);
        return res.status === 200 ? (res.headers.get('jiaohao-stale-since') ?? undefined) : undefined;
      });
      // Since it was last heard from: before the kill, within a few heartbeats of it.
      expect(since <= killedAt, `${since} after the kill at ${killedAt}`).toBe(true);
      expect(Date.parse(killedAt) - Date.parse(since)).toBeLessThan(5_000);
      const list = await http<{ offices: { id: string; staleSince: string | null }[] }>(node.base, 'GET', '/public/offices');
      expect(list.body.offices.find((o) => o.id === officeId)?.staleSince).toBe(since);
      expect(await (await fetch(`${node.origin}/city`)).text()).toContain('可能不是最新');
      // The node itself is fine: Redis is up.
      expect((await http<{ redis: string }>(node.base, 'GET', '/health')).body.redis).toBe('up');
    }
  });
});
