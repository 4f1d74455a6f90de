// The connection timeouts against a real listening server: slow senders and idle kept-alive
// connections are cut; the long-lived answers (SSE, Socket.IO websocket and long-polling) are not.
// Every wait is on an event (the socket's 'close', a frame, an ack); the timeouts are small instead.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { CLIENT_EVENTS, NAMESPACES, SERVER_EVENTS, type PublicStatus } from '@jiaohao/shared';
import type { Config } from '../config';
import { testApp, type TestApp } from '../testing/fixtures';
import { send } from '../testing/http';

const SMALL = { requestTimeoutMs: 300, keepAliveTimeoutMs: 300, idleTimeoutMs: 300 } satisfies Partial<Config>;
// A missing timeout shows as a hang: fail well before vitest's own 30 s.
const WITHIN = { timeout: 10_000 };

let t: TestApp | null = null;
const clients: ClientSocket[] = [];
const rawSockets = new Set<net.Socket>();

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  // Only left open when a test failed; the server's close would wait for them.
  for (const s of rawSockets) s.destroy();
  rawSockets.clear();
  await t?.close();
  t = null;
});

async function listening(config: Partial<Config>): Promise<{ app: TestApp; port: number; base: string }> {
  const app = await testApp({ config });
  t = app;
  const base = await app.app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: Number(new URL(base).port), base };
}

/**
 * A raw client: sends `head`, then `drip` every 50 ms (a slow sender, when given) until the server
 * closes the connection; resolves with everything the server answered.
 */
function rawClient(port: number, head: string, drip?: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    rawSockets.add(socket);
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      socket.write(head);
      if (drip !== undefined) timer = setInterval(() => socket.writable && socket.write(drip), 50);
    });
    socket.on('data', (chunk: string) => (answer += chunk));
    // Writing after the server hung up fails; the answer already arrived.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      rawSockets.delete(socket);
      resolve(answer);
    });
  });
}

/** A body that never completes: the headers promise 10 kB, then one byte comes every 50 ms. */
const trickleBody = (port: number) =>
  rawClient(port, 'POST /api/v1/tickets HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"serviceId":"', 'r');

describe('slow clients', () => {
  it('a body sent a byte at a time is cut with 408 once the request timeout passes', WITHIN, async () => {
    const { port } = await listening(SMALL);
    expect(await trickleBody(port)).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('headers sent a line at a time are cut with 408', WITHIN, async () => {
    const { port } = await listening(SMALL);
    const answer = await rawClient(port, 'GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: 1\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a connection that never sends a request is closed', WITHIN, async () => {
    const { port } = await listening(SMALL);
    expect(await rawClient(port, '')).not.toMatch(/^HTTP\/1\.1 2/);
  });

  it('a kept-alive connection left idle after its answer is closed after the keep-alive timeout', WITHIN, async () => {
    // The idle timeout stays long, so only the keep-alive timeout can close this one.
    const { port } = await listening({ keepAliveTimeoutMs: 300 });
    const answer = await rawClient(port, 'GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toMatch(/"status":"ok"/);
  });
});

describe('long-lived answers outlive the timeouts', () => {
  /** Reads `event: status` frames off an SSE body. */
  function statusFrames(body: ReadableStream<Uint8Array>) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    return async (): Promise<PublicStatus> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame);
          if (/^event: status$/m.test(frame) && data) return JSON.parse(data[1]!) as PublicStatus;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
  }

  it('an SSE stream stays open past the request, keep-alive and idle timeouts and still gets changes', WITHIN, async () => {
    const { app, port, base } = await listening(SMALL);
    const abort = new AbortController();
    try {
      const res = await fetch(`${base}/api/v1/public/events`, { signal: abort.signal });
      expect(res.status).toBe(200);
      const next = statusFrames(res.body!);
      const first = await next();
      // Opened after the first frame and closed by the server only once a timeout passed: by then
      // the stream has been quiet (bar keep-alive comments) for longer than every timeout.
      expect(await trickleBody(port)).toMatch(/^HTTP\/1\.1 408 /);
      const issued = await send(app.app, 'POST', '/api/v1/tickets', app.deviceToken('kiosk'), { serviceId: 'reg' });
      expect(issued.statusCode).toBe(201);
      const second = await next();
      expect(second.seq).toBeGreaterThan(first.seq);
    } finally {
      abort.abort();
    }
  });

  async function connectPublic(base: string, transports: ('websocket' | 'polling')[]): Promise<{ socket: ClientSocket; disconnects: string[] }> {
    const socket = io(base + NAMESPACES.public, { forceNew: true, transports, upgrade: false, reconnection: false });
    clients.push(socket);
    const disconnects: string[] = [];
    socket.on('disconnect', (reason) => disconnects.push(reason));
    await new Promise<void>((resolve, reject) => {
      socket.once(SERVER_EVENTS.snapshot, () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, disconnects };
  }

  it.each([
    ['a websocket', ['websocket'] as const, SMALL],
    // Long-polling waits up to Socket.IO's 25 s ping interval in silence, which the idle timeout's
    // minimum (30 s) allows for; the request and keep-alive timeouts are small here.
    ['long-polling', ['polling'] as const, { requestTimeoutMs: 300, keepAliveTimeoutMs: 300 }],
  ])('a Socket.IO client on %s stays connected past the timeouts', WITHIN, async (_name, transports, config) => {
    const { port, base } = await listening(config);
    const { socket, disconnects } = await connectPublic(base, [...transports]);
    expect(await trickleBody(port)).toMatch(/^HTTP\/1\.1 408 /);
    const ack = (await socket.emitWithAck(CLIENT_EVENTS.publicStatus)) as { ok: boolean };
    expect(ack.ok).toBe(true);
    expect(socket.connected).toBe(true);
    expect(disconnects).toEqual([]);
  });
});
