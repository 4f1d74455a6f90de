// The resident's rating of a finished ticket (POST /api/v1/public/tickets/:token/rating): stored
// once, shown in the e-ticket view (score and time, never the comment) and pushed to its followers,
// counted in the supervisor's figures; refused when the ticket is not finished, the second time, for
// a bad body and an unknown token, with nothing stored; two at once store one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ETicketView, Rating, Ticket, TodayStats } from '@jiaohao/shared';
import { testApp, type TestApp } from '../../testing/fixtures';
import { errorCode, officeWithClerkAndKiosk, send } from '../../testing/http';
import type { RatingRow } from './eticket.repo';

let t: TestApp;
let clerk: string;
let kiosk: string;
let supervisor: string;

type Issued = Ticket & { trackingToken: string };

async function issue(serviceId = 'reg', extra: object = {}): Promise<Issued> {
  const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  t.clock.tick(1000);
  return res.json().ticket;
}

const post = async (url: string, payload?: object) => {
  const res = await send(t.app, 'POST', url, clerk, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Called at counter 2, started and finished: a ticket its resident may rate. */
async function served(serviceId = 'reg', extra: object = {}): Promise<Issued> {
  const mine = await issue(serviceId, extra);
  const { ticket } = await post('/api/v1/counters/c2/call-next');
  expect(ticket.id).toBe(mine.id);
  await post(`/api/v1/tickets/${mine.id}/start`);
  t.clock.tick(60_000);
  await post(`/api/v1/tickets/${mine.id}/finish`);
  return mine;
}

const rate = (token: string, body: unknown) => t.app.inject({ method: 'POST', url: `/api/v1/public/tickets/${token}/rating`, payload: body as object });

async function view(token: string): Promise<ETicketView> {
  const res = await send(t.app, 'GET', `/api/v1/public/tickets/${token}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ETicketView>();
}

const rows = () => t.db.prepare('SELECT * FROM ratings ORDER BY rated_at, ticket_id').all() as RatingRow[];

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
  supervisor = await t.staffToken('supervisor');
  await post('/api/v1/counters/c2/open');
});
afterEach(() => t.close());

describe('POST /api/v1/public/tickets/:token/rating', () => {
  it('rates a finished ticket once: 201 with the rating, in the view (no comment), in the figures with the mean; no event', async () => {
    const mine = await served('reg', { language: 'vi' });
    const events = t.eventCount();
    const res = await rate(mine.trackingToken, { score: 4, comment: '  Nhân viên rất nhiệt tình.  ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const rating = res.json<Rating>();
    expect(rating).toEqual({ score: 4, comment: 'Nhân viên rất nhiệt tình.', language: 'vi', ratedAt: new Date(t.clock.now).toISOString() });
    expect(res.body).not.toContain(mine.trackingToken);
    expect(rows()).toEqual([
      {
        ticket_id: mine.id,
        business_date: mine.businessDate,
        service_id: 'reg',
        counter_id: 'c2',
        score: 4,
        comment: 'Nhân viên rất nhiệt tình.',
        language: 'vi',
        rated_at: rating.ratedAt,
      },
    ]);
    // A plain table, not an event (the comment stays deletable): the log is untouched.
    expect(t.eventCount()).toBe(events);

    const v = await view(mine.trackingToken);
    expect(v.rating).toEqual({ score: 4, ratedAt: rating.ratedAt });
    expect(JSON.stringify(v)).not.toContain('nhiệt tình');

    // Two more: another 5 in the same line, a 1 in certificates. A comment of spaces is none.
    const second = await served('reg');
    expect((await rate(second.trackingToken, { score: 5 })).statusCode).toBe(201);
    const third = await served('cert');
    const spaces = await rate(third.trackingToken, { score: 1, comment: '   ' });
    expect(spaces.json<Rating>().comment).toBeNull();
    await served('reg'); // finished, not rated: counts as served, not in the ratings

    const stats = (await send(t.app, 'GET', '/api/v1/stats/today', supervisor)).json<TodayStats>();
    const line = (id: string) => stats.services.find((s) => s.serviceId === id);
    expect(line('reg')).toMatchObject({ served: 3, ratings: { count: 2, mean: 4.5 } });
    expect(line('cert')).toMatchObject({ served: 1, ratings: { count: 1, mean: 1 } });
    expect(stats.totals.ratings).toEqual({ count: 3, mean: 3.3 });
    // A line nobody rated says none, not 0.
    expect(stats.services.filter((s) => s.ratings.count === 0).every((s) => s.ratings.mean === null)).toBe(true);
  });

  it('the second time is 409 already_rated and changes nothing', async () => {
    const mine = await served();
    expect((await rate(mine.trackingToken, { score: 2, comment: 'slow' })).statusCode).toBe(201);
    const before = rows();
    t.clock.tick(5_000);
    const again = await rate(mine.trackingToken, { score: 5, comment: 'actually great' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ error: { code: 'already_rated', message: `Ticket ${mine.number} was rated before; a rating is given once` } });
    expect(again.headers['cache-control']).toBe('no-store');
    expect(rows()).toEqual(before);
    expect((await view(mine.trackingToken)).rating?.score).toBe(2);
  });

  it('a ticket not finished (waiting, called, serving, cancelled, missed) is 409 not_finished and nothing is stored', async () => {
    const waiting = await issue();
    const res = await rate(waiting.trackingToken, { score: 5 });
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('not_finished');
    expect(res.json().error.message).toMatch(/only a finished ticket can be rated/);

    await post('/api/v1/counters/c2/call-next');
    expect(errorCode(await rate(waiting.trackingToken, { score: 5 }))).toBe('not_finished');
    await post(`/api/v1/tickets/${waiting.id}/start`);
    expect(errorCode(await rate(waiting.trackingToken, { score: 5 }))).toBe('not_finished');

    const cancelled = await issue();
    await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${cancelled.id}/cancel`, payload: { trackingToken: cancelled.trackingToken } });
    expect(errorCode(await rate(cancelled.trackingToken, { score: 1 }))).toBe('not_finished');

    await post(`/api/v1/tickets/${waiting.id}/finish`);
    const missed = await issue();
    await post('/api/v1/counters/c2/call-next');
    await post(`/api/v1/tickets/${missed.id}/no-show`, { reason: 'left_office' });
    expect(errorCode(await rate(missed.trackingToken, { score: 1 }))).toBe('not_finished');

    expect(rows()).toEqual([]);
    expect((await view(waiting.trackingToken)).rating).toBeNull();
  });

  it.each([
    ['score 0', { score: 0 }],
    ['score 6', { score: 6 }],
    ['score 2.5', { score: 2.5 }],
    ['score "5"', { score: '5' }],
    ['no score', { comment: 'fine' }],
    ['score null', { score: null }],
    ['an extra field', { score: 4, name: 'Wang' }],
    ['a comment that is not text', { score: 4, comment: 42 }],
    ['a comment of 501 characters', { score: 4, comment: 'x'.repeat(501) }],
  ])('%s is 400 validation_failed and nothing is stored', async (_name, body) => {
    const mine = await served();
    const res = await rate(mine.trackingToken, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(errorCode(res)).toBe('validation_failed');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(rows()).toEqual([]);
  });

  it('takes a comment of exactly 500 characters (Chinese counted as characters)', async () => {
    const mine = await served();
    const res = await rate(mine.trackingToken, { score: 3, comment: '好'.repeat(500) });
    expect(res.statusCode, res.body).toBe(201);
    expect(rows()[0]?.comment).toHaveLength(500);
  });

  it('an unknown token is 404 not_found, as for the read; a malformed one 400', async () => {
    await served();
    const res = await rate('AAAAAAAAAAAAAAAAAAAAAAAA', { score: 5 });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'No such ticket' } });
    expect(res.body).toBe((await send(t.app, 'GET', '/api/v1/public/tickets/AAAAAAAAAAAAAAAAAAAAAAAA')).body);
    const bad = await rate('short', { score: 5 });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('validation_failed');
    expect(rows()).toEqual([]);
  });

  it('of two ratings sent at once, exactly one is stored; the other is already_rated', async () => {
    const mine = await served();
    const answers = await Promise.all([rate(mine.trackingToken, { score: 1 }), rate(mine.trackingToken, { score: 5 })]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(errorCode(answers.find((a) => a.statusCode === 409)!)).toBe('already_rated');
    const stored = rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.score).toBe(answers.find((a) => a.statusCode === 201)!.json<Rating>().score);
  });

  it('pushes the new view to whoever follows the ticket (ticket:view), without waiting for an event', async () => {
    const mine = await served();
    const feed = t.services.feed.tickets;
    const pushed: ETicketView[] = [];
    const off = feed.onChange((v) => pushed.push(v));
    const release = feed.follow(await view(mine.trackingToken));
    try {
      expect((await rate(mine.trackingToken, { score: 5 })).statusCode).toBe(201);
      expect(pushed.map((v) => [v.ticketId, v.rating?.score])).toEqual([[mine.id, 5]]);
    } finally {
      release();
      off();
    }
  });

  it('is documented in the OpenAPI document with its answers', async () => {
    const doc = (await send(t.app, 'GET', '/docs/json')).json<{ paths: Record<string, { post?: { summary?: string; description?: string; responses: Record<string, unknown> } }> }>();
    const route = doc.paths['/api/v1/public/tickets/{token}/rating']?.post;
    expect(route?.summary).toMatch(/rating/);
    expect(route?.description).toMatch(/already_rated/);
    expect(Object.keys(route!.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '409', '429']));
  });
});

describe('limits', () => {
  it("with rateLimits 'on' the public limit applies (429 rate_limited, still no-store)", async () => {
    await t.close();
    t = await testApp({ config: { rateLimits: 'on', publicPerMinute: 2 } });
    const res = [];
    for (let i = 0; i < 3; i++) res.push(await rate('AAAAAAAAAAAAAAAAAAAAAAAA', { score: 5 }));
    expect(res.map((r) => r.statusCode)).toEqual([404, 404, 429]);
    expect(errorCode(res[2]!)).toBe('rate_limited');
    expect(res[2]!.headers['cache-control']).toBe('no-store');
  });
});
