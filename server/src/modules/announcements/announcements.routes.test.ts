// HTTP tests for announcements: a supervisor posts them to the displays (and kiosks and the public
// page) and withdraws them; they show in the snapshot and the public status until they end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Announcement, PublicStatus, Snapshot } from '@jiaohao/shared';
import type { TestApp } from '../../testing/fixtures';
import { errorCode, officeWithClerkAndKiosk, send } from '../../testing/http';

let t: TestApp;
let clerk: string;
let kiosk: string;
let supervisor: string;

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(t.clock.now + h * HOUR).toISOString();
const texts = { 'zh-TW': '今日下午三點起暫停受理護照業務', en: 'No passport applications after 3 pm today' };

async function post(body: object, token = supervisor) {
  return send(t.app, 'POST', '/api/v1/announcements', token, body);
}
async function snapshot(): Promise<Snapshot> {
  return (await send(t.app, 'GET', '/api/v1/snapshot', clerk)).json<Snapshot>();
}
async function publicStatus(): Promise<PublicStatus> {
  return (await send(t.app, 'GET', '/api/v1/public/status')).json<PublicStatus>();
}

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
  supervisor = await t.staffToken('supervisor');
});
afterEach(() => t.close());

describe('POST /api/v1/announcements (supervisor)', () => {
  it('posts an announcement for every line; it is in the snapshot, the public status and the log', async () => {
    const before = t.eventCount();
    const res = await post({ texts, endsAt: inHours(2) });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json<Announcement>();
    expect(a).toEqual({ id: expect.any(String), texts, serviceIds: null, postedAt: new Date(t.clock.now).toISOString(), endsAt: inHours(2) });
    expect(t.eventCount()).toBe(before + 1);
    expect((await snapshot()).announcements).toEqual([a]);
    expect((await publicStatus()).announcements).toEqual([a]);
    const log = (await send(t.app, 'GET', '/api/v1/events?after=0&limit=1000', supervisor)).json<{ events: { type: string; actor: { kind: string } }[] }>();
    expect(log.events.at(-1)).toMatchObject({ type: 'announcement:posted', actor: { kind: 'staff' }, data: { announcement: a } });
  });

  it('takes some lines, an end given in any zone (stored in UTC), and text in zh-TW alone', async () => {
    const endsAt = '2026-12-01T18:00:00+08:00';
    const res = await post({ texts: { 'zh-TW': '護照與憑證' }, serviceIds: ['reg', 'cert'], endsAt });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ serviceIds: ['reg', 'cert'], endsAt: '2026-12-01T10:00:00.000Z' });
    expect((await post({ texts, serviceIds: null, endsAt })).json().serviceIds).toBeNull();
  });

  it('shows it until it ends: an hour later it is gone from the snapshot and the public status', async () => {
    await post({ texts, endsAt: inHours(1) });
    const keeps = (await post({ texts: { 'zh-TW': '長期公告' }, endsAt: inHours(48) })).json<Announcement>();
    expect((await snapshot()).announcements).toHaveLength(2);
    t.clock.minutes(61);
    expect((await snapshot()).announcements).toEqual([keeps]);
    expect((await publicStatus()).announcements).toEqual([keeps]);
  });

  it('refuses an end in the past or more than 7 days ahead, an unknown or repeated line, and text without zh-TW; nothing is written', async () => {
    const before = t.eventCount();
    for (const [body, code] of [
      [{ texts, endsAt: inHours(-1) }, 'validation_failed'],
      [{ texts, endsAt: new Date(t.clock.now).toISOString() }, 'validation_failed'],
      [{ texts, endsAt: inHours(7 * 24 + 1) }, 'validation_failed'],
      [{ texts, endsAt: '2026-12-02T23:59:60+08:00' }, 'validation_failed'],
      [{ texts, serviceIds: ['reg', 'ghost'], endsAt: inHours(1) }, 'validation_failed'],
      [{ texts, serviceIds: ['reg', 'reg'], endsAt: inHours(1) }, 'validation_failed'],
      [{ texts, serviceIds: [], endsAt: inHours(1) }, 'validation_failed'],
      [{ texts: { en: 'English only' }, endsAt: inHours(1) }, 'validation_failed'],
      [{ texts: { 'zh-TW': '' }, endsAt: inHours(1) }, 'validation_failed'],
      [{ texts: { 'zh-TW': 'x'.repeat(201) }, endsAt: inHours(1) }, 'validation_failed'],
      [{ texts, endsAt: inHours(1), author: '王主任' }, 'validation_failed'],
    ] as const) {
      const res = await post(body);
      expect([JSON.stringify(body), res.statusCode, errorCode(res)]).toEqual([JSON.stringify(body), 400, code]);
    }
    expect(t.eventCount()).toBe(before);
    expect((await post({ texts, endsAt: inHours(7 * 24) })).statusCode).toBe(201);
  });

  it('is for supervisors and admins: a clerk or a device gets 403, nobody 401', async () => {
    const display = t.deviceToken('display');
    const before = t.eventCount();
    for (const token of [clerk, kiosk, display]) {
      const res = await post({ texts, endsAt: inHours(1) }, token);
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('forbidden');
    }
    expect((await send(t.app, 'POST', '/api/v1/announcements', undefined, { texts, endsAt: inHours(1) })).statusCode).toBe(401);
    expect(t.eventCount()).toBe(before);
    expect((await post({ texts, endsAt: inHours(1) }, t.adminToken)).statusCode).toBe(201);
  });

  it(`shows at most 20 at once: the next waits until one is withdrawn or ends`, async () => {
    const posted: Announcement[] = [];
    for (let i = 0; i < 20; i++) posted.push((await post({ texts: { 'zh-TW': `公告 ${i}` }, endsAt: inHours(1 + i) })).json<Announcement>());
    const full = await post({ texts, endsAt: inHours(1) });
    expect(full.statusCode).toBe(409);
    expect(errorCode(full)).toBe('conflict');
    await send(t.app, 'POST', `/api/v1/announcements/${posted[5]!.id}/withdraw`, supervisor);
    expect((await post({ texts, endsAt: inHours(1) })).statusCode).toBe(201);
  });
});

describe('POST /api/v1/announcements/:announcementId/withdraw (supervisor)', () => {
  it('takes it down at once; withdrawing it again, or one that ended, writes nothing', async () => {
    const a = (await post({ texts, endsAt: inHours(2) })).json<Announcement>();
    const other = (await post({ texts: { 'zh-TW': '另一則' }, endsAt: inHours(1) })).json<Announcement>();
    const res = await send(t.app, 'POST', `/api/v1/announcements/${a.id}/withdraw`, supervisor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(a);
    expect((await snapshot()).announcements).toEqual([other]);
    expect((await publicStatus()).announcements).toEqual([other]);

    const before = t.eventCount();
    expect((await send(t.app, 'POST', `/api/v1/announcements/${a.id}/withdraw`, supervisor)).statusCode).toBe(200);
    t.clock.minutes(61);
    expect((await send(t.app, 'POST', `/api/v1/announcements/${other.id}/withdraw`, supervisor)).statusCode).toBe(200);
    expect(t.eventCount()).toBe(before);
  });

  it('an unknown announcement is 404; a clerk 403', async () => {
    const a = (await post({ texts, endsAt: inHours(2) })).json<Announcement>();
    const missing = await send(t.app, 'POST', '/api/v1/announcements/no-such-one/withdraw', supervisor);
    expect(missing.statusCode).toBe(404);
    expect(errorCode(missing)).toBe('not_found');
    const denied = await send(t.app, 'POST', `/api/v1/announcements/${a.id}/withdraw`, clerk);
    expect(denied.statusCode).toBe(403);
    expect((await snapshot()).announcements).toEqual([a]);
  });
});
