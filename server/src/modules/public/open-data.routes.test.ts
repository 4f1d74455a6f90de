// GET /api/v1/public/stats/daily.{csv,json}: a day worked through the API with known times, its
// CSV parsed back and compared with the figures worked out by hand; the range rules; caching.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAILY_COLUMNS, type DailyFigures } from '@jiaohao/shared';
import { testApp, type TestApp } from '../../testing/fixtures';
import { officeWithClerkAndKiosk, send } from '../../testing/http';

let t: TestApp;
let clerk: string;
let kiosk: string;

/** The test clock starts on Tuesday 2026-12-01, 09:00 in Taipei. */
const DAY = '2026-12-01';

/** Parses the CSV back (RFC 4180 quoting; no field here holds a line break): header and rows. */
function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const lines = text.slice(1).split('\r\n');
  expect(lines.at(-1)).toBe('');
  const split = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
  const [header, ...rows] = lines.slice(0, -1).map(split);
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? '']))) };
}

async function issue(): Promise<string> {
  const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ ticket: { id: string } }>().ticket.id;
}
const ok = async (path: string, body: object = {}) => expect((await send(t.app, 'POST', `/api/v1${path}`, clerk, body)).statusCode).toBe(200);

/**
 * A morning in the household line: A, B and C a minute apart (0, 1, 2 min); A called at 3 min and
 * served in 2 min; B called at 5 min and not seen; C cancelled. Worked out by hand: issued 3, served
 * 1, no-shows 1, cancelled 1; waits 3 and 4 → mean 3.5, 90th percentile (nearest rank 2 of 2) 4;
 * handling 2.
 */
async function workTheMorning(): Promise<void> {
  await ok('/counters/c2/open');
  const a = await issue();
  t.clock.minutes(1);
  const b = await issue();
  t.clock.minutes(1);
  const c = await issue();
  t.clock.minutes(1);
  await ok('/counters/c2/call-next'); // A, after 3 min
  await ok(`/tickets/${a}/start`);
  t.clock.minutes(2);
  await ok(`/tickets/${a}/finish`); // 2 min at the counter
  await ok('/counters/c2/call-next'); // B, issued at 1 min, called at 5 min: 4 min
  await ok(`/tickets/${b}/no-show`, { reason: 'left_office' });
  await ok(`/tickets/${c}/cancel`, { reason: 'duplicate_ticket' });
}

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
});
afterEach(() => t.close());

describe('GET /api/v1/public/stats/daily.csv and .json', () => {
  it('gives the figures worked out by hand, as CSV with a header row and as JSON with the same fields', async () => {
    await workTheMorning();
    const csv = await send(t.app, 'GET', `/api/v1/public/stats/daily.csv?from=${DAY}&to=${DAY}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['access-control-allow-origin']).toBe('*');
    const { header, rows } = parseCsv(csv.body);
    expect(header).toEqual(DAILY_COLUMNS.map(([name]) => name));
    expect(rows).toEqual([
      {
        business_date: DAY,
        service_id: 'reg',
        service_name: expect.stringMatching(/\p{Script=Han}/u),
        service_name_en: expect.any(String),
        issued: '3',
        served: '1',
        no_shows: '1',
        cancelled: '1',
        wait_mean_min: '3.5',
        wait_p90_min: '4',
        handling_mean_min: '2',
      },
    ]);

    const json = await send(t.app, 'GET', `/api/v1/public/stats/daily.json?from=${DAY}&to=${DAY}`);
    expect(json.statusCode).toBe(200);
    const figures = json.json<DailyFigures>();
    expect(figures).toMatchObject({ from: DAY, to: DAY });
    expect(figures.rows).toEqual([
      {
        business_date: DAY,
        service_id: 'reg',
        service_name: rows[0]!.service_name,
        service_name_en: rows[0]!.service_name_en,
        issued: 3,
        served: 1,
        no_shows: 1,
        cancelled: 1,
        wait_mean_min: 3.5,
        wait_p90_min: 4,
        handling_mean_min: 2,
      },
    ]);
  });

  it('covers the last days to today by default, keeps a finished day as it was, and follows today as it changes', async () => {
    await workTheMorning();
    // The next morning: yesterday's figures stay, today's start from the first ticket.
    t.clock.tick(24 * 3_600_000);
    await issue();
    const { from, to, rows } = (await send(t.app, 'GET', '/api/v1/public/stats/daily.json')).json<DailyFigures>();
    expect(to).toBe('2026-12-02');
    expect(from).toBe('2026-11-02');
    expect(rows.map((r) => [r.business_date, r.service_id, r.issued, r.served])).toEqual([
      [DAY, 'reg', 3, 1],
      ['2026-12-02', 'reg', 1, 0],
    ]);
    // A kept day is rebuilt when a ticket of it changes: one more issued today shows at once.
    await issue();
    const after = (await send(t.app, 'GET', '/api/v1/public/stats/daily.json?from=2026-12-02&to=2026-12-02')).json<DailyFigures>();
    expect(after.rows.map((r) => r.issued)).toEqual([2]);
  });

  it('refuses a range the wrong way round or longer than 366 days, and dates that are not dates, with 400', async () => {
    for (const query of ['from=2026-12-02&to=2026-12-01', 'from=2025-11-30&to=2026-12-01', 'from=2026-02-30', 'to=yesterday', 'days=3']) {
      const res = await send(t.app, 'GET', `/api/v1/public/stats/daily.csv?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code, query).toBe('validation_failed');
    }
    // A whole year and a day is the most: 366 days.
    expect((await send(t.app, 'GET', '/api/v1/public/stats/daily.csv?from=2025-12-01&to=2026-12-01')).statusCode).toBe(200);
  });

  it('answers 304 to its ETag until the figures change, with a minute of caching', async () => {
    const first = await send(t.app, 'GET', `/api/v1/public/stats/daily.csv?from=${DAY}&to=${DAY}`);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const etag = String(first.headers.etag);
    const again = await t.app.inject({ method: 'GET', url: `/api/v1/public/stats/daily.csv?from=${DAY}&to=${DAY}`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    await issue();
    const changed = await t.app.inject({ method: 'GET', url: `/api/v1/public/stats/daily.csv?from=${DAY}&to=${DAY}`, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(parseCsv(changed.body).rows.map((r) => r.issued)).toEqual(['1']);
  });

  it('is rate limited per client address like the other public feeds (JIAOHAO_RATE_PUBLIC_PER_MIN)', async () => {
    const limited = await testApp({ config: { rateLimits: 'on', publicPerMinute: 1 } });
    try {
      expect((await send(limited.app, 'GET', '/api/v1/public/stats/daily.csv')).statusCode).toBe(200);
      expect((await send(limited.app, 'GET', '/api/v1/public/stats/daily.csv')).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
