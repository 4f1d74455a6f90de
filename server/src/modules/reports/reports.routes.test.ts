// HTTP tests for today's figures: per line and in total, from the day's tickets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TodayStats } from '@jiaohao/shared';
import { Value } from '@sinclair/typebox/value';
import type { TestApp } from '../../testing/fixtures';
import { errorCode, officeWithClerkAndKiosk, send } from '../../testing/http';

let t: TestApp;
let clerk: string;
let kiosk: string;
let supervisor: string;

async function issue(serviceId: string): Promise<string> {
  const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ ticket: { id: string } }>().ticket.id;
}
const post = async (url: string, body?: object) => {
  const res = await send(t.app, 'POST', url, clerk, body);
  expect(res.statusCode, `${url} ${res.body}`).toBe(200);
  return res.json();
};
async function stats(token = supervisor): Promise<TodayStats> {
  const res = await send(t.app, 'GET', '/api/v1/stats/today', token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TodayStats>();
}

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
  supervisor = await t.staffToken('supervisor');
});
afterEach(() => t.close());

describe('GET /api/v1/stats/today (supervisor)', () => {
  it('is all zeros and nulls before the first ticket, for every line in order', async () => {
    const s = await stats();
    expect(Value.Check(TodayStats, s)).toBe(true);
    expect(s).toMatchObject({ businessDate: '2026-12-01', at: new Date(t.clock.now).toISOString() });
    expect(s.services.map((l) => l.serviceId)).toEqual(['reg', 'cert', 'small']);
    expect(s.totals).toEqual({
      issued: 0,
      served: 0,
      noShows: 0,
      cancelled: 0,
      waiting: 0,
      waitMinutes: { mean: null, p90: null },
      handlingMinutes: { mean: null },
      ratings: { count: 0, mean: null },
    });
  });

  it('counts issued, served, no-shows, cancelled and waiting, and measures the waits (issue → call) and handling', async () => {
    await post('/api/v1/counters/c2/open');
    // Four reg tickets a minute apart.
    const reg: string[] = [];
    for (let i = 0; i < 4; i++) {
      reg.push(await issue('reg'));
      t.clock.minutes(1);
    }
    t.clock.minutes(5); // 09:09; reg[0] was issued at 09:00

    // reg[0]: waited 9 min, served in 4.
    await post('/api/v1/counters/c2/call-next');
    await post(`/api/v1/tickets/${reg[0]}/start`);
    t.clock.minutes(4);
    await post(`/api/v1/tickets/${reg[0]}/finish`);
    // reg[1]: waited 12 min (called at 09:13), served in 2.
    await post('/api/v1/counters/c2/call-next');
    await post(`/api/v1/tickets/${reg[1]}/start`);
    t.clock.minutes(2);
    await post(`/api/v1/tickets/${reg[1]}/finish`);
    // reg[2]: called at 09:15 after 13 min, did not come.
    await post('/api/v1/counters/c2/call-next');
    await post(`/api/v1/tickets/${reg[2]}/no-show`, { reason: 'left_office' });
    // reg[3] is cancelled; a cert ticket still waits.
    await post(`/api/v1/tickets/${reg[3]}/cancel`, { reason: 'resident_request' });
    await issue('cert');

    const s = await stats();
    expect(Value.Check(TodayStats, s)).toBe(true);
    const line = (id: string) => s.services.find((l) => l.serviceId === id);
    expect(line('reg')).toEqual({
      serviceId: 'reg',
      issued: 4,
      served: 2,
      noShows: 1,
      cancelled: 1,
      waiting: 0,
      waitMinutes: { mean: 11.3, p90: 13 },
      handlingMinutes: { mean: 3 },
      ratings: { count: 0, mean: null },
    });
    expect(line('cert')).toMatchObject({ issued: 1, waiting: 1, served: 0, waitMinutes: { mean: null, p90: null } });
    expect(s.totals).toMatchObject({ issued: 5, served: 2, noShows: 1, cancelled: 1, waiting: 1, waitMinutes: { mean: 11.3, p90: 13 }, handlingMinutes: { mean: 3 } });
  });

  it("counts the residents' ratings (滿意度) in the line that finished the ticket, with the mean to a tenth; yesterday's stay yesterday's", async () => {
    await post('/api/v1/counters/c2/open');
    const rated: { token: string; serviceId: string }[] = [];
    for (const serviceId of ['reg', 'reg', 'reg', 'cert']) {
      const { ticket } = (await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId })).json<{ ticket: { id: string; trackingToken: string } }>();
      await post('/api/v1/counters/c2/call-next');
      await post(`/api/v1/tickets/${ticket.id}/start`);
      await post(`/api/v1/tickets/${ticket.id}/finish`);
      rated.push({ token: ticket.trackingToken, serviceId });
    }
    const scores = [5, 4, 4, 2];
    for (const [i, r] of rated.entries()) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/public/tickets/${r.token}/rating`, payload: { score: scores[i] } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const s = await stats();
    expect(Value.Check(TodayStats, s)).toBe(true);
    const line = (id: string) => s.services.find((l) => l.serviceId === id);
    expect(line('reg')?.ratings).toEqual({ count: 3, mean: 4.3 });
    expect(line('cert')?.ratings).toEqual({ count: 1, mean: 2 });
    expect(line('small')?.ratings).toEqual({ count: 0, mean: null });
    expect(s.totals.ratings).toEqual({ count: 4, mean: 3.8 });

    // A ticket finished late yesterday and rated this morning counts for yesterday, not today.
    const { ticket: late } = (await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' })).json<{ ticket: { id: string; trackingToken: string } }>();
    await post('/api/v1/counters/c2/call-next');
    await post(`/api/v1/tickets/${late.id}/start`);
    await post(`/api/v1/tickets/${late.id}/finish`);
    t.clock.set('2026-12-02T01:00:00.000Z');
    supervisor = await t.staffToken('supervisor');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/public/tickets/${late.trackingToken}/rating`, payload: { score: 1 } })).statusCode).toBe(201);
    expect((await stats()).totals.ratings).toEqual({ count: 0, mean: null });
  });

  it('counts only today: after midnight the new day starts from zero', async () => {
    await issue('reg');
    expect((await stats()).totals.issued).toBe(1);
    t.clock.set('2026-12-02T01:00:00.000Z');
    supervisor = await t.staffToken('supervisor'); // yesterday's 12-hour session has run out
    const s = await stats();
    expect(s.businessDate).toBe('2026-12-02');
    expect(s.totals.issued).toBe(0);
  });

  it('is for supervisors and admins: a clerk or a device gets 403, nobody 401', async () => {
    for (const token of [clerk, kiosk]) {
      const res = await send(t.app, 'GET', '/api/v1/stats/today', token);
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('forbidden');
    }
    expect((await send(t.app, 'GET', '/api/v1/stats/today')).statusCode).toBe(401);
    expect((await stats(t.adminToken)).totals.issued).toBe(0);
  });
});
