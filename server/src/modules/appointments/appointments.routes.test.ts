// Bookings over HTTP: the offer and the slots; booking, the manage link and cancelling (public), a
// phone booking, the day's list and cancelling (staff); one booking per person per day; the capacity
// of a slot under two requests at once; bad input refused with nothing written; the day roll-over
// (missed, the no-show counts, deletion after retentionDays, also at start-up); the booking rules
// (booking:update); who may call what. The test office books 'reg' from tomorrow (Wednesday
// 2026-12-02, closing 15:00 the day before) to 7 days ahead, 2 per 15-minute slot, 08:00–17:30.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment, Booked, BookingOffer, BookingSettings, Slot } from '@jiaohao/shared';
import { hashToken } from '../../core/tokens';
import { FakeClock, testApp, type TestApp } from '../../testing/fixtures';
import { errorCode, officeWithClerkAndKiosk, send } from '../../testing/http';
import type { AppointmentRow } from './appointments.repo';

let t: TestApp;
let clerk: string;
let kiosk: string;
let supervisor: string;

const WED = '2026-12-02';
const THU = '2026-12-03';
const body = (over: object = {}) => ({ serviceId: 'reg', date: WED, start: '10:00', name: '王小明', phone: '0912-345-678', ...over });

/** A public booking (no login), as the booking page sends it. */
const book = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/public/appointments', payload });

async function booked(over: object = {}): Promise<Booked> {
  const res = await book(body(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Booked>();
}

const rows = () => t.db.prepare('SELECT * FROM appointments ORDER BY date, start, created_at').all() as AppointmentRow[];

async function slotsOn(date: string, serviceId = 'reg'): Promise<Slot[]> {
  const res = await send(t.app, 'GET', `/api/v1/public/booking/slots?serviceId=${serviceId}&date=${date}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ slots: Slot[] }>().slots;
}

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
  supervisor = await t.staffToken('supervisor');
});
afterEach(() => t.close());

describe('what can be booked', () => {
  it('GET /api/v1/public/booking lists the bookable lines with their dates and the rules; never cached, readable from any origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/booking', headers: { origin: 'https://elsewhere.example' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.json<BookingOffer>()).toEqual({
      // Tuesday 09:00: Wednesday to next Tuesday, the weekend left out (no session).
      lines: [{ serviceId: 'reg', dates: ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08'] }],
      checkIn: true,
      settings: { slotMinutes: 15, checkInEarlyMinutes: 30, lateMinutes: 15, retentionDays: 30 },
    });
    // After 15:00 tomorrow is closed.
    t.clock.set('2026-12-01T15:00:00+08:00');
    expect((await send(t.app, 'GET', '/api/v1/booking/offer', clerk)).json<BookingOffer>().lines[0]?.dates[0]).toBe(THU);
  });

  it('switched off, the kiosks still offer check-in while bookings of today wait for it, and no longer once none does', async () => {
    const offer = async () => (await send(t.app, 'GET', '/api/v1/public/booking')).json<BookingOffer>();
    const first = await booked();
    const second = await booked({ phone: '0922-333-444', start: '11:00' });
    await send(t.app, 'PATCH', '/api/v1/booking/settings', t.adminToken, { enabled: false });
    // Tuesday: the bookings are for tomorrow, so nothing waits today.
    expect(await offer()).toMatchObject({ lines: [], checkIn: false });
    t.clock.set('2026-12-02T08:30:00+08:00');
    expect((await offer()).checkIn).toBe(true);
    const cancel = async (b: Booked) => {
      const res = await send(t.app, 'POST', `/api/v1/public/appointments/${b.manageToken}/cancel`);
      expect(res.statusCode, res.body).toBe(200);
    };
    await cancel(first);
    expect((await offer()).checkIn).toBe(true);
    await cancel(second);
    expect((await offer()).checkIn).toBe(false);
    // Switched on again (the morning's admin: yesterday's session has ended), the kiosks offer it whether or not anything waits.
    const on = await send(t.app, 'PATCH', '/api/v1/booking/settings', await t.staffToken('admin'), { enabled: true });
    expect(on.statusCode, on.body).toBe(200);
    expect((await offer()).checkIn).toBe(true);
  });

  it("GET /api/v1/public/booking/slots lists a day's slots with the places left; none on a day that cannot be booked", async () => {
    const slots = await slotsOn(WED);
    expect(slots).toHaveLength(38);
    expect(slots[0]).toEqual({ start: '08:00', at: '2026-12-02T00:00:00.000Z', left: 2 });
    expect(slots.at(-1)?.start).toBe('17:15');
    await booked();
    expect((await slotsOn(WED)).find((s) => s.start === '10:00')?.left).toBe(1);
    await booked({ phone: '0922-000-111' });
    expect((await slotsOn(WED)).find((s) => s.start === '10:00')?.left).toBe(0);
    // The clerk's view is the same.
    const staff = await send(t.app, 'GET', `/api/v1/booking/slots?serviceId=reg&date=${WED}`, clerk);
    expect(staff.json<{ slots: Slot[] }>().slots.find((s) => s.start === '10:00')?.left).toBe(0);
    expect(await slotsOn('2026-12-05')).toEqual([]); // Saturday
    expect(await slotsOn('2026-12-09')).toEqual([]); // too far ahead
    expect(await slotsOn(WED, 'cert')).toEqual([]); // a line that takes no bookings
    const unknown = await send(t.app, 'GET', `/api/v1/public/booking/slots?serviceId=nope&date=${WED}`);
    expect([unknown.statusCode, errorCode(unknown)]).toEqual([404, 'not_found']);
    const bad = await send(t.app, 'GET', '/api/v1/public/booking/slots?serviceId=reg&date=tomorrow');
    expect([bad.statusCode, errorCode(bad)]).toEqual([400, 'validation_failed']);
  });
});

describe('booking, the manage link and cancelling', () => {
  it('POST /api/v1/public/appointments books: 201 with the code and the manage token (stored hashed), the contact normalised; no event', async () => {
    const events = t.eventCount();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/appointments',
      headers: { origin: 'https://elsewhere.example' },
      payload: body({ phone: '+886 912 345 678', language: 'en' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    // The writes are for this server's own pages: no open CORS, and no preflight another site's script could pass.
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/public/appointments',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const { appointment, manageToken } = res.json<Booked>();
    expect(appointment).toEqual({
      id: expect.any(String),
      code: expect.stringMatching(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/),
      serviceId: 'reg',
      date: WED,
      start: '10:00',
      at: '2026-12-02T02:00:00.000Z',
      name: '王小明',
      contactHint: '0912-***-678',
      language: 'en',
      channel: 'web',
      state: 'booked',
      createdAt: new Date(t.clock.now).toISOString(),
      ticketId: null,
    });
    expect(manageToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const [row] = rows();
    expect(row).toMatchObject({ code: appointment.code.replace('-', ''), contact_kind: 'phone', contact: '0912345678', manage_hash: hashToken(manageToken), booked_by: null, place: 1 });
    expect(JSON.stringify(rows())).not.toContain(manageToken);
    // Personal data never enters the append-only log.
    expect(t.eventCount()).toBe(events);

    // The manage view, then cancelling; a second cancel is refused; the place is free again.
    const view = await send(t.app, 'GET', `/api/v1/public/appointments/${manageToken}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.headers['cache-control']).toBe('no-store');
    expect(view.json<Appointment>()).toEqual(appointment);
    t.clock.minutes(5);
    const cancelled = await send(t.app, 'POST', `/api/v1/public/appointments/${manageToken}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<Appointment>()).toEqual({ ...appointment, state: 'cancelled' });
    expect(rows()[0]).toMatchObject({ state: 'cancelled', ended_at: new Date(t.clock.now).toISOString() });
    const again = await send(t.app, 'POST', `/api/v1/public/appointments/${manageToken}/cancel`);
    expect([again.statusCode, errorCode(again)]).toEqual([409, 'booking_not_active']);
    expect((await slotsOn(WED)).find((s) => s.start === '10:00')?.left).toBe(2);
    // A cancelled booking frees the day too.
    await booked({ start: '11:00' });

    for (const url of [`/api/v1/public/appointments/${'x'.repeat(32)}`, `/api/v1/public/appointments/${'x'.repeat(32)}/cancel`]) {
      const res = await send(t.app, url.endsWith('cancel') ? 'POST' : 'GET', url);
      expect([res.statusCode, errorCode(res)], url).toEqual([404, 'not_found']);
    }
    const short = await send(t.app, 'GET', '/api/v1/public/appointments/short');
    expect([short.statusCode, errorCode(short)]).toEqual([400, 'validation_failed']);
  });

  it('one booking per person per day: the same phone written otherwise is 409 already_booked; another day, another person are fine', async () => {
    await booked({ phone: '0912-345-678' });
    for (const phone of ['+886 912 345 678', '0912345678', '0912 345-678', '+886 (0)912-345-678']) {
      const res = await book(body({ start: '15:00', phone }));
      expect([res.statusCode, errorCode(res)], phone).toEqual([409, 'already_booked']);
    }
    await booked({ date: THU, phone: '+886-912-345-678' });
    await booked({ phone: '0933-222-111', start: '15:00' });
    await booked({ email: 'Wang@Example.com', phone: undefined, start: '16:00' });
    const res = await book(body({ email: 'WANG@example.COM', phone: undefined, start: '16:15' }));
    expect([res.statusCode, errorCode(res)]).toEqual([409, 'already_booked']);
    expect(rows()).toHaveLength(4);
  });

  it('capacity: two requests at once for the last place give one 201 and one 409 slot_full, and the table holds one', async () => {
    const patched = await send(t.app, 'PATCH', '/api/v1/booking/settings', t.adminToken, { capacityPerSlot: 1 });
    expect(patched.statusCode, patched.body).toBe(200);
    const [a, b] = await Promise.all([book(body({ phone: '0911-111-111' })), book(body({ phone: '0922-222-222' }))]);
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([201, 409]);
    expect(errorCode([a!, b!].find((r) => r.statusCode === 409)!)).toBe('slot_full');
    expect(t.db.prepare("SELECT count(*) FROM appointments WHERE date = ? AND start = '10:00'").pluck().get(WED)).toBe(1);
    // The table guards the place too, whatever the code checked before.
    const row = rows()[0]!;
    expect(() =>
      t.db
        .prepare('INSERT INTO appointments SELECT ?, ?, ?, service_id, date, start, at, place, name, contact_kind, ?, language, channel, booked_by, state, created_at, ended_at, ticket_id FROM appointments WHERE id = ?')
        .run('other', 'ZZZZZZZZ', 'h', '0999999999', row.id),
    ).toThrow(/UNIQUE/);
  });

  it('bad input is 400 validation_failed and nothing is written', async () => {
    for (const payload of [
      body({ email: 'a@b.tw' }), // both
      body({ phone: undefined }), // neither
      body({ phone: '+1 555 123 4567' }),
      body({ phone: 'call me' }),
      body({ email: 'not-an-address', phone: undefined }),
      body({ name: '   ' }),
      body({ name: '' }),
      body({ date: '2026-12-2' }),
      body({ start: '25:00' }),
      body({ nationalId: 'A123456789' }),
      { serviceId: 'reg' },
    ]) {
      const res = await book(payload);
      expect([res.statusCode, errorCode(res)], JSON.stringify(payload)).toEqual([400, 'validation_failed']);
    }
    expect(rows()).toEqual([]);
  });

  it('a day or slot that cannot be booked is 409 booking_closed; an unknown line 404', async () => {
    for (const over of [{ start: '10:05' }, { start: '17:30' }, { date: '2026-12-05' }, { date: '2026-12-09' }, { date: '2026-12-01', start: '16:00' }, { serviceId: 'cert' }]) {
      const res = await book(body(over));
      expect([res.statusCode, errorCode(res)], JSON.stringify(over)).toEqual([409, 'booking_closed']);
    }
    t.clock.set('2026-12-01T15:00:00+08:00');
    const late = await book(body());
    expect([late.statusCode, errorCode(late)]).toEqual([409, 'booking_closed']);
    await send(t.app, 'PATCH', '/api/v1/booking/settings', t.adminToken, { enabled: false });
    const off = await book(body({ date: THU }));
    expect([off.statusCode, errorCode(off)]).toEqual([409, 'booking_closed']);
    expect((await send(t.app, 'GET', '/api/v1/public/booking')).json<BookingOffer>().lines).toEqual([]);
    const unknown = await book(body({ serviceId: 'nope' }));
    expect([unknown.statusCode, errorCode(unknown)]).toEqual([404, 'not_found']);
    expect(rows()).toEqual([]);
  });
});

describe('staff: a phone booking, the day list, cancelling', () => {
  it('POST /api/v1/appointments books for the caller (channel staff, the clerk kept); GET /api/v1/appointments lists the day; POST …/:id/cancel', async () => {
    const anna = await t.staffToken('clerk', 'anna');
    const res = await send(t.app, 'POST', '/api/v1/appointments', anna, body({ email: 'Chen@Example.tw', phone: undefined, start: '09:00' }));
    expect(res.statusCode, res.body).toBe(201);
    const { appointment } = res.json<Booked>();
    expect(appointment).toMatchObject({ channel: 'staff', contactHint: 'c***@example.tw' });
    const annaId = t.db.prepare("SELECT id FROM staff WHERE username = 'anna'").pluck().get();
    expect(rows()[0]).toMatchObject({ booked_by: annaId, contact: 'chen@example.tw' });
    await booked({ start: '08:00' });
    await booked({ date: THU, phone: '0955-555-555' });

    const day = await send(t.app, 'GET', `/api/v1/appointments?date=${WED}`, clerk);
    expect(day.statusCode, day.body).toBe(200);
    expect(day.headers['cache-control']).toBe('no-store');
    expect(day.json<{ appointments: Appointment[] }>().appointments.map((a) => [a.start, a.name, a.channel])).toEqual([
      ['08:00', '王小明', 'web'],
      ['09:00', '王小明', 'staff'],
    ]);
    const bad = await send(t.app, 'GET', '/api/v1/appointments?date=2026-02-30', clerk);
    expect([bad.statusCode, errorCode(bad)]).toEqual([400, 'validation_failed']);

    const cancelled = await send(t.app, 'POST', `/api/v1/appointments/${appointment.id}/cancel`, clerk);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<Appointment>().state).toBe('cancelled');
    const twice = await send(t.app, 'POST', `/api/v1/appointments/${appointment.id}/cancel`, clerk);
    expect([twice.statusCode, errorCode(twice)]).toEqual([409, 'booking_not_active']);
    const unknown = await send(t.app, 'POST', '/api/v1/appointments/no-such-booking/cancel', clerk);
    expect([unknown.statusCode, errorCode(unknown)]).toEqual([404, 'not_found']);
  });
});

describe('the day roll-over: missed, the no-show counts, deletion after retentionDays', () => {
  it('bookings of past dates still booked become missed, and GET /api/v1/appointments/no-shows counts them per contact', async () => {
    await booked({ date: WED, phone: '0912-345-678' });
    await booked({ date: THU, phone: '+886 912 345 678' });
    await booked({ date: WED, phone: '0922-000-111', start: '11:00' });
    const kept = await booked({ date: THU, email: 'kept@example.tw', phone: undefined, start: '11:00' });
    await send(t.app, 'POST', `/api/v1/public/appointments/${kept.manageToken}/cancel`);
    // Wednesday: nothing is missed before its day ends.
    t.clock.set('2026-12-02T18:00:00+08:00');
    t.rollDay();
    expect(rows().map((r) => r.state)).toEqual(['booked', 'booked', 'booked', 'cancelled']);
    t.clock.set('2026-12-04T08:00:00+08:00');
    t.rollDay();
    // Sessions last 12 hours: a new day, a new sign-in.
    supervisor = await t.staffToken('supervisor');
    expect(rows().map((r) => [r.date, r.contact, r.state])).toEqual([
      [WED, '0912345678', 'missed'],
      [WED, '0922000111', 'missed'],
      [THU, '0912345678', 'missed'],
      [THU, 'kept@example.tw', 'cancelled'],
    ]);
    const res = await send(t.app, 'GET', '/api/v1/appointments/no-shows', supervisor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ contacts: [{ contactHint: '0912-***-678', missed: 2, lastDate: THU }] });
    const one = await send(t.app, 'GET', '/api/v1/appointments/no-shows?min=1', supervisor);
    expect(one.json().contacts.map((c: { contactHint: string }) => c.contactHint)).toEqual(['0912-***-678', '0922-***-111']);
    const bad = await send(t.app, 'GET', '/api/v1/appointments/no-shows?min=0', supervisor);
    expect([bad.statusCode, errorCode(bad)]).toEqual([400, 'validation_failed']);
  });

  it('deletes a booking, name and contact, more than retentionDays after its date', async () => {
    await booked({ date: WED, name: '林美麗' });
    await booked({ date: '2026-12-08', name: '陳大文', phone: '0933-111-222' });
    // 30 days after Wednesday it is still kept; the day after, gone.
    t.clock.set('2027-01-01T08:00:00+08:00');
    t.rollDay();
    expect(rows().map((r) => r.name)).toEqual(['林美麗', '陳大文']);
    t.clock.set('2027-01-02T08:00:00+08:00');
    t.rollDay();
    expect(rows().map((r) => r.name)).toEqual(['陳大文']);
    expect(t.db.prepare("SELECT count(*) FROM appointments WHERE name = '林美麗' OR contact = '0912345678'").pluck().get()).toBe(0);
    // Nor did it ever reach the event log.
    expect(t.db.prepare("SELECT count(*) FROM events WHERE data LIKE '%林美麗%' OR data LIKE '%0912%'").pluck().get()).toBe(0);
  });

  it('deletes them at start-up too (a server that was off over the roll-over)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiaohao-appointments-'));
    const dbPath = join(dir, 'office.db');
    try {
      const first = await testApp({ dbPath });
      const res = await first.app.inject({ method: 'POST', url: '/api/v1/public/appointments', payload: body({ name: '林美麗' }) });
      expect(res.statusCode, res.body).toBe(201);
      await first.close();
      const later = await testApp({ dbPath, clock: new FakeClock(Date.parse('2027-02-01T01:00:00Z')) });
      try {
        expect(later.db.prepare('SELECT count(*) FROM appointments').pluck().get()).toBe(0);
      } finally {
        await later.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the booking rules: GET and PATCH /api/v1/booking/settings (booking:update)', () => {
  it('an admin reads and changes them; the event carries the rules only', async () => {
    const read = await send(t.app, 'GET', '/api/v1/booking/settings', t.adminToken);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json<BookingSettings>()).toMatchObject({ enabled: true, lines: [{ serviceId: 'reg', maxDaysAhead: null, capacityPerSlot: null }], slotMinutes: 15 });
    const res = await send(t.app, 'PATCH', '/api/v1/booking/settings', t.adminToken, {
      lines: [{ serviceId: 'reg', maxDaysAhead: 30, capacityPerSlot: 4 }],
      slotMinutes: 30,
      cutoffTime: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<BookingSettings>()).toMatchObject({ slotMinutes: 30, cutoffTime: null, lines: [{ serviceId: 'reg', maxDaysAhead: 30, capacityPerSlot: 4 }] });
    expect((await send(t.app, 'GET', '/api/v1/booking/settings', t.adminToken)).json<BookingSettings>().slotMinutes).toBe(30);
    expect((await slotsOn(WED))[1]).toMatchObject({ start: '08:30', left: 4 });
    expect((await send(t.app, 'GET', '/api/v1/public/booking')).json<BookingOffer>().lines[0]?.dates.at(-1)).toBe('2026-12-31');
    const event = t.db.prepare("SELECT * FROM events WHERE type = 'booking:updated' ORDER BY seq DESC LIMIT 1").get() as { data: string };
    expect(JSON.parse(event.data)).toEqual({ settings: res.json() });
  });

  it('a line that does not exist is 400, one that takes no appointments 409, days in the wrong order 400; nothing changes', async () => {
    const before = t.eventCount();
    const cases: [object, number, string][] = [
      [{ lines: [{ serviceId: 'nope', maxDaysAhead: null, capacityPerSlot: null }] }, 400, 'validation_failed'],
      [{ lines: [{ serviceId: 'cert', maxDaysAhead: null, capacityPerSlot: null }] }, 409, 'class_not_allowed'],
      [{ lines: [{ serviceId: 'reg', maxDaysAhead: null, capacityPerSlot: null }, { serviceId: 'reg', maxDaysAhead: 3, capacityPerSlot: null }] }, 400, 'validation_failed'],
      [{ minDaysAhead: 10, maxDaysAhead: 5 }, 400, 'validation_failed'],
      [{ minDaysAhead: 3, lines: [{ serviceId: 'reg', maxDaysAhead: 2, capacityPerSlot: null }] }, 400, 'validation_failed'],
      [{ slotMinutes: 1 }, 400, 'validation_failed'],
      [{ sessionKinds: [] }, 400, 'validation_failed'],
      [{ bogus: true }, 400, 'validation_failed'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await send(t.app, 'PATCH', '/api/v1/booking/settings', t.adminToken, payload);
      expect([res.statusCode, errorCode(res)], JSON.stringify(payload)).toEqual([status, code]);
    }
    expect(t.eventCount()).toBe(before);
    expect((await send(t.app, 'GET', '/api/v1/booking/settings', t.adminToken)).json<BookingSettings>().lines).toHaveLength(1);
  });
});

describe('who may call what', () => {
  it('public routes need nobody; staff routes a clerk, the no-shows a supervisor, the rules an admin; check-in a kiosk or a clerk', async () => {
    const admin = t.adminToken;
    const display = t.deviceToken('display');
    const { manageToken } = await booked();
    const status = async (method: 'GET' | 'POST' | 'PATCH', url: string, token: string | undefined, payload?: object) =>
      (await send(t.app, method, url, token, payload)).statusCode;
    // Each: the route, then who is refused (401 nobody, 403 the wrong one) and who gets through.
    const routes: { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object; refused: [string | undefined, number][]; allowed: (string | undefined)[] }[] = [
      { method: 'GET', url: '/api/v1/public/booking', refused: [], allowed: [undefined, kiosk, clerk] },
      { method: 'GET', url: `/api/v1/public/booking/slots?serviceId=reg&date=${WED}`, refused: [], allowed: [undefined, display] },
      { method: 'GET', url: `/api/v1/public/appointments/${manageToken}`, refused: [], allowed: [undefined, clerk] },
      { method: 'GET', url: '/api/v1/booking/offer', refused: [[undefined, 401], [kiosk, 403], [display, 403]], allowed: [clerk, supervisor, admin] },
      { method: 'GET', url: `/api/v1/booking/slots?serviceId=reg&date=${WED}`, refused: [[undefined, 401], [kiosk, 403]], allowed: [clerk, admin] },
      { method: 'GET', url: `/api/v1/appointments?date=${WED}`, refused: [[undefined, 401], [kiosk, 403], [display, 403]], allowed: [clerk, supervisor, admin] },
      { method: 'GET', url: '/api/v1/appointments/no-shows', refused: [[undefined, 401], [kiosk, 403], [clerk, 403]], allowed: [supervisor, admin] },
      { method: 'GET', url: '/api/v1/booking/settings', refused: [[undefined, 401], [kiosk, 403], [clerk, 403], [supervisor, 403]], allowed: [admin] },
      { method: 'PATCH', url: '/api/v1/booking/settings', payload: { lateMinutes: 15 }, refused: [[undefined, 401], [kiosk, 403], [clerk, 403], [supervisor, 403]], allowed: [admin] },
      { method: 'POST', url: '/api/v1/appointments', payload: body({ start: '16:00', phone: '0900-000-001' }), refused: [[undefined, 401], [kiosk, 403], [display, 403]], allowed: [clerk] },
      { method: 'POST', url: '/api/v1/appointments/no-such/cancel', refused: [[undefined, 401], [kiosk, 403]], allowed: [] },
      { method: 'POST', url: '/api/v1/appointments/check-in', payload: { code: 'ZZZZ-ZZZZ' }, refused: [[undefined, 401], [display, 403], [supervisor, 404], [kiosk, 404]], allowed: [] },
    ];
    for (const r of routes) {
      for (const [token, code] of r.refused) expect(await status(r.method, r.url, token, r.payload), `${r.method} ${r.url} as ${token ?? 'nobody'}`).toBe(code);
      for (const token of r.allowed) expect(await status(r.method, r.url, token, r.payload), `${r.method} ${r.url} as ${token ?? 'nobody'}`).toBeLessThan(300);
    }
    expect(await status('POST', '/api/v1/appointments/no-such/cancel', clerk)).toBe(404);
    // Anyone may book and cancel through the public routes (the manage token is the authority).
    expect(await status('POST', '/api/v1/public/appointments', undefined, body({ start: '16:15', phone: '0900-000-002' }))).toBe(201);
    expect(await status('POST', `/api/v1/public/appointments/${manageToken}/cancel`, kiosk)).toBe(200);
  });

  it('the public routes are rate limited per address', async () => {
    const limited = await testApp({ config: { rateLimits: 'on', publicPerMinute: 2 } });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.app.inject({ method: 'GET', url: '/api/v1/public/booking' })).statusCode);
      expect(codes).toEqual([200, 200, 429]);
      // Each route counts on its own: booking is still open to this address.
      expect((await limited.app.inject({ method: 'POST', url: '/api/v1/public/appointments', payload: body() })).statusCode).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
