// HTTP tests for the service lines and the office: the admin changes them, a supervisor may only
// open or close the issuing by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Office, type QueuePolicy, type Service } from '@jiaohao/shared';
import { testApp, type TestApp } from '../../testing/fixtures';
import { errorCode, send } from '../../testing/http';

let t: TestApp;
let clerk: string;

const range = (start: number, end: number) => ({ start, end, digits: 4, prefix: '', onExhausted: 'refuse' as const });

const passport = {
  id: 'passport',
  code: 'PP',
  names: { 'zh-TW': '護照', en: 'Passports' },
  numbering: range(4001, 4500),
  priorityNumbering: range(4901, 4999),
};

async function services(): Promise<Service[]> {
  const res = await send(t.app, 'GET', '/api/v1/services', clerk);
  expect(res.statusCode).toBe(200);
  return res.json<Service[]>();
}

async function office(): Promise<Office> {
  const res = await send(t.app, 'GET', '/api/v1/office', clerk);
  expect(res.statusCode).toBe(200);
  return res.json<Office>();
}

beforeEach(async () => {
  t = await testApp();
  clerk = await t.staffToken('clerk');
});
afterEach(() => t.close());

describe('GET /api/v1/services', () => {
  it('lists the lines to staff and devices; 401 without a token', async () => {
    const list = await services();
    expect(list.map((s) => s.id)).toEqual(['reg', 'cert', 'small']);
    expect(list[0]).toMatchObject({ code: 'RG', numbering: range(1001, 1799), priorityNumbering: range(1901, 1999), allowPriority: true, active: true });
    const byKiosk = await send(t.app, 'GET', '/api/v1/services', t.deviceToken('kiosk'));
    expect(byKiosk.statusCode).toBe(200);
    expect(byKiosk.json()).toEqual(list);
    const anonymous = await send(t.app, 'GET', '/api/v1/services');
    expect(anonymous.statusCode).toBe(401);
    expect(errorCode(anonymous)).toBe('unauthenticated');
  });
});

describe('POST /api/v1/services (admin)', () => {
  it('an admin adds a line with defaults; tickets can be issued for it', async () => {
    const res = await send(t.app, 'POST', '/api/v1/services', t.adminToken, passport);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      ...passport,
      appointmentNumbering: null,
      targetWaitMinutes: 20,
      targetHandlingMinutes: 10,
      dailyCap: null,
      allowPriority: true,
      allowAppointment: false,
      active: true,
      sortOrder: 3,
    });
    expect((await services()).map((s) => s.id)).toContain('passport');
    const ticket = await send(t.app, 'POST', '/api/v1/tickets', clerk, { serviceId: 'passport' });
    expect(ticket.statusCode).toBe(201);
    expect(ticket.json().ticket.number).toBe('4001');
  });

  it('a clerk or supervisor gets 403, nobody 401; nothing is written', async () => {
    const supervisor = await t.staffToken('supervisor');
    const kiosk = t.deviceToken('kiosk');
    const before = t.eventCount();
    for (const token of [clerk, supervisor, kiosk]) {
      const res = await send(t.app, 'POST', '/api/v1/services', token, passport);
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('forbidden');
    }
    expect((await send(t.app, 'POST', '/api/v1/services', undefined, passport)).statusCode).toBe(401);
    expect(t.eventCount()).toBe(before);
    expect(await services()).toHaveLength(3);
  });

  it('overlapping or backwards ranges are 400 invalid_range', async () => {
    const before = t.eventCount();
    const overlap = await send(t.app, 'POST', '/api/v1/services', t.adminToken, { ...passport, priorityNumbering: range(4400, 4600) });
    expect(overlap.statusCode).toBe(400);
    expect(errorCode(overlap)).toBe('invalid_range');
    const backwards = await send(t.app, 'POST', '/api/v1/services', t.adminToken, { ...passport, numbering: range(4500, 4001), priorityNumbering: null });
    expect(backwards.statusCode).toBe(400);
    expect(errorCode(backwards)).toBe('invalid_range');
    const tooLong = await send(t.app, 'POST', '/api/v1/services', t.adminToken, { ...passport, numbering: range(4001, 12000), priorityNumbering: null });
    expect(tooLong.statusCode).toBe(400);
    expect(errorCode(tooLong)).toBe('invalid_range');
    // Another line's numbers (reg prints 1001–1799): a number on the display must name one line.
    const sharesNumbers = await send(t.app, 'POST', '/api/v1/services', t.adminToken, { ...passport, numbering: range(1500, 1600), priorityNumbering: null });
    expect(sharesNumbers.statusCode).toBe(400);
    expect(errorCode(sharesNumbers)).toBe('invalid_range');
    expect(sharesNumbers.json().error.message).toContain('reg');
    const moveInto = await send(t.app, 'PATCH', '/api/v1/services/cert', t.adminToken, { numbering: range(3002, 3010) });
    expect(errorCode(moveInto)).toBe('invalid_range');
    expect(t.eventCount()).toBe(before);
    expect((await services()).map((s) => s.id)).not.toContain('passport');
  });

  it('a taken code or id is 409 conflict; a malformed body 400', async () => {
    const before = t.eventCount();
    const dupCode = await send(t.app, 'POST', '/api/v1/services', t.adminToken, { ...passport, code: 'RG' });
    expect(dupCode.statusCode).toBe(409);
    expect(errorCode(dupCode)).toBe('conflict');
    expect(dupCode.json().error.details).toEqual([{ path: '/code', message: 'taken' }]); // so a form marks the field
    const dupId = await send(t.app, 'POST', '/api/v1/services', t.adminToken, { ...passport, id: 'reg' });
    expect(dupId.statusCode).toBe(409);
    expect(errorCode(dupId)).toBe('conflict');
    expect(dupId.json().error.details).toEqual([{ path: '/id', message: 'taken' }]);
    const noNames = await send(t.app, 'POST', '/api/v1/services', t.adminToken, { ...passport, names: { en: 'Passports' } });
    expect(noNames.statusCode).toBe(400);
    expect(errorCode(noNames)).toBe('validation_failed');
    expect(t.eventCount()).toBe(before);
  });
});

describe('PATCH /api/v1/services/:id (admin)', () => {
  it('an admin changes a line; the change is visible and takes effect', async () => {
    const res = await send(t.app, 'PATCH', '/api/v1/services/cert', t.adminToken, { allowPriority: true, targetWaitMinutes: 30, names: { 'zh-TW': '憑證', en: 'Certs' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: 'cert', code: 'CT', allowPriority: true, targetWaitMinutes: 30, names: { 'zh-TW': '憑證', en: 'Certs' } });
    expect((await services()).find((s) => s.id === 'cert')?.targetWaitMinutes).toBe(30);
    // Priority tickets for cert (no own series) now draw from its normal range.
    const ticket = await send(t.app, 'POST', '/api/v1/tickets', clerk, { serviceId: 'cert', class: 'priority' });
    expect(ticket.statusCode).toBe(201);

    const off = await send(t.app, 'PATCH', '/api/v1/services/small', t.adminToken, { active: false });
    expect(off.statusCode).toBe(200);
    const refused = await send(t.app, 'POST', '/api/v1/tickets', clerk, { serviceId: 'small' });
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe('service_inactive');
  });

  it('overlapping ranges 400 invalid_range, a taken code 409, unknown id 404, clerk 403: nothing changes', async () => {
    const before = t.eventCount();
    const overlap = await send(t.app, 'PATCH', '/api/v1/services/reg', t.adminToken, { priorityNumbering: range(1700, 1900) });
    expect(overlap.statusCode).toBe(400);
    expect(errorCode(overlap)).toBe('invalid_range');
    const dupCode = await send(t.app, 'PATCH', '/api/v1/services/cert', t.adminToken, { code: 'RG' });
    expect(dupCode.statusCode).toBe(409);
    expect(errorCode(dupCode)).toBe('conflict');
    const missing = await send(t.app, 'PATCH', '/api/v1/services/nope', t.adminToken, { targetWaitMinutes: 5 });
    expect(missing.statusCode).toBe(404);
    expect(errorCode(missing)).toBe('not_found');
    const denied = await send(t.app, 'PATCH', '/api/v1/services/reg', clerk, { targetWaitMinutes: 5 });
    expect(denied.statusCode).toBe(403);
    const empty = await send(t.app, 'PATCH', '/api/v1/services/reg', t.adminToken, {});
    expect(empty.statusCode).toBe(400);
    const idChange = await send(t.app, 'PATCH', '/api/v1/services/reg', t.adminToken, { id: 'other' });
    expect(idChange.statusCode).toBe(400);
    expect(errorCode(idChange)).toBe('validation_failed');
    expect(t.eventCount()).toBe(before);
    const reg = (await services()).find((s) => s.id === 'reg');
    expect(reg).toMatchObject({ code: 'RG', priorityNumbering: range(1901, 1999), targetWaitMinutes: 20 });
    // A refused change left no trace in what the next ticket gets.
    const ticket = await send(t.app, 'POST', '/api/v1/tickets', clerk, { serviceId: 'reg', class: 'priority' });
    expect(ticket.json().ticket.number).toBe('1901');
  });

  it('keeping its own code is not a clash', async () => {
    const res = await send(t.app, 'PATCH', '/api/v1/services/reg', t.adminToken, { code: 'RG', sortOrder: 9 });
    expect(res.statusCode).toBe(200);
    expect(res.json().sortOrder).toBe(9);
  });
});

describe('GET /api/v1/office', () => {
  it('shows the office to staff and devices; 401 without a token', async () => {
    const o = await office();
    expect(o).toMatchObject({ id: 'test-office', timeZone: 'Asia/Taipei', issuingMode: 'open' });
    expect(o.sessions).toHaveLength(5);
    const byDisplay = await send(t.app, 'GET', '/api/v1/office', t.deviceToken('display'));
    expect(byDisplay.statusCode).toBe(200);
    expect(byDisplay.json()).toEqual(o);
    expect((await send(t.app, 'GET', '/api/v1/office')).statusCode).toBe(401);
  });
});

describe('POST /api/v1/office/issuing (supervisor)', () => {
  it('a supervisor switches the issuing mode; the same mode again writes nothing', async () => {
    const supervisor = await t.staffToken('supervisor');
    const res = await send(t.app, 'POST', '/api/v1/office/issuing', supervisor, { mode: 'schedule' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().issuingMode).toBe('schedule');
    expect((await office()).issuingMode).toBe('schedule');
    const before = t.eventCount();
    expect((await send(t.app, 'POST', '/api/v1/office/issuing', supervisor, { mode: 'schedule' })).statusCode).toBe(200);
    expect(t.eventCount()).toBe(before);
  });

  it('a clerk may not (403), nobody 401, and an unknown mode is 400; nothing changes', async () => {
    const before = t.eventCount();
    const res = await send(t.app, 'POST', '/api/v1/office/issuing', clerk, { mode: 'closed' });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('forbidden');
    expect((await send(t.app, 'POST', '/api/v1/office/issuing', undefined, { mode: 'closed' })).statusCode).toBe(401);
    expect((await send(t.app, 'POST', '/api/v1/office/issuing', t.adminToken, { mode: 'sometimes' })).statusCode).toBe(400);
    expect(t.eventCount()).toBe(before);
    expect((await office()).issuingMode).toBe('open');
  });
});

describe('GET/PATCH /api/v1/policy (queue policy)', () => {
  it('staff read it; devices may not (403), nobody 401', async () => {
    const res = await send(t.app, 'GET', '/api/v1/policy', clerk);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(DEFAULT_POLICY);
    expect((await send(t.app, 'GET', '/api/v1/policy', t.deviceToken('kiosk'))).statusCode).toBe(403);
    expect((await send(t.app, 'GET', '/api/v1/policy')).statusCode).toBe(401);
  });

  it('a supervisor changes it, call-next follows it at once, and the change is audited', async () => {
    const supervisor = await t.staffToken('supervisor');
    const kiosk = t.deviceToken('kiosk');
    await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    // The walk-in came first, so without the policy change it is the longest wait.
    t.clock.minutes(1);
    const priority = (await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg', class: 'priority' })).json().ticket.id;
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    // Default policy: an ordinary counter takes the walk-in that waited longest.
    const first = (await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk)).json();
    expect(first.reason).toBe('longest_wait');
    await send(t.app, 'POST', `/api/v1/tickets/${first.ticket.id}/start`, clerk);
    await send(t.app, 'POST', `/api/v1/tickets/${first.ticket.id}/finish`, clerk);

    const res = await send(t.app, 'PATCH', '/api/v1/policy', supervisor, { priorityEveryNth: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<QueuePolicy>()).toEqual({ ...DEFAULT_POLICY, priorityEveryNth: 1 });
    expect((await send(t.app, 'GET', '/api/v1/policy', clerk)).json<QueuePolicy>().priorityEveryNth).toBe(1);

    const next = (await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk)).json();
    expect(next).toMatchObject({ ticket: { id: priority }, reason: 'priority_every_nth' });

    const events = (await send(t.app, 'GET', '/api/v1/events?after=0&limit=1000', supervisor)).json().events as { type: string; actor: { kind: string }; data: unknown }[];
    const change = events.find((e) => e.type === 'policy:updated');
    expect(change).toMatchObject({ actor: { kind: 'staff' }, data: { policy: { priorityEveryNth: 1 } } });
  });

  it('a clerk may not change it (403); out-of-range, unknown and empty patches are 400; nothing is written', async () => {
    const supervisor = await t.staffToken('supervisor');
    const before = t.eventCount();
    expect((await send(t.app, 'PATCH', '/api/v1/policy', clerk, { priorityEveryNth: 2 })).statusCode).toBe(403);
    for (const body of [{ priorityEveryNth: -1 }, { priorityMaxWaitMinutes: 10_000 }, { sometimes: 1 }, {}, { appointmentLateMinutes: 1.5 }]) {
      const res = await send(t.app, 'PATCH', '/api/v1/policy', supervisor, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorCode(res)).toBe('validation_failed');
    }
    expect(t.eventCount()).toBe(before);
    expect((await send(t.app, 'GET', '/api/v1/policy', clerk)).json()).toEqual(DEFAULT_POLICY);
  });
});

describe('PATCH /api/v1/office', () => {
  it('a supervisor may not change the office (403), not even its issuingMode', async () => {
    const supervisor = await t.staffToken('supervisor');
    const before = t.eventCount();
    const names = await send(t.app, 'PATCH', '/api/v1/office', supervisor, { tel: '04-1111-2222' });
    expect(names.statusCode).toBe(403);
    expect(errorCode(names)).toBe('forbidden');
    const mixed = await send(t.app, 'PATCH', '/api/v1/office', supervisor, { issuingMode: 'closed', address: 'elsewhere' });
    expect(mixed.statusCode).toBe(403);
    expect(t.eventCount()).toBe(before);
    expect(await office()).toMatchObject({ issuingMode: 'open', tel: '04-0000-0000', address: '臺中市北區測試路1號' });
  });

  it('a clerk may not change it (403); nobody 401', async () => {
    const kiosk = t.deviceToken('kiosk');
    const before = t.eventCount();
    const res = await send(t.app, 'PATCH', '/api/v1/office', clerk, { issuingMode: 'closed' });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('forbidden');
    expect((await send(t.app, 'PATCH', '/api/v1/office', undefined, { issuingMode: 'closed' })).statusCode).toBe(401);
    expect((await send(t.app, 'PATCH', '/api/v1/office', kiosk, { issuingMode: 'closed' })).statusCode).toBe(403);
    expect(t.eventCount()).toBe(before);
    expect((await office()).issuingMode).toBe('open');
  });

  it('an admin changes the other fields; bad sessions and unknown fields are 400', async () => {
    const sessions = [{ weekday: 6, start: '08:00', end: '12:00', kind: 'weekend' as const, serviceIds: ['reg'] }];
    const res = await send(t.app, 'PATCH', '/api/v1/office', t.adminToken, { tel: '04-1111-2222', sessions });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ tel: '04-1111-2222', sessions, id: 'test-office', timeZone: 'Asia/Taipei' });
    expect((await office()).tel).toBe('04-1111-2222');

    const before = t.eventCount();
    const backwards = await send(t.app, 'PATCH', '/api/v1/office', t.adminToken, { sessions: [{ ...sessions[0], start: '12:00', end: '08:00' }] });
    expect(backwards.statusCode).toBe(400);
    expect(errorCode(backwards)).toBe('validation_failed');
    const timeZone = await send(t.app, 'PATCH', '/api/v1/office', t.adminToken, { timeZone: 'UTC' });
    expect(timeZone.statusCode).toBe(400);
    expect(errorCode(timeZone)).toBe('validation_failed');
    const badMode = await send(t.app, 'PATCH', '/api/v1/office', t.adminToken, { issuingMode: 'sometimes' });
    expect(badMode.statusCode).toBe(400);
    expect(t.eventCount()).toBe(before);
    expect((await office()).timeZone).toBe('Asia/Taipei');
  });
});
