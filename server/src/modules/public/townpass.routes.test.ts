// GET /api/v1/public/townpass against the TownPass reference (shared/reference/townpass/): the same
// field names, nesting and types, the counts following the queue, and the public feed's caching.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Office, PublicStatus, TownPassFeed } from '@jiaohao/shared';
import { testApp, type TestApp } from '../../testing/fixtures';
import { officeWithClerkAndKiosk, send } from '../../testing/http';

const REFERENCE = JSON.parse(readFileSync(new URL('../../../../shared/reference/townpass/counter-calling.example.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The shape of a JSON value: its keys (sorted), nesting and types, the values left out; an array by its first item. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== '//')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  }
  return typeof value;
}

let t: TestApp;
let clerk: string;
let kiosk: string;

const townpass = async () => {
  const res = await send(t.app, 'GET', '/api/v1/public/townpass');
  expect(res.statusCode, res.body).toBe(200);
  return res;
};

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
});
afterEach(() => t.close());

describe('GET /api/v1/public/townpass', () => {
  it('has the shape of the TownPass reference exactly, every array item too', async () => {
    const feed = (await townpass()).json<TownPassFeed>();
    expect(shape(feed)).toEqual(shape(REFERENCE));
    // Every office and every counter, not only the first the shape looked at.
    const [counterShape] = shape(REFERENCE.data) as [{ list: [{ counters: [unknown] }] }];
    for (const office of feed.data.flatMap((c) => c.list)) for (const c of office.counters) expect(shape(c)).toEqual(counterShape.list[0].counters[0]);
  });

  it('lists the office with its contact details and each line with the number served (4 digits) and the people waiting', async () => {
    const before = (await townpass()).json<TownPassFeed>();
    const office = (await send(t.app, 'GET', '/api/v1/office', clerk)).json<Office>();
    const status = (await send(t.app, 'GET', '/api/v1/public/status')).json<PublicStatus>();
    const [category] = before.data;
    expect(before.data).toHaveLength(1);
    expect(category).toMatchObject({ id: 'c-2', name: '戶政事務所' });
    expect(category!.list).toHaveLength(1);
    expect(category!.list[0]).toMatchObject({
      id: office.id,
      name: office.names['zh-TW'],
      is_regularly_used: false,
      info: { address: office.address, tel: office.tel, fax: office.fax },
    });
    // Every line, in the public status's order, none called yet.
    expect(category!.list[0]!.counters.map((c) => [c.id, c.name, c.current_number])).toEqual(status.services.map((s) => [s.id, s.names['zh-TW'], '0000']));

    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    const issued: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
      expect(res.statusCode, res.body).toBe(201);
      issued.push(res.json<{ ticket: { number: string } }>().ticket.number);
      t.clock.tick(1000);
    }
    await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    const after = (await townpass()).json<TownPassFeed>();
    const reg = after.data[0]!.list[0]!.counters.find((c) => c.id === 'reg');
    expect(reg).toEqual({ id: 'reg', name: status.services.find((s) => s.id === 'reg')!.names['zh-TW'], current_number: issued[0], waiting_people: 2 });
    expect(reg!.current_number).toMatch(/^\d{4}$/);
  });

  it('needs no login and has open CORS, an ETag that answers 304 until the queue changes, and a short Cache-Control', async () => {
    const first = await townpass();
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.headers['cache-control']).toMatch(/max-age=5\b/);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    // Its own ETag, not the status's: the bodies differ.
    expect(etag).not.toBe((await send(t.app, 'GET', '/api/v1/public/status')).headers.etag);
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/public/townpass', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    const changed = await t.app.inject({ method: 'GET', url: '/api/v1/public/townpass', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/public/townpass', headers: { origin: 'https://app.taipei', 'access-control-request-method': 'GET' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
  });

  it('is rate limited per client address like the other public feeds, answering 429', async () => {
    const limited = await testApp({ config: { rateLimits: 'on', publicPerMinute: 2 } });
    try {
      for (let i = 0; i < 2; i++) expect((await send(limited.app, 'GET', '/api/v1/public/townpass')).statusCode).toBe(200);
      const res = await send(limited.app, 'GET', '/api/v1/public/townpass');
      expect(res.statusCode).toBe(429);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
