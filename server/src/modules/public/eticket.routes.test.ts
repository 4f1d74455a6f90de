// The resident's own ticket by the tracking token of their link (GET /api/v1/public/tickets/:token):
// what it shows in each state, the people ahead and the wait as the line moves, the resident's
// cancel, an unknown token, no caching, the rate limit, and the token kept out of the server's log.
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent, ETicketView, Ticket } from '@jiaohao/shared';
import { buildApp } from '../../app';
import { testConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { SYSTEM } from '../../core/principal';
import { FakeClock, TEST_SETUP, testApp, type TestApp } from '../../testing/fixtures';
import { errorCode, officeWithClerkAndKiosk, send } from '../../testing/http';
import { touchedBy } from './eticket.service';
import { redactPrivateUrl } from '../../http/private-urls';

let t: TestApp;
let clerk: string;
let kiosk: string;

type Issued = Ticket & { trackingToken: string };

async function issue(serviceId: string, extra: object = {}): Promise<Issued> {
  const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  t.clock.tick(1000);
  return res.json().ticket;
}

async function view(token: string): Promise<ETicketView> {
  const res = await send(t.app, 'GET', `/api/v1/public/tickets/${token}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ETicketView>();
}

const post = async (url: string, token = clerk, payload?: object) => {
  const res = await send(t.app, 'POST', url, token, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
});
afterEach(() => t.close());

describe('GET /api/v1/public/tickets/:token', () => {
  it('shows a waiting ticket: number, line, language, people ahead, the wait, the office; never cached', async () => {
    await issue('reg');
    await issue('cert');
    await issue('reg');
    const mine = await issue('reg', { language: 'vi' });
    await issue('reg'); // behind: not counted

    const res = await send(t.app, 'GET', `/api/v1/public/tickets/${mine.trackingToken}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const v = res.json<ETicketView>();
    expect(v).toEqual({
      ticketId: mine.id,
      number: mine.number,
      state: 'waiting',
      class: 'normal',
      language: 'vi',
      issuedAt: mine.issuedAt,
      calledAt: null,
      recallCount: 0,
      endedAt: null,
      service: { id: 'reg', names: { 'zh-TW': '戶籍登記', en: 'Registration' } },
      counter: null,
      ahead: 2,
      // No counter is open: nobody can promise a wait.
      estimatedWait: null,
      office: { id: 'test-office', names: { 'zh-TW': '測試戶政事務所', en: 'Test Household Registration Office' }, timeZone: 'Asia/Taipei' },
      rating: null,
      updatedAt: new Date(t.clock.now).toISOString(),
      seq: t.store.events.lastSeq,
    });
    // The token is the key: it is never sent back.
    expect(res.body).not.toContain(mine.trackingToken);
  });

  it('moves with the line: ahead falls as tickets before it are called, the wait follows the open counters', async () => {
    const first = await issue('reg');
    await issue('reg');
    const mine = await issue('reg');
    expect((await view(mine.trackingToken)).ahead).toBe(2);

    await post('/api/v1/counters/c2/open');
    // As the issue answer estimates it (wait-model): 2 ahead at one free counter, each 10 min (the
    // target, nobody served yet) + ½ min to walk up, 5% no-shows of 2 min: 10.075 min a resident, so
    // called after 20.15 min; the spread of two handling times of CV ½, of a mean known only from
    // the target, and 10% model error, 1.1 σ below and 1.4 σ above, whole minutes below 20 and
    // 5-minute steps from it.
    expect((await view(mine.trackingToken)).estimatedWait).toEqual({ min: 9, max: 35 });

    const { ticket } = await post('/api/v1/counters/c2/call-next');
    expect(ticket.id).toBe(first.id);
    const next = await view(mine.trackingToken);
    // One ahead, and the counter is busy with the first for ~10.5 min more: called after ~20.6 min.
    expect(next).toMatchObject({ state: 'waiting', ahead: 1, estimatedWait: { min: 12, max: 30 } });
  });

  it('once called: the counter with its number and names; a recall counts up; served, then done: the final state', async () => {
    const mine = await issue('reg', { language: 'th' });
    await post('/api/v1/counters/c2/open');
    await post('/api/v1/counters/c2/call-next');
    t.clock.tick(5_000);
    const called = await view(mine.trackingToken);
    expect(called).toMatchObject({
      state: 'called',
      counter: { id: 'c2', number: 2, names: { 'zh-TW': '2號櫃臺' } },
      ahead: null,
      estimatedWait: null,
      recallCount: 0,
    });
    expect(called.calledAt).toEqual(expect.any(String));

    await post(`/api/v1/tickets/${mine.id}/recall`);
    expect(await view(mine.trackingToken)).toMatchObject({ state: 'called', recallCount: 1, calledAt: called.calledAt });

    await post(`/api/v1/tickets/${mine.id}/start`);
    expect(await view(mine.trackingToken)).toMatchObject({ state: 'serving', counter: { number: 2 } });
    await post(`/api/v1/tickets/${mine.id}/finish`);
    const done = await view(mine.trackingToken);
    expect(done).toMatchObject({ state: 'done', counter: null, ahead: null });
    expect(done.endedAt).toEqual(expect.any(String));
  });

  it('the resident cancels with the tracking token alone (no login), and the page then shows it cancelled', async () => {
    const mine = await issue('reg');
    const v = await view(mine.trackingToken);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${v.ticketId}/cancel`, payload: { trackingToken: mine.trackingToken } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await view(mine.trackingToken)).toMatchObject({ state: 'cancelled', ahead: null });
    const cancelled = t.store.events.after(0).at(-1);
    expect(cancelled).toMatchObject({ type: 'ticket:cancelled', actor: { kind: 'resident' }, reason: 'resident_request' });
  });

  it('a missed ticket shows no_show and no counter; yesterday’s unserved ticket shows expired', async () => {
    const missed = await issue('reg');
    const left = await issue('reg');
    await post('/api/v1/counters/c2/open');
    await post('/api/v1/counters/c2/call-next');
    await post(`/api/v1/tickets/${missed.id}/no-show`, clerk, { reason: 'left_office' });
    expect(await view(missed.trackingToken)).toMatchObject({ state: 'no_show', counter: null });

    t.clock.set('2026-12-02T01:00:00.000Z');
    t.rollDay();
    expect(await view(left.trackingToken)).toMatchObject({ state: 'expired', ahead: null, estimatedWait: null });
  });

  it('an unknown token is 404 not_found, the same answer for every one; a malformed one is 400', async () => {
    await issue('reg');
    const a = await send(t.app, 'GET', '/api/v1/public/tickets/AAAAAAAAAAAAAAAAAAAAAAAA');
    const b = await send(t.app, 'GET', '/api/v1/public/tickets/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz');
    expect(a.statusCode).toBe(404);
    expect(a.json()).toEqual({ error: { code: 'not_found', message: 'No such ticket' } });
    expect(b.body).toBe(a.body);
    expect(a.headers['cache-control']).toBe('no-store');
    for (const bad of ['short', 'has.a.dot.in.it.xxxxxxxx', 'x'.repeat(65)]) {
      const res = await send(t.app, 'GET', `/api/v1/public/tickets/${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(errorCode(res)).toBe('validation_failed');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('is documented in the OpenAPI document with its view', async () => {
    const doc = (await send(t.app, 'GET', '/docs/json')).json<{ paths: Record<string, { get?: { responses: Record<string, unknown> } }> }>();
    const route = doc.paths['/api/v1/public/tickets/{token}']?.get;
    expect(route).toBeDefined();
    expect(Object.keys(route!.responses)).toEqual(expect.arrayContaining(['200', '404', '429']));
    expect(JSON.stringify(route!.responses['200'])).toContain('ticketId');
  });
});

describe('limits', () => {
  it("with rateLimits 'on' the public limit applies (429 rate_limited, still no-store)", async () => {
    await t.close();
    t = await testApp({ config: { rateLimits: 'on', publicPerMinute: 2 } });
    kiosk = t.deviceToken('kiosk');
    const mine = await issue('reg');
    expect((await send(t.app, 'GET', `/api/v1/public/tickets/${mine.trackingToken}`)).statusCode).toBe(200);
    expect((await send(t.app, 'GET', `/api/v1/public/tickets/${mine.trackingToken}`)).statusCode).toBe(200);
    const limited = await send(t.app, 'GET', `/api/v1/public/tickets/${mine.trackingToken}`);
    expect(limited.statusCode).toBe(429);
    expect(errorCode(limited)).toBe('rate_limited');
    expect(limited.headers['cache-control']).toBe('no-store');
  });
});

describe('the server log', () => {
  it('never holds a tracking token: /t/…, /public/tickets/… and ?token= are logged without it, 404s too', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const db = openDatabase(':memory:');
    const built = await buildApp(testConfig(), { clock: new FakeClock().fn, db, setup: TEST_SETUP, logger: { level: 'info', stream } });
    try {
      const device = built.services.bus.executeNow(SYSTEM, 'device:create', { kind: 'kiosk', name: 'kiosk' }).token;
      const issued = await built.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { authorization: `Bearer ${device}` }, payload: { serviceId: 'reg' } });
      const token = issued.json<{ ticket: Issued }>().ticket.trackingToken;
      expect((await built.app.inject({ url: `/api/v1/public/tickets/${token}` })).statusCode).toBe(200);
      expect((await built.app.inject({ url: `/api/v1/public/tickets/${token}x` })).statusCode).toBe(404);
      const id = issued.json<{ ticket: Issued }>().ticket.id;
      expect((await built.app.inject({ url: `/api/v1/tickets/${id}?token=${token}` })).statusCode).toBe(200);
      expect((await built.app.inject({ url: `/api/v1/no-such-route?token=${token}` })).statusCode).toBe(404);
      await built.app.inject({ url: `/t/${token}` });
      await built.app.inject({ url: `/t/${token}/` });
      await built.app.inject({ method: 'HEAD', url: `/t/${token}?from=qr` });
      await built.app.inject({ method: 'OPTIONS', url: `/api/v1/public/tickets/${token}`, headers: { origin: 'https://city.example', 'access-control-request-method': 'GET' } });

      const log = lines.join('');
      expect(log).toContain('incoming request');
      expect(log).not.toContain(token);
      // Still logged, with the token cut out.
      const urls = lines.map((l) => JSON.parse(l) as { req?: { url?: string; method?: string } }).flatMap((l) => (l.req?.url ? [`${l.req.method} ${l.req.url}`] : []));
      expect(urls).toEqual(
        expect.arrayContaining([
          'GET /api/v1/public/tickets/…',
          'GET /t/…',
          'HEAD /t/…',
          'OPTIONS /api/v1/public/tickets/…',
          'POST /api/v1/tickets',
          `GET /api/v1/tickets/${id}?token=…`,
          'GET /api/v1/no-such-route?token=…',
        ]),
      );
    } finally {
      await built.app.close();
      db.close();
    }
  });

  it.each([
    ['/t/abc_DEF-123', '/t/…'],
    ['/t/abc/def?x=1', '/t/…'],
    ['/api/v1/public/tickets/abc_DEF-123', '/api/v1/public/tickets/…'],
    ['/api/v1/public/tickets/abc?x=1', '/api/v1/public/tickets/…'],
    ['/api/v1/public/tickets/abc_DEF-123/rating', '/api/v1/public/tickets/…/rating'],
    ['/api/v1/public/tickets/abc_DEF-123/rating?x=1', '/api/v1/public/tickets/…/rating'],
    ['/api/v1/public/tickets/abc_DEF-123/ratings', '/api/v1/public/tickets/…'],
    ['/api/v1/public/status', '/api/v1/public/status'],
    ['/display/eticket.html', '/display/eticket.html'],
    ['/api/v1/tickets/t1?token=abc_DEF-123', '/api/v1/tickets/t1?token=…'],
    ['/api/v1/tickets/t1?lang=en&TOKEN=abc&x=1', '/api/v1/tickets/t1?lang=en&TOKEN=…&x=1'],
  ])('redactPrivateUrl(%s) is %s', (url, shown) => {
    expect(redactPrivateUrl(url)).toBe(shown);
  });
});

describe('touchedBy: which views a batch can change', () => {
  const at = new Date().toISOString();
  const actor = { kind: 'system' as const, id: null };
  const ev = (type: string, data: object): DomainEvent => ({ seq: 1, type, at, actor, reason: null, data }) as DomainEvent;

  it('a ticket event touches its ticket and its line; a transfer the line it left too', async () => {
    const a = await issue('reg');
    expect(touchedBy([ev('ticket:issued', { ticket: a })])).toEqual({ all: false, lines: new Set(['reg']), tickets: new Set([a.id]) });
    const moved = { ...a, serviceId: 'cert', transfers: [{ at, fromServiceId: 'reg', fromCounterId: 'c2', toServiceId: 'cert', toCounterId: null }] };
    expect(touchedBy([ev('ticket:transferred', { ticket: moved })]).lines).toEqual(new Set(['cert', 'reg']));
  });

  it('a counter opening or closing touches the lines it serves; an admin edit of a counter, the office or the day everything', () => {
    const counter = { ...TEST_SETUP.counters[2], serviceIds: ['cert'] };
    expect(touchedBy([ev('counter:opened', { counter })])).toEqual({ all: false, lines: new Set(['cert']), tickets: new Set() });
    expect(touchedBy([ev('counter:updated', { counter })]).all).toBe(true);
    expect(touchedBy([ev('day:started', { businessDate: '2026-12-02' })]).all).toBe(true);
    expect(touchedBy([ev('service:updated', { service: { id: 'reg' } })]).lines).toEqual(new Set(['reg']));
  });

  it('announcements, devices, accounts and alerts touch nothing', () => {
    const none = touchedBy([
      ev('announcement:withdrawn', { announcementId: 'a' }),
      ev('device:changed', { device: { id: 'd', kind: 'kiosk', revoked: false } }),
      ev('staff:changed', { staff: { id: 's', role: 'clerk', active: true } }),
    ]);
    expect(none).toEqual({ all: false, lines: new Set(), tickets: new Set() });
  });
});
