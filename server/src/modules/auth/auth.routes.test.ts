// HTTP tests for staff login (cookie and bearer), logout, lockout, the login rate limit and the
// admin's staff accounts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Staff } from '@jiaohao/shared';
import { testApp, type TestApp } from '../../testing/fixtures';
import { errorCode, send } from '../../testing/http';
import { SESSION_COOKIE } from '../../http/auth';

let t: TestApp;

const PASSWORD = 'a long enough password';

function login(username: string, password: string, from = '127.0.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: from });
}

async function createStaff(role: Staff['role'], username: string): Promise<Staff> {
  const res = await send(t.app, 'POST', '/api/v1/staff', t.adminToken, { username, displayName: `The ${role}`, role, password: PASSWORD });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Staff>();
}

beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

describe('POST /api/v1/auth/login', () => {
  it('returns a bearer token and sets an httpOnly, SameSite=Strict session cookie', async () => {
    const staff = await createStaff('clerk', 'mei');
    const res = await login('mei', PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^jhs_/);
    expect(body.staff).toEqual(staff);
    expect(body.expiresAt).toBe(new Date(t.clock.now + t.services.config.sessionHours * 3_600_000).toISOString());
    expect(res.body).not.toContain('password');

    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toBeDefined();
    expect(cookie).toMatchObject({ value: body.token, httpOnly: true, sameSite: 'Strict', path: '/' });
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);

    // The bearer token works on its own.
    const me = await send(t.app, 'GET', '/api/v1/auth/me', body.token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ staff });
  });

  it('the cookie alone authenticates', async () => {
    const staff = await createStaff('supervisor', 'wang');
    const res = await login('wang', PASSWORD);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { [SESSION_COOKIE]: cookie.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json().staff).toEqual(staff);
    // …and carries the role: a supervisor may close the day with it.
    const close = await t.app.inject({ method: 'POST', url: '/api/v1/day/close', cookies: { [SESSION_COOKIE]: cookie.value } });
    expect(close.statusCode).toBe(200);
    const forged = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { [SESSION_COOKIE]: 'jhs_forged' } });
    expect(forged.statusCode).toBe(401);
  });

  it('a change made with the cookie from another site is 403 and writes nothing; from the own pages it works', async () => {
    await createStaff('clerk', 'chen');
    const cookie = (await login('chen', PASSWORD)).cookies.find((c) => c.name === SESSION_COOKIE)!;
    const cookies = { [SESSION_COOKIE]: cookie.value };
    const before = t.eventCount();
    const foreign = await t.app.inject({ method: 'POST', url: '/api/v1/counters/c2/open', cookies, headers: { origin: 'https://evil.example', host: 'office.local' } });
    expect(foreign.statusCode).toBe(403);
    expect(errorCode(foreign)).toBe('forbidden');
    expect(t.eventCount()).toBe(before);
    // Reading with the cookie from anywhere is harmless (CORS keeps the answer from the foreign page).
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/counters', cookies, headers: { origin: 'https://evil.example', host: 'office.local' } });
    expect(read.statusCode).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    const own = await t.app.inject({ method: 'POST', url: '/api/v1/counters/c2/open', cookies, headers: { origin: 'http://office.local', host: 'office.local' } });
    expect(own.statusCode, own.body).toBe(200);
    // A bearer token is no ambient credential: a script elsewhere that holds one may use it.
    const bearer = (await login('chen', PASSWORD)).json().token as string;
    const withToken = await t.app.inject({ method: 'POST', url: '/api/v1/counters/c2/pause', payload: { reason: 'meal' }, headers: { authorization: `Bearer ${bearer}`, origin: 'https://tool.example' } });
    expect(withToken.statusCode, withToken.body).toBe(200);
  });

  it('a wrong password or an unknown user is 401 invalid_credentials, with no cookie', async () => {
    await createStaff('clerk', 'lin');
    const wrong = await login('lin', 'not the right password');
    expect(wrong.statusCode).toBe(401);
    expect(errorCode(wrong)).toBe('invalid_credentials');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const unknown = await login('nobody', PASSWORD);
    expect(unknown.statusCode).toBe(401);
    expect(errorCode(unknown)).toBe('invalid_credentials');
    // Both answers read the same: the answer does not tell which usernames exist.
    expect(unknown.json()).toEqual(wrong.json());
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lin' } });
    expect(missing.statusCode).toBe(400);
    expect(errorCode(missing)).toBe('validation_failed');
  });

  it('the session ends after sessionHours', async () => {
    await createStaff('clerk', 'kao');
    const token = (await login('kao', PASSWORD)).json().token;
    t.clock.minutes(t.services.config.sessionHours * 60 - 1);
    expect((await send(t.app, 'GET', '/api/v1/auth/me', token)).statusCode).toBe(200);
    t.clock.minutes(1);
    expect((await send(t.app, 'GET', '/api/v1/auth/me', token)).statusCode).toBe(401);
  });
});

describe('failed logins slow the guesser down, never lock the owner out', () => {
  const fail = async (username: string, from: string, n: number) => {
    for (let i = 0; i < n; i++) expect((await login(username, `wrong password ${i}`, from)).statusCode).toBe(401);
  };

  it('after lockoutAttempts failures from one address, that address waits 1 min, then 2, 4… at most lockoutMinutes', async () => {
    await createStaff('clerk', 'chen');
    const { lockoutAttempts, lockoutMinutes } = t.services.config;
    await fail('chen', '10.0.0.9', lockoutAttempts);
    const blocked = await login('chen', PASSWORD, '10.0.0.9');
    expect(blocked.statusCode).toBe(429);
    expect(errorCode(blocked)).toBe('locked_out');
    expect(Number(blocked.headers['retry-after'])).toBe(60);
    expect(blocked.headers['set-cookie']).toBeUndefined();
    // Each further failure doubles the wait, up to lockoutMinutes.
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      t.clock.minutes(waits.at(-1) ?? 1);
      await fail('chen', '10.0.0.9', 1);
      waits.push(Number((await login('chen', PASSWORD, '10.0.0.9')).headers['retry-after']) / 60);
    }
    expect(waits).toEqual([2, 4, 8, lockoutMinutes, lockoutMinutes, lockoutMinutes]);
    // Once the wait is over, the right password gets in and the count starts again.
    t.clock.minutes(lockoutMinutes);
    expect((await login('chen', PASSWORD, '10.0.0.9')).statusCode).toBe(200);
    await fail('chen', '10.0.0.9', lockoutAttempts - 1);
    expect((await login('chen', PASSWORD, '10.0.0.9')).statusCode).toBe(200);
  });

  it('someone guessing from another address does not stop the owner (was: five wrong passwords locked anyone out, admin included)', async () => {
    await createStaff('clerk', 'lin');
    await fail('lin', '10.0.0.66', t.services.config.lockoutAttempts);
    expect((await login('lin', PASSWORD, '10.0.0.66')).statusCode).toBe(429);
    expect((await login('lin', PASSWORD, '10.0.0.12')).statusCode).toBe(200);
    // The admin too, and the username's case does not open a second count.
    await fail('ADMIN', '10.0.0.66', t.services.config.lockoutAttempts);
    expect((await login('admin', 'test-admin-password', '10.0.0.66')).statusCode).toBe(429);
    expect((await login('admin', 'test-admin-password', '10.0.0.1')).statusCode).toBe(200);
  });

  it('guessing from many addresses slows down new addresses; the usual address of the owner still gets in', async () => {
    await createStaff('clerk', 'hsu');
    expect((await login('hsu', PASSWORD, '10.0.0.20')).statusCode).toBe(200); // the owner's desk
    const { lockoutAttempts } = t.services.config;
    for (let i = 0; i < lockoutAttempts * 4; i++) expect((await login('hsu', `guess ${i}`, `198.51.100.${i}`)).statusCode).toBe(401);
    const stranger = await login('hsu', PASSWORD, '203.0.113.7');
    expect(stranger.statusCode).toBe(429);
    expect(errorCode(stranger)).toBe('locked_out');
    expect((await login('hsu', PASSWORD, '10.0.0.20')).statusCode).toBe(200);
  });

  it('an unknown username is answered exactly like an existing one, at every step', async () => {
    await createStaff('clerk', 'kuo');
    const answers = async (username: string) => {
      const seen: string[] = [];
      for (let i = 0; i < t.services.config.lockoutAttempts + 2; i++) {
        const res = await login(username, 'not the password', '10.0.0.30');
        seen.push(`${res.statusCode} ${res.headers['retry-after'] ?? '-'} ${res.body}`);
      }
      return seen;
    };
    const existing = await answers('kuo');
    expect(existing.at(-1)).toMatch(/^429 60 .*locked_out/);
    expect(await answers('nobody-here')).toEqual(existing);
  });

  it('an admin lifts every block on a username with unlock; a new password does too', async () => {
    const staff = await createStaff('clerk', 'locked');
    await fail('locked', '10.0.0.40', t.services.config.lockoutAttempts);
    expect((await login('locked', PASSWORD, '10.0.0.40')).statusCode).toBe(429);
    const unlock = await send(t.app, 'PATCH', `/api/v1/staff/${staff.id}`, t.adminToken, { unlock: true });
    expect(unlock.statusCode).toBe(200);
    expect((await login('locked', PASSWORD, '10.0.0.40')).statusCode).toBe(200);
    await fail('locked', '10.0.0.40', t.services.config.lockoutAttempts);
    const renewed = 'a brand new long password';
    await send(t.app, 'PATCH', `/api/v1/staff/${staff.id}`, t.adminToken, { password: renewed });
    expect((await login('locked', renewed, '10.0.0.40')).statusCode).toBe(200);
  });
});

describe('login rate limit', () => {
  it("with rateLimits 'on' and loginPerMinute 3 the fourth login in a minute is 429 rate_limited", async () => {
    await t.close();
    t = await testApp({ config: { rateLimits: 'on', loginPerMinute: 3 } });
    await createStaff('clerk', 'tsai');
    for (let i = 0; i < 3; i++) expect((await login('tsai', PASSWORD)).statusCode).toBe(200);
    const limited = await login('tsai', PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(errorCode(limited)).toBe('rate_limited');
    expect(limited.json().error.message).toMatch(/try again in \d+ s/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['set-cookie']).toBeUndefined();
    // Other routes are not limited by the login limit.
    expect((await send(t.app, 'GET', '/api/v1/auth/me', t.adminToken)).statusCode).toBe(200);
  });
});

describe('POST /api/v1/auth/logout and GET /api/v1/auth/me', () => {
  it('logout invalidates the token and clears the cookie', async () => {
    await createStaff('clerk', 'yang');
    const token = (await login('yang', PASSWORD)).json().token;
    expect((await send(t.app, 'GET', '/api/v1/auth/me', token)).statusCode).toBe(200);
    const out = await send(t.app, 'POST', '/api/v1/auth/logout', token);
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');
    const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime()).toBeLessThan(Date.now());
    const me = await send(t.app, 'GET', '/api/v1/auth/me', token);
    expect(me.statusCode).toBe(401);
    expect(errorCode(me)).toBe('unauthenticated');
    // The admin's own session is untouched.
    expect((await send(t.app, 'GET', '/api/v1/auth/me', t.adminToken)).statusCode).toBe(200);
  });

  it('logout with the cookie ends that session too', async () => {
    await createStaff('clerk', 'huang');
    const token = (await login('huang', PASSWORD)).json().token;
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { [SESSION_COOKIE]: token } });
    expect(out.statusCode).toBe(204);
    expect((await send(t.app, 'GET', '/api/v1/auth/me', token)).statusCode).toBe(401);
  });

  it('me without a session is 401; a device is 403', async () => {
    const anonymous = await send(t.app, 'GET', '/api/v1/auth/me');
    expect(anonymous.statusCode).toBe(401);
    expect(errorCode(anonymous)).toBe('unauthenticated');
    const device = await send(t.app, 'GET', '/api/v1/auth/me', t.deviceToken('display'));
    expect(device.statusCode).toBe(403);
    expect(errorCode(device)).toBe('forbidden');
  });
});

describe('staff accounts (admin)', () => {
  it('an admin lists and adds staff; no password or hash ever leaves the server', async () => {
    const created = await send(t.app, 'POST', '/api/v1/staff', t.adminToken, { username: 'li.wei', displayName: '李偉', role: 'clerk', password: PASSWORD });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: expect.any(String), username: 'li.wei', displayName: '李偉', role: 'clerk', active: true });
    const list = await send(t.app, 'GET', '/api/v1/staff', t.adminToken);
    expect(list.statusCode).toBe(200);
    expect(list.json<Staff[]>().map((s) => s.username)).toEqual(['admin', 'li.wei']);
    for (const body of [created.body, list.body]) {
      expect(body).not.toContain(PASSWORD);
      expect(body).not.toMatch(/password|scrypt|hash/i);
    }
    expect((await login('li.wei', PASSWORD)).statusCode).toBe(200);
  });

  it('a clerk or supervisor gets 403 on every staff route, nobody 401', async () => {
    const target = await createStaff('clerk', 'target');
    const clerk = await t.staffToken('clerk');
    const supervisor = await t.staffToken('supervisor');
    for (const token of [clerk, supervisor, undefined]) {
      const expected = token ? 403 : 401;
      expect((await send(t.app, 'GET', '/api/v1/staff', token)).statusCode).toBe(expected);
      const post = await send(t.app, 'POST', '/api/v1/staff', token, { username: 'sneaky', displayName: 'x', role: 'admin', password: PASSWORD });
      expect(post.statusCode).toBe(expected);
      const patch = await send(t.app, 'PATCH', `/api/v1/staff/${target.id}`, token, { role: 'admin' });
      expect(patch.statusCode).toBe(expected);
    }
    const list = (await send(t.app, 'GET', '/api/v1/staff', t.adminToken)).json<Staff[]>();
    expect(list.map((s) => s.username)).not.toContain('sneaky');
    expect(list.find((s) => s.id === target.id)?.role).toBe('clerk');
  });

  it('a taken username is 409; a short password or a bad username 400', async () => {
    await createStaff('clerk', 'dup');
    const dup = await send(t.app, 'POST', '/api/v1/staff', t.adminToken, { username: 'dup', displayName: 'Again', role: 'clerk', password: PASSWORD });
    expect(dup.statusCode).toBe(409);
    expect(errorCode(dup)).toBe('conflict');
    const short = await send(t.app, 'POST', '/api/v1/staff', t.adminToken, { username: 'shorty', displayName: 'S', role: 'clerk', password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(errorCode(short)).toBe('validation_failed');
    const badName = await send(t.app, 'POST', '/api/v1/staff', t.adminToken, { username: 'has space', displayName: 'S', role: 'clerk', password: PASSWORD });
    expect(badName.statusCode).toBe(400);
    const badRole = await send(t.app, 'POST', '/api/v1/staff', t.adminToken, { username: 'boss', displayName: 'S', role: 'root', password: PASSWORD });
    expect(badRole.statusCode).toBe(400);
  });

  it('an admin changes role, password and active; a deactivated account can neither log in nor use its session', async () => {
    const staff = await createStaff('clerk', 'wu');
    const token = (await login('wu', PASSWORD)).json().token;
    expect((await send(t.app, 'POST', '/api/v1/day/close', token)).statusCode).toBe(403);

    const promoted = await send(t.app, 'PATCH', `/api/v1/staff/${staff.id}`, t.adminToken, { role: 'supervisor', displayName: '吳主任' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ id: staff.id, role: 'supervisor', displayName: '吳主任', active: true });
    // The role counts at once, for the open session too.
    expect((await send(t.app, 'POST', '/api/v1/day/close', token)).statusCode).toBe(200);

    const newPassword = 'another long password';
    expect((await send(t.app, 'PATCH', `/api/v1/staff/${staff.id}`, t.adminToken, { password: newPassword })).statusCode).toBe(200);
    expect((await login('wu', PASSWORD)).statusCode).toBe(401);
    expect((await login('wu', newPassword)).statusCode).toBe(200);

    const off = await send(t.app, 'PATCH', `/api/v1/staff/${staff.id}`, t.adminToken, { active: false });
    expect(off.json().active).toBe(false);
    expect((await send(t.app, 'GET', '/api/v1/auth/me', token)).statusCode).toBe(401);
    const refused = await login('wu', newPassword);
    expect(refused.statusCode).toBe(401);
    expect(errorCode(refused)).toBe('invalid_credentials');
  });

  it('the last active admin cannot demote or disable itself (nobody could manage accounts again); with a second admin it can', async () => {
    const me = (await send(t.app, 'GET', '/api/v1/auth/me', t.adminToken)).json().staff as Staff;
    const before = t.eventCount();
    for (const patch of [{ role: 'supervisor' }, { active: false }, { role: 'clerk', active: false }]) {
      const res = await send(t.app, 'PATCH', `/api/v1/staff/${me.id}`, t.adminToken, patch);
      expect(res.statusCode, JSON.stringify(patch)).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/last active admin/) });
    }
    expect(t.eventCount()).toBe(before);
    expect((await send(t.app, 'GET', '/api/v1/auth/me', t.adminToken)).json().staff).toMatchObject({ role: 'admin', active: true });
    // A disabled admin does not count as the second one.
    const spare = await createStaff('admin', 'spare-admin');
    await send(t.app, 'PATCH', `/api/v1/staff/${spare.id}`, t.adminToken, { active: false });
    expect((await send(t.app, 'PATCH', `/api/v1/staff/${me.id}`, t.adminToken, { role: 'supervisor' })).statusCode).toBe(409);
    await send(t.app, 'PATCH', `/api/v1/staff/${spare.id}`, t.adminToken, { active: true });
    expect((await send(t.app, 'PATCH', `/api/v1/staff/${me.id}`, t.adminToken, { role: 'supervisor' })).statusCode).toBe(200);
  });

  it('an unknown id is 404, an empty or unknown patch 400', async () => {
    const staff = await createStaff('clerk', 'pan');
    const missing = await send(t.app, 'PATCH', '/api/v1/staff/no-such-id', t.adminToken, { role: 'admin' });
    expect(missing.statusCode).toBe(404);
    expect(errorCode(missing)).toBe('not_found');
    expect((await send(t.app, 'PATCH', `/api/v1/staff/${staff.id}`, t.adminToken, {})).statusCode).toBe(400);
    const unknown = await send(t.app, 'PATCH', `/api/v1/staff/${staff.id}`, t.adminToken, { username: 'renamed' });
    expect(unknown.statusCode).toBe(400);
    expect(errorCode(unknown)).toBe('validation_failed');
  });
});

describe('GET /api/v1/staff/names', () => {
  it('any staff member reads the active colleagues by id and display name, and nothing else', async () => {
    const mei = await createStaff('clerk', 'mei');
    const gone = await createStaff('clerk', 'gone');
    await send(t.app, 'PATCH', `/api/v1/staff/${gone.id}`, t.adminToken, { active: false });
    const clerk = (await login('mei', PASSWORD)).json().token as string;
    const res = await send(t.app, 'GET', '/api/v1/staff/names', clerk);
    expect(res.statusCode).toBe(200);
    const names = res.json<{ id: string; displayName: string }[]>();
    expect(names).toContainEqual({ id: mei.id, displayName: mei.displayName });
    expect(names.map((n) => n.id)).not.toContain(gone.id);
    // Names only: no usernames, roles or anything about logins.
    for (const n of names) expect(Object.keys(n).sort()).toEqual(['displayName', 'id']);
    expect(res.body).not.toContain('"mei"');
    expect((await send(t.app, 'GET', '/api/v1/staff/names', await t.staffToken('supervisor'))).statusCode).toBe(200);
  });

  it('is for staff: a device gets 403, nobody 401', async () => {
    expect((await send(t.app, 'GET', '/api/v1/staff/names', t.deviceToken('display'))).statusCode).toBe(403);
    expect((await send(t.app, 'GET', '/api/v1/staff/names')).statusCode).toBe(401);
  });
});
