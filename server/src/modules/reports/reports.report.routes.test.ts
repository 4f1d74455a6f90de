// HTTP tests for the report over a range of dates: who may read it, which ranges are refused, the
// figures of a worked day (testing/report-day.ts) per line, counter, clerk, day and hour, and the
// CSV download read back.
import { Value } from '@sinclair/typebox/value';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Report } from '@jiaohao/shared';
import { csvFields } from '../../testing/csv';
import { errorCode, send } from '../../testing/http';
import { reportDay, type ReportDay } from '../../testing/report-day';

let day: ReportDay;
beforeEach(async () => {
  day = await reportDay();
});
afterEach(() => day.t.close());

const RANGE = '?from=2026-12-01&to=2026-12-02';
const NO_BOOKINGS = { kept: 0, missed: 0 };
const EMPTY = {
  issued: 0,
  served: 0,
  noShows: 0,
  cancelled: 0,
  transferred: 0,
  waitMinutes: { mean: null, median: null, p90: null },
  handlingMinutes: { mean: null, median: null, p90: null },
  withinTargetWait: null,
  withinHandlingLimit: null,
  bookings: NO_BOOKINGS,
  ratings: { count: 0, mean: null },
};

async function report(query = RANGE): Promise<Report> {
  const res = await send(day.t.app, 'GET', `/api/v1/reports${query}`, day.supervisor);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Report>();
}

describe('GET /api/v1/reports', () => {
  it('is for supervisors and admins, every format: a clerk or a kiosk gets 403, nobody 401', async () => {
    for (const path of ['/reports', '/reports.csv', '/reports.ods', '/reports.pdf']) {
      for (const token of [day.wang, day.kiosk]) {
        const res = await send(day.t.app, 'GET', `/api/v1${path}${RANGE}`, token);
        expect(res.statusCode, path).toBe(403);
        expect(errorCode(res)).toBe('forbidden');
      }
      expect((await send(day.t.app, 'GET', `/api/v1${path}${RANGE}`)).statusCode, path).toBe(401);
    }
    const admin = await send(day.t.app, 'GET', `/api/v1/reports${RANGE}`, day.t.adminToken);
    expect(admin.statusCode).toBe(200);
  });

  it('refuses a malformed or missing date, a date that does not exist, to before from, and more than 366 days: 400 validation_failed, nothing changes', async () => {
    const events = day.t.eventCount();
    const bad = [
      '?from=2026-12-1&to=2026-12-02',
      '?from=2026-12-01',
      '?from=2026-02-29&to=2026-03-01',
      '?from=2026-12-02&to=2026-12-01',
      '?from=2025-12-01&to=2026-12-02',
    ];
    for (const query of bad) {
      for (const path of ['/reports', '/reports.csv', '/reports.ods', '/reports.pdf']) {
        const res = await send(day.t.app, 'GET', `/api/v1${path}${query}`, day.supervisor);
        expect(res.statusCode, `${path}${query}`).toBe(400);
        expect(errorCode(res)).toBe('validation_failed');
      }
    }
    const res = await send(day.t.app, 'GET', '/api/v1/reports?from=2026-12-02&to=2026-12-01', day.supervisor);
    expect(res.json()).toMatchObject({ error: { details: [{ path: '/to', message: 'must not be before from' }] } });
    // 366 days is still one report.
    expect((await report('?from=2025-12-02&to=2026-12-02')).days).toHaveLength(366);
    expect(day.t.eventCount()).toBe(events);
  });

  it('gives the worked day’s figures in total and per line, as hand-computed', async () => {
    const r = await report();
    expect(Value.Errors(Report, r).First()).toBeUndefined();
    expect(r).toMatchObject({
      office: { id: 'test-office', name: '測試戶政事務所', timeZone: 'Asia/Taipei' },
      from: '2026-12-01',
      to: '2026-12-02',
      generatedAt: '2026-12-01T01:30:00.000Z',
    });
    expect(r.totals).toEqual({
      issued: 4,
      served: 3, // A C D
      noShows: 1, // B
      cancelled: 0,
      transferred: 1, // D
      // A 10, B 15, C 18, D 22: mean 65/4 = 16.25 → 16.3; median rank 2 → 15; p90 rank 4 → 22.
      waitMinutes: { mean: 16.3, median: 15, p90: 22 },
      // A 6, C 2, D 5: mean 13/3 = 4.33 → 4.3; sorted 2 5 6: median 5, p90 6.
      handlingMinutes: { mean: 4.3, median: 5, p90: 6 },
      // reg's target is 20 (A 10, B 15 within), cert's 15 (C 18, D 22 over): 2/4.
      withinTargetWait: 0.5,
      // reg's limit 10 (A 6), cert's 5 (C 2, D 5): all 3.
      withinHandlingLimit: 1,
      bookings: NO_BOOKINGS,
      ratings: { count: 1, mean: 4 },
    });
    expect(r.services.map((s) => [s.serviceId, s.name, s.nameEn])).toEqual([
      ['reg', '戶籍登記', 'Registration'],
      ['cert', '自然人憑證', 'Certificates'],
      ['small', '小號段', 'Tiny range'],
    ]);
    expect(r.services[0]).toMatchObject({
      issued: 3, // A B D (D transferred away still counts here)
      served: 1,
      noShows: 1,
      transferred: 1,
      waitMinutes: { mean: 12.5, median: 10, p90: 15 }, // A 10, B 15 (D was called last in cert)
      withinTargetWait: 1,
      handlingMinutes: { mean: 6, median: 6, p90: 6 },
      ratings: { count: 0, mean: null },
    });
    expect(r.services[1]).toMatchObject({
      issued: 1, // C
      served: 2, // C D
      transferred: 0,
      waitMinutes: { mean: 20, median: 18, p90: 22 },
      withinTargetWait: 0,
      handlingMinutes: { mean: 3.5, median: 2, p90: 5 },
      withinHandlingLimit: 1,
      ratings: { count: 1, mean: 4 },
    });
    expect(r.services[2]).toMatchObject(EMPTY);
  });

  it('per counter and per clerk, from who called, finished, missed and transferred each ticket (the event log)', async () => {
    const r = await report();
    expect(r.counters.map((c) => [c.counterId, c.number, c.name])).toEqual([
      ['c2', 2, '2號櫃臺'],
      ['c3', 3, '3號櫃臺'],
    ]);
    const c2 = {
      issued: 3, // called A B D
      served: 1,
      noShows: 1,
      cancelled: 0,
      transferred: 1,
      waitMinutes: { mean: 12.5, median: 10, p90: 15 },
      withinTargetWait: 1,
      handlingMinutes: { mean: 6, median: 6, p90: 6 },
      withinHandlingLimit: 1,
      ratings: { count: 0, mean: null },
    };
    const c3 = {
      issued: 2, // C D
      served: 2,
      noShows: 0,
      transferred: 0,
      waitMinutes: { mean: 20, median: 18, p90: 22 },
      withinTargetWait: 0,
      handlingMinutes: { mean: 3.5, median: 2, p90: 5 },
      withinHandlingLimit: 1,
      ratings: { count: 1, mean: 4 },
    };
    expect(r.counters[0]).toMatchObject(c2);
    expect(r.counters[1]).toMatchObject(c3);
    // Each clerk sat at one counter all day, so their figures are that counter's; 王 (4 strokes) before 李 (7).
    expect(r.clerks.map((c) => c.name)).toEqual(['王小明', '李大華']);
    expect(r.clerks[0]).toMatchObject(c2);
    expect(r.clerks[1]).toMatchObject(c3);
    // The supervisor did nothing to a ticket, so is not listed.
    expect(r.clerks).toHaveLength(2);
  });

  it('lists every day of the range, the empty one all zeros, and the tickets per hour', async () => {
    const r = await report();
    expect(r.days.map((d) => d.businessDate)).toEqual(['2026-12-01', '2026-12-02']);
    expect(r.days[0]).toEqual({ businessDate: '2026-12-01', ...r.totals });
    expect(r.days[1]).toEqual({ businessDate: '2026-12-02', ...EMPTY });
    expect(r.hourly).toHaveLength(24);
    expect(r.hourly.filter((h) => h.issued + h.served > 0)).toEqual([{ hour: 9, issued: 4, served: 3 }]);
    // The second day alone is a report of nothing.
    const empty = await report('?from=2026-12-02&to=2026-12-02');
    expect(empty.totals).toEqual(EMPTY);
    expect(empty.counters).toEqual([]);
    expect(empty.clerks).toEqual([]);
  });

  it('is in /docs under reports', async () => {
    const res = await day.t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json<{ paths: Record<string, { get?: { tags?: string[]; responses?: Record<string, unknown> } }> }>().paths;
    for (const path of ['/api/v1/reports', '/api/v1/reports.csv', '/api/v1/reports.ods', '/api/v1/reports.pdf']) {
      expect(paths[path]?.get?.tags, path).toEqual(['reports']);
      expect(Object.keys(paths[path]?.get?.responses ?? {}), path).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    }
  });
});

describe('GET /api/v1/reports.csv', () => {
  it('is a download, never cached: UTF-8 with a byte-order mark, a header and a row per group, the same figures as the JSON', async () => {
    const res = await send(day.t.app, 'GET', `/api/v1/reports.csv${RANGE}`, day.supervisor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="jiaohao-report-2026-12-01-2026-12-02.csv"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const lines = res.rawPayload.toString('utf8').slice(1).split('\r\n');
    expect(lines.pop(), 'the file ends with CRLF').toBe('');
    const [header, ...rows] = lines.map(csvFields);
    expect(header?.slice(0, 8)).toEqual(['section', 'id', 'name', 'issued', 'served', 'no_shows', 'cancelled', 'transferred']);
    expect(header).toHaveLength(20);
    const get = (section: string, id: string) => {
      const row = rows.find((r) => r[0] === section && r[1] === id);
      expect(row, `${section} ${id}`).toBeDefined();
      return Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    };
    expect(rows.map((r) => r[0])).toEqual([
      'total',
      ...['service', 'service', 'service'],
      ...['counter', 'counter'],
      ...['clerk', 'clerk'],
      ...['day', 'day'],
      ...Array<string>(24).fill('hour'),
    ]);
    expect(get('total', 'total')).toMatchObject({ name: '合計', issued: '4', served: '3', wait_mean_min: '16.3', wait_median_min: '15', wait_p90_min: '22', within_target_wait: '0.5', ratings_mean: '4' });
    expect(get('service', 'cert')).toMatchObject({ name: '自然人憑證', served: '2', handling_mean_min: '3.5', within_target_wait: '0', within_handling_limit: '1' });
    expect(get('counter', 'c2')).toMatchObject({ name: '2號櫃臺', issued: '3', no_shows: '1', transferred: '1' });
    const lee = rows.find((r) => r[0] === 'clerk' && r[2] === '李大華');
    expect(lee?.slice(3, 8)).toEqual(['2', '2', '0', '0', '0']);
    // The empty day: zeros for counts, empty fields for what could not be measured.
    expect(get('day', '2026-12-02')).toMatchObject({ issued: '0', wait_mean_min: '', within_target_wait: '', ratings_count: '0', ratings_mean: '' });
    expect(get('hour', '09')).toMatchObject({ name: '09:00–10:00', issued: '4', served: '3', no_shows: '' });
  });
});
