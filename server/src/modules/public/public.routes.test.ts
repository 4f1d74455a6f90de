// HTTP tests for the public feeds: no login, open CORS, ETag and Cache-Control, aggregate data only,
// the SSE stream, and the public rate limit.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicStatus, Ticket } from '@jiaohao/shared';
import { testApp, type TestApp } from '../../testing/fixtures';
import { officeWithClerkAndKiosk, send } from '../../testing/http';

let t: TestApp;
let clerk: string;
let kiosk: string;

async function issue(serviceId: string): Promise<Ticket & { trackingToken: string }> {
  const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId });
  expect(res.statusCode, res.body).toBe(201);
  t.clock.tick(1000);
  return res.json().ticket;
}

async function status(): Promise<PublicStatus> {
  const res = await send(t.app, 'GET', '/api/v1/public/status');
  expect(res.statusCode).toBe(200);
  return res.json<PublicStatus>();
}

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
});
afterEach(() => t.close());

describe('GET /api/v1/public/status', () => {
  it('needs no login and sends open CORS, an ETag and a short Cache-Control', async () => {
    const res = await send(t.app, 'GET', '/api/v1/public/status');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.etag).toMatch(/^"[^"]+"$/);
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
    const maxAge = Number(/max-age=(\d+)/.exec(String(res.headers['cache-control']))![1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(60);
    const body = res.json<PublicStatus>();
    expect(body).toMatchObject({ office: { id: 'test-office' }, businessDate: '2026-12-01', issuing: { open: true, mode: 'open' } });
    expect(body.seq).toBe(t.store.events.lastSeq);
    expect(body.services.map((s) => s.id)).toEqual(['reg', 'cert', 'small']);
    expect(body.counters.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    // A browser on another origin gets the same answer with an Origin header.
    const cross = await t.app.inject({ method: 'GET', url: '/api/v1/public/status', headers: { origin: 'https://example.org' } });
    expect(cross.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers 304 with no body to If-None-Match with the current ETag, 200 once it changed', async () => {
    const first = await send(t.app, 'GET', '/api/v1/public/status');
    const etag = String(first.headers.etag);
    const notModified = await t.app.inject({ method: 'GET', url: '/api/v1/public/status', headers: { 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(etag);
    expect(notModified.headers['access-control-allow-origin']).toBe('*');

    await issue('reg');
    const changed = await t.app.inject({ method: 'GET', url: '/api/v1/public/status', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().seq).toBeGreaterThan(first.json().seq);
  });

  it('the ETag stays the same while nothing changes', async () => {
    const a = await send(t.app, 'GET', '/api/v1/public/status');
    t.clock.minutes(2);
    const b = await send(t.app, 'GET', '/api/v1/public/status');
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(b.body).toBe(a.body);
  });

  it('counts follow the queue: waiting equals the waiting tickets per service, nowServing the called number', async () => {
    const before = await status();
    expect(before.services.map((s) => s.waiting)).toEqual([0, 0, 0]);
    expect(before.services.every((s) => s.nowServing === null)).toBe(true);

    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    const first = await issue('reg');
    await issue('reg');
    await issue('reg');
    await issue('cert');
    await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);

    const after = await status();
    const snapshot = (await send(t.app, 'GET', '/api/v1/snapshot', clerk)).json<{ tickets: Ticket[] }>();
    for (const s of after.services) {
      const waiting = snapshot.tickets.filter((x) => x.serviceId === s.id && x.state === 'waiting').length;
      expect(s.waiting, s.id).toBe(waiting);
    }
    const reg = after.services.find((s) => s.id === 'reg')!;
    expect(reg).toMatchObject({ waiting: 2, nowServing: first.number });
    expect(reg.estimatedWait).not.toBeNull();
    expect(after.services.find((s) => s.id === 'cert')).toMatchObject({ waiting: 1, nowServing: null });
    expect(after.counters.find((c) => c.id === 'c2')).toMatchObject({ status: 'open', nowServing: first.number });
    expect(after.counters.find((c) => c.id === 'c1')).toMatchObject({ status: 'closed', nowServing: null });
    expect(after.seq).toBeGreaterThan(before.seq);
  });

  it('carries no tracking tokens, ticket ids or staff data', async () => {
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    const tickets = [await issue('reg'), await issue('cert'), await issue('small')];
    await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    const res = await send(t.app, 'GET', '/api/v1/public/status');
    for (const ticket of tickets) {
      expect(res.body).not.toContain(ticket.trackingToken);
      expect(res.body).not.toContain(ticket.id);
    }
    expect(res.body).not.toMatch(/trackingToken|staffId|"tickets"/);
    const counter = (await send(t.app, 'GET', '/api/v1/counters', clerk)).json<{ id: string; staffId: string }[]>().find((c) => c.id === 'c2')!;
    expect(counter.staffId).toEqual(expect.any(String));
    expect(res.body).not.toContain(counter.staffId);
  });

  it('a staff token changes nothing: the public feed ignores credentials', async () => {
    const anonymous = await send(t.app, 'GET', '/api/v1/public/status');
    const withToken = await send(t.app, 'GET', '/api/v1/public/status', t.adminToken);
    expect(withToken.statusCode).toBe(200);
    expect(withToken.body).toBe(anonymous.body);
    const bogus = await send(t.app, 'GET', '/api/v1/public/status', 'jhs_bogus');
    expect(bogus.statusCode).toBe(200);
  });
});

describe('conditional GET (If-None-Match, weak comparison)', () => {
  it.each([
    ['the weak form of the ETag', (etag: string) => `W/${etag}`],
    ['a list that holds it', (etag: string) => `"stale-one", ${etag} , W/"another"`],
    ['*', () => '*'],
  ])('%s gets 304', async (_name, header) => {
    const etag = String((await send(t.app, 'GET', '/api/v1/public/status')).headers.etag);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/status', headers: { 'if-none-match': header(etag) } });
    expect(res.statusCode).toBe(304);
    expect(res.body).toBe('');
    expect(res.headers.etag).toBe(etag);
  });

  it('a list without it, or an old weak tag, gets 200 with the body', async () => {
    const etag = String((await send(t.app, 'GET', '/api/v1/public/status')).headers.etag);
    for (const header of ['"stale-one", W/"another"', `W/"x${etag.slice(1)}`, '']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/status', headers: { 'if-none-match': header } });
      expect(res.statusCode, header).toBe(200);
      expect(res.json<PublicStatus>().seq).toBe(t.store.events.lastSeq);
    }
  });

  it('HEAD with the current ETag is 304 too', async () => {
    const etag = String((await send(t.app, 'GET', '/api/v1/public/status')).headers.etag);
    const res = await t.app.inject({ method: 'HEAD', url: '/api/v1/public/status', headers: { 'if-none-match': `W/${etag}` } });
    expect(res.statusCode).toBe(304);
  });
});

describe('CORS on the public feeds', () => {
  const preflight = (url: string, origin = 'https://city-app.example') =>
    t.app.inject({
      method: 'OPTIONS',
      url,
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });

  /** The public feeds: every GET under /api/v1/public/ in the OpenAPI document. */
  async function publicPaths(): Promise<string[]> {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    return Object.entries(doc.paths)
      .filter(([p, ops]) => p.startsWith('/api/v1/public/') && 'get' in ops)
      .map(([p]) => p);
  }

  it("answers a preflight on every public route with 204, any origin, GET/HEAD/OPTIONS, If-None-Match and a max-age", async () => {
    const paths = await publicPaths();
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/public/status', '/api/v1/public/events']));
    for (const path of paths) {
      const res = await preflight(path);
      expect(res.statusCode, path).toBe(204);
      expect(res.body, path).toBe('');
      expect(res.headers['access-control-allow-origin'], path).toBe('*');
      expect(res.headers['access-control-allow-credentials'], path).toBeUndefined();
      const methods = String(res.headers['access-control-allow-methods']).split(/,\s*/);
      expect(methods, path).toEqual(expect.arrayContaining(['GET', 'HEAD', 'OPTIONS']));
      expect(methods, path).not.toContain('POST');
      expect(String(res.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/), path).toContain('if-none-match');
      expect(Number(res.headers['access-control-max-age']), path).toBeGreaterThan(0);
    }
  });

  it("the e-ticket page's one write (a rating) opens nothing to another origin", async () => {
    const res = await preflight('/api/v1/public/tickets/abcdefghijklmnop1234/rating');
    expect(res.statusCode).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets/abcdefghijklmnop1234/rating',
      headers: { origin: 'https://city-app.example', 'content-type': 'application/json' },
      payload: { score: 5 },
    });
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("a bare OPTIONS without Origin also gets 204 (not a 400 or 404)", async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/public/status' });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('lets scripts read the ETag (Access-Control-Expose-Headers), also on 304 and 429', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/status', headers: { origin: 'https://city-app.example' } });
    const exposed = (r: { headers: Record<string, unknown> }) => String(r.headers['access-control-expose-headers']).toLowerCase().split(/,\s*/);
    expect(exposed(res)).toContain('etag');
    const notModified = await t.app.inject({ method: 'GET', url: '/api/v1/public/status', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(notModified.statusCode).toBe(304);
    expect(exposed(notModified)).toContain('etag');

    await t.close();
    t = await testApp({ config: { rateLimits: 'on', publicPerMinute: 1 } });
    await send(t.app, 'GET', '/api/v1/public/status');
    const limited = await send(t.app, 'GET', '/api/v1/public/status');
    expect(limited.statusCode).toBe(429);
    expect(exposed(limited)).toContain('retry-after');
  });

  it.each(['/api/v1/counters', '/api/v1/auth/login', '/api/v1/snapshot', '/api/v1/tickets', '/api/v1/health'])(
    'a preflight on %s opens nothing to another origin',
    async (url) => {
      const res = await preflight(url);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-methods']).toBeUndefined();
      expect(res.statusCode).toBe(404);
      // Nor does the route's answer itself.
      const get = await t.app.inject({ method: 'GET', url, headers: { origin: 'https://city-app.example' } });
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    },
  );
});

describe('public rate limit', () => {
  it("with rateLimits 'on' and publicPerMinute 2 the third request is 429 rate_limited (CORS still open)", async () => {
    await t.close();
    t = await testApp({ config: { rateLimits: 'on', publicPerMinute: 2 } });
    expect((await send(t.app, 'GET', '/api/v1/public/status')).statusCode).toBe(200);
    expect((await send(t.app, 'GET', '/api/v1/public/status')).statusCode).toBe(200);
    const limited = await send(t.app, 'GET', '/api/v1/public/status');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['access-control-allow-origin']).toBe('*');
  });

  it('lets the client in again once its minute is over', async () => {
    // The limiter keeps its window by Date.now(): only the date is faked, timers run as usual.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      await t.close();
      t = await testApp({ config: { rateLimits: 'on', publicPerMinute: 1 } });
      expect((await send(t.app, 'GET', '/api/v1/public/status')).statusCode).toBe(200);
      expect((await send(t.app, 'GET', '/api/v1/public/status')).statusCode).toBe(429);
      vi.setSystemTime(Date.now() + 30_000);
      expect((await send(t.app, 'GET', '/api/v1/public/status')).statusCode).toBe(429);
      vi.setSystemTime(Date.now() + 31_000);
      expect((await send(t.app, 'GET', '/api/v1/public/status')).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it("with publicPerMinute 2 the third SSE connection in a minute is 429 rate_limited", async () => {
    await t.close();
    t = await testApp({ config: { rateLimits: 'on', publicPerMinute: 2 } });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const abort = new AbortController();
    try {
      for (let i = 0; i < 2; i++) {
        const open = await fetch(`${address}/api/v1/public/events`, { signal: abort.signal });
        expect(open.status).toBe(200);
      }
      const limited = await fetch(`${address}/api/v1/public/events`, { signal: abort.signal });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('access-control-allow-origin')).toBe('*');
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    } finally {
      abort.abort();
    }
  });
});

describe('GET /api/v1/public/events (SSE)', () => {
  interface Frame {
    readonly id: number | null;
    readonly event: string | null;
    readonly data: string | null;
  }

  /** Reads Server-Sent Events frames from a fetch body, one at a time. */
  function frames(body: ReadableStream<Uint8Array>) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    return {
      async next(): Promise<Frame> {
        for (;;) {
          const end = buffer.indexOf('\n\n');
          if (end >= 0) {
            const raw = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const field = (name: string) => raw.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
            const id = field('id');
            return { id: id === null ? null : Number(id), event: field('event'), data: field('data') };
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('the stream ended');
          buffer += decoder.decode(value, { stream: true });
        }
      },
      /** The next `event: status` frame (skips retry and keep-alive lines). */
      async nextStatus(): Promise<Frame & { status: PublicStatus }> {
        for (;;) {
          const frame = await this.next();
          if (frame.event === 'status') return { ...frame, status: JSON.parse(frame.data ?? 'null') as PublicStatus };
        }
      },
    };
  }

  it('sends the status at once and again, with a higher seq, after a ticket is issued', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const abort = new AbortController();
    try {
      const res = await fetch(`${address}/api/v1/public/events`, { signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toMatch(/no-cache/);
      const stream = frames(res.body!);

      const first = await stream.nextStatus();
      expect(first.id).toBe(first.status.seq);
      expect(first.status.seq).toBe(t.store.events.lastSeq);
      expect(first.status.services.find((s) => s.id === 'reg')?.waiting).toBe(0);

      const ticket = await issue('reg');
      const second = await stream.nextStatus();
      expect(second.status.seq).toBeGreaterThan(first.status.seq);
      expect(second.id).toBe(second.status.seq);
      expect(second.status.services.find((s) => s.id === 'reg')?.waiting).toBe(1);
      expect(second.data).not.toContain(ticket.trackingToken);
      expect(second.data).not.toContain(ticket.id);
      // The same data as the REST feed.
      expect(second.status).toEqual(await status());
    } finally {
      abort.abort();
    }
  });

  it('answers HEAD with the head of the stream and ends it (found by the public-node fuzz: it hung open)', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/v1/public/events`, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await res.text()).toBe('');
  });
});
