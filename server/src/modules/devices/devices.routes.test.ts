// HTTP tests for kiosks and displays: registration (token shown once), the token as bearer,
// revocation, and the per-device issuing rate limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY_SETTINGS, type Device, type DisplaySettings } from '@jiaohao/shared';
import { testApp, type TestApp } from '../../testing/fixtures';
import { errorCode, send } from '../../testing/http';

let t: TestApp;

async function register(kind: 'kiosk' | 'display', name: string): Promise<{ device: Device; token: string }> {
  const res = await send(t.app, 'POST', '/api/v1/devices', t.adminToken, { kind, name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

describe('POST /api/v1/devices and GET /api/v1/devices (admin)', () => {
  it('registering returns the token once; the list never shows it', async () => {
    const { device, token } = await register('kiosk', 'Kiosk at the door');
    expect(token).toMatch(/^jhd_[A-Za-z0-9_-]{40,}$/);
    expect(device).toEqual({
      id: expect.any(String),
      kind: 'kiosk',
      name: 'Kiosk at the door',
      createdAt: new Date(t.clock.now).toISOString(),
      revokedAt: null,
      lastSeenAt: null,
      display: null,
    });
    t.clock.minutes(1);
    const other = await register('display', 'Hall display');
    expect(other.token).not.toBe(token);
    // A new display shows every line and counter, with the default layout and sound.
    expect(other.device.display).toEqual(DEFAULT_DISPLAY_SETTINGS);

    const list = await send(t.app, 'GET', '/api/v1/devices', t.adminToken);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([device, other.device]);
    expect(list.body).not.toContain(token);
    expect(list.body).not.toContain(other.token);
    expect(list.body).not.toMatch(/token/i);
  });

  it('only an admin registers or lists devices', async () => {
    const supervisor = await t.staffToken('supervisor');
    const kiosk = t.deviceToken('kiosk');
    for (const token of [supervisor, kiosk, undefined]) {
      const expected = token ? 403 : 401;
      const post = await send(t.app, 'POST', '/api/v1/devices', token, { kind: 'kiosk', name: 'rogue' });
      expect(post.statusCode).toBe(expected);
      expect(post.body).not.toMatch(/jhd_/);
      expect((await send(t.app, 'GET', '/api/v1/devices', token)).statusCode).toBe(expected);
    }
    const names = (await send(t.app, 'GET', '/api/v1/devices', t.adminToken)).json<Device[]>().map((d) => d.name);
    expect(names).not.toContain('rogue');
  });

  it('a bad kind or an empty name is 400', async () => {
    const kind = await send(t.app, 'POST', '/api/v1/devices', t.adminToken, { kind: 'printer', name: 'x' });
    expect(kind.statusCode).toBe(400);
    expect(errorCode(kind)).toBe('validation_failed');
    const name = await send(t.app, 'POST', '/api/v1/devices', t.adminToken, { kind: 'kiosk', name: '' });
    expect(name.statusCode).toBe(400);
    expect((await send(t.app, 'GET', '/api/v1/devices', t.adminToken)).json()).toEqual([]);
  });
});

describe('device tokens', () => {
  it('a kiosk token works as bearer: it issues tickets (channel kiosk) and reads services', async () => {
    const { token } = await register('kiosk', 'Kiosk 1');
    const issued = await send(t.app, 'POST', '/api/v1/tickets', token, { serviceId: 'reg' });
    expect(issued.statusCode).toBe(201);
    expect(issued.json().ticket).toMatchObject({ channel: 'kiosk', number: '1001' });
    expect((await send(t.app, 'GET', '/api/v1/services', token)).statusCode).toBe(200);
  });

  it('a display token reads the snapshot but may not issue or act as staff', async () => {
    const { token } = await register('display', 'Display 1');
    expect((await send(t.app, 'GET', '/api/v1/snapshot', token)).statusCode).toBe(200);
    expect((await send(t.app, 'POST', '/api/v1/tickets', token, { serviceId: 'reg' })).statusCode).toBe(403);
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/open', token)).statusCode).toBe(403);
    expect((await send(t.app, 'GET', '/api/v1/devices', token)).statusCode).toBe(403);
  });
});

describe('PATCH /api/v1/devices/:id (admin)', () => {
  it('renames a device', async () => {
    const { device, token } = await register('display', 'Old name');
    const res = await send(t.app, 'PATCH', `/api/v1/devices/${device.id}`, t.adminToken, { name: 'New name' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...device, name: 'New name' });
    expect((await send(t.app, 'GET', '/api/v1/snapshot', token)).statusCode).toBe(200);
  });

  it('a revoked token is 401 at once; a revoked device stays revoked', async () => {
    const { device, token } = await register('kiosk', 'Stolen kiosk');
    const other = await register('kiosk', 'Good kiosk');
    expect((await send(t.app, 'POST', '/api/v1/tickets', token, { serviceId: 'reg' })).statusCode).toBe(201);

    t.clock.minutes(5);
    const revoke = await send(t.app, 'PATCH', `/api/v1/devices/${device.id}`, t.adminToken, { revoked: true });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json()).toMatchObject({ id: device.id, revokedAt: new Date(t.clock.now).toISOString() });

    const before = t.eventCount();
    const refused = await send(t.app, 'POST', '/api/v1/tickets', token, { serviceId: 'reg' });
    expect(refused.statusCode).toBe(401);
    expect(errorCode(refused)).toBe('unauthenticated');
    expect((await send(t.app, 'GET', '/api/v1/snapshot', token)).statusCode).toBe(401);
    expect(t.eventCount()).toBe(before);
    // Another device is not affected.
    expect((await send(t.app, 'POST', '/api/v1/tickets', other.token, { serviceId: 'reg' })).statusCode).toBe(201);

    const unrevoke = await send(t.app, 'PATCH', `/api/v1/devices/${device.id}`, t.adminToken, { revoked: false });
    expect(unrevoke.statusCode).toBe(409);
    expect(errorCode(unrevoke)).toBe('conflict');
    expect((await send(t.app, 'POST', '/api/v1/tickets', token, { serviceId: 'reg' })).statusCode).toBe(401);
    const list = (await send(t.app, 'GET', '/api/v1/devices', t.adminToken)).json<Device[]>();
    expect(list.find((d) => d.id === device.id)?.revokedAt).not.toBeNull();
  });

  it('only an admin; an unknown id 404; an empty patch 400', async () => {
    const { device, token } = await register('kiosk', 'Kiosk');
    const supervisor = await t.staffToken('supervisor');
    expect((await send(t.app, 'PATCH', `/api/v1/devices/${device.id}`, supervisor, { revoked: true })).statusCode).toBe(403);
    expect((await send(t.app, 'PATCH', `/api/v1/devices/${device.id}`, token, { revoked: true })).statusCode).toBe(403);
    expect((await send(t.app, 'PATCH', `/api/v1/devices/${device.id}`, undefined, { revoked: true })).statusCode).toBe(401);
    expect((await send(t.app, 'POST', '/api/v1/tickets', token, { serviceId: 'reg' })).statusCode).toBe(201);
    const missing = await send(t.app, 'PATCH', '/api/v1/devices/no-such-device', t.adminToken, { revoked: true });
    expect(missing.statusCode).toBe(404);
    expect(errorCode(missing)).toBe('not_found');
    expect((await send(t.app, 'PATCH', `/api/v1/devices/${device.id}`, t.adminToken, {})).statusCode).toBe(400);
  });
});

describe('issue rate limit per device', () => {
  it("with rateLimits 'on' and issuePerMinute 2 the third ticket is 429 rate_limited; a second device still issues", async () => {
    await t.close();
    t = await testApp({ config: { rateLimits: 'on', issuePerMinute: 2 } });
    const first = await register('kiosk', 'Kiosk A');
    const second = await register('kiosk', 'Kiosk B');
    for (let i = 0; i < 2; i++) expect((await send(t.app, 'POST', '/api/v1/tickets', first.token, { serviceId: 'reg' })).statusCode).toBe(201);
    const before = t.eventCount();
    const limited = await send(t.app, 'POST', '/api/v1/tickets', first.token, { serviceId: 'reg' });
    expect(limited.statusCode).toBe(429);
    expect(errorCode(limited)).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // No ticket; only the supervisors' alert about this device.
    expect(t.eventCount()).toBe(before + 1);
    expect(t.store.events.after(before)).toMatchObject([{ type: 'alert:raised', data: { alert: { by: { kind: 'device', id: first.device.id } } } }]);

    const other = await send(t.app, 'POST', '/api/v1/tickets', second.token, { serviceId: 'reg' });
    expect(other.statusCode).toBe(201);
    expect(other.json().ticket.number).toBe('1003');
  });
});

describe("a display's settings (PATCH /api/v1/devices/:id with display)", () => {
  const zone: DisplaySettings = {
    serviceIds: ['reg', 'cert'],
    counterIds: ['c1', 'c3'],
    orientation: 'portrait',
    volume: 55,
    repeat: 2,
    languages: ['en', 'vi'],
    voice: 'clips',
  };
  const patchDevice = (id: string, body: object) => send(t.app, 'PATCH', `/api/v1/devices/${id}`, t.adminToken, body);
  const listed = async (id: string) => (await send(t.app, 'GET', '/api/v1/devices', t.adminToken)).json<Device[]>().find((d) => d.id === id);

  it('replaces them whole, keeps them, and says so in the log (device:changed, without the settings)', async () => {
    const { device } = await register('display', 'Zone A');
    const before = t.eventCount();
    const res = await patchDevice(device.id, { display: zone });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...device, display: zone });
    expect(await listed(device.id)).toEqual({ ...device, display: zone });
    expect(t.store.events.after(before)).toMatchObject([{ type: 'device:changed', data: { device: { id: device.id, kind: 'display', revoked: false } } }]);

    // Renaming leaves them; every line and counter again is null.
    expect((await patchDevice(device.id, { name: 'Zone A (2F)' })).json<Device>().display).toEqual(zone);
    const all = { ...zone, serviceIds: null, counterIds: null };
    expect((await patchDevice(device.id, { display: all })).json<Device>().display).toEqual(all);
  });

  it('a kiosk has none: setting them is 400 naming the field, and nothing changes', async () => {
    const { device } = await register('kiosk', 'Kiosk');
    const before = t.eventCount();
    const res = await patchDevice(device.id, { display: zone });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('validation_failed');
    expect(res.json().error.details).toEqual([{ path: '/display', message: 'only a display has these settings' }]);
    expect(t.eventCount()).toBe(before);
    expect((await listed(device.id))?.display).toBeNull();
  });

  it('an unknown line or counter is 400 naming the field', async () => {
    const { device } = await register('display', 'Zone B');
    const line = await patchDevice(device.id, { display: { ...zone, serviceIds: ['reg', 'no-such-line'] } });
    expect(line.statusCode).toBe(400);
    expect(errorCode(line)).toBe('validation_failed');
    expect(line.json().error.details).toEqual([{ path: '/display/serviceIds', message: 'No service no-such-line' }]);
    const counter = await patchDevice(device.id, { display: { ...zone, counterIds: ['c9'] } });
    expect(counter.statusCode).toBe(400);
    expect(counter.json().error.details).toEqual([{ path: '/display/counterIds', message: 'No counter c9' }]);
    expect((await listed(device.id))?.display).toEqual(DEFAULT_DISPLAY_SETTINGS);
  });

  it('refuses settings out of bounds, partial or with unknown keys (the schema)', async () => {
    const { device } = await register('display', 'Zone C');
    const { voice: _v, ...partial } = zone;
    for (const display of [
      { ...zone, volume: 101 },
      { ...zone, repeat: 0 },
      { ...zone, repeat: 4 },
      { ...zone, orientation: 'upside-down' },
      { ...zone, voice: 'robot' },
      { ...zone, languages: ['en', 'en'] },
      { ...zone, languages: ['klingon'] },
      { ...zone, serviceIds: Array.from({ length: 101 }, (_, i) => `s${i}`) },
      partial,
      { ...zone, colour: 'red' },
    ]) {
      const res = await patchDevice(device.id, { display });
      expect([JSON.stringify(display).slice(0, 80), res.statusCode, errorCode(res)]).toEqual([JSON.stringify(display).slice(0, 80), 400, 'validation_failed']);
    }
    expect((await listed(device.id))?.display).toEqual(DEFAULT_DISPLAY_SETTINGS);
  });

  it('a display registered before displays had settings reads as the defaults; one stored before a setting existed gets its default', async () => {
    const { device } = await register('display', 'Old display');
    t.store.db.prepare('UPDATE devices SET display = NULL WHERE id = ?').run(device.id);
    expect(await listed(device.id)).toEqual({ ...device, display: DEFAULT_DISPLAY_SETTINGS });
    const { voice: _v, languages: _l, ...older } = zone;
    t.store.db.prepare('UPDATE devices SET display = ? WHERE id = ?').run(JSON.stringify(older), device.id);
    expect((await listed(device.id))?.display).toEqual({ ...zone, voice: DEFAULT_DISPLAY_SETTINGS.voice, languages: DEFAULT_DISPLAY_SETTINGS.languages });
  });
});

describe('POST /api/v1/tickets/:ticketId/print-failed (a kiosk that could not print)', () => {
  it('alerts the supervisors with the kiosk, the number and why; the ticket is unchanged', async () => {
    const { device, token } = await register('kiosk', '1樓取號機');
    const issued = (await send(t.app, 'POST', '/api/v1/tickets', token, { serviceId: 'reg' })).json().ticket;
    const before = t.store.events.lastSeq;
    const res = await send(t.app, 'POST', `/api/v1/tickets/${issued.id}/print-failed`, token, { reason: 'printer_error' });
    expect(res.statusCode, res.body).toBe(200);
    expect(t.store.events.after(before)).toMatchObject([
      {
        type: 'alert:raised',
        actor: { kind: 'device', id: device.id },
        data: { alert: { kind: 'print_failed', by: { kind: 'device', id: device.id }, deviceName: '1樓取號機', ticketId: issued.id, number: issued.number, reason: 'printer_error' } },
      },
    ]);
    expect((await send(t.app, 'GET', `/api/v1/tickets/${issued.id}`, t.adminToken)).json().ticket.state).toBe('waiting');
  });

  it('only a kiosk may say so; an unknown ticket is 404 and a reason not on the list 400, and nothing is logged', async () => {
    const { token } = await register('kiosk', 'Kiosk');
    const display = await register('display', 'Hall');
    const issued = (await send(t.app, 'POST', '/api/v1/tickets', token, { serviceId: 'reg' })).json().ticket;
    const before = t.store.events.lastSeq;
    expect((await send(t.app, 'POST', `/api/v1/tickets/${issued.id}/print-failed`, t.adminToken, { reason: 'timeout' })).statusCode).toBe(403);
    expect((await send(t.app, 'POST', `/api/v1/tickets/${issued.id}/print-failed`, display.token, { reason: 'timeout' })).statusCode).toBe(403);
    const unknown = await send(t.app, 'POST', '/api/v1/tickets/00000000-0000-4000-8000-000000000000/print-failed', token, { reason: 'timeout' });
    expect(errorCode(unknown)).toBe('not_found');
    expect((await send(t.app, 'POST', `/api/v1/tickets/${issued.id}/print-failed`, token, { reason: 'on fire' })).statusCode).toBe(400);
    expect(t.store.events.lastSeq).toBe(before);
  });
});
