// Checking a booking in (POST /api/v1/appointments/check-in, command appointment:check-in): too
// early is refused saying from when; on time it is an appointment ticket that call-next serves at
// its slot ahead of walk-ins; more than lateMinutes late an ordinary ticket, the booking 'late';
// twice, cancelled, another day and unknown codes are refused; the code is read however typed or
// scanned; the event carries the ticket only. And the report counts the bookings kept and missed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Booked, CheckInResult, Report } from '@jiaohao/shared';
import type { TestApp } from '../../testing/fixtures';
import { errorCode, officeWithClerkAndKiosk, send } from '../../testing/http';
import { redactPrivateUrl } from '../../http/private-urls';

let t: TestApp;
let clerk: string;
let kiosk: string;

const WED = '2026-12-02';

async function booked(start: string, phone: string, date = WED, name = '王小明'): Promise<Booked> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/appointments', payload: { serviceId: 'reg', date, start, name, phone } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Booked>();
}

const checkIn = (code: string, token = kiosk) => send(t.app, 'POST', '/api/v1/appointments/check-in', token, { code });
const stateOf = (id: string) => t.db.prepare('SELECT state, ticket_id FROM appointments WHERE id = ?').get(id) as { state: string; ticket_id: string | null };

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
});
afterEach(() => t.close());

describe('POST /api/v1/appointments/check-in', () => {
  it('too early is 409 check_in_too_early saying from when; on time an appointment ticket, called at its slot before walk-ins', async () => {
    const { appointment } = await booked('10:00', '0912-345-678');
    t.clock.set('2026-12-02T09:29:00+08:00');
    const early = await checkIn(appointment.code);
    expect([early.statusCode, errorCode(early)]).toEqual([409, 'check_in_too_early']);
    expect(early.json().error.message).toMatch(/check in from 09:30/);
    expect(stateOf(appointment.id).state).toBe('booked');

    // Sessions last 12 hours: a new day, a new sign-in.
    clerk = await t.staffToken('clerk');
    // A walk-in takes a number first; the resident checks in 20 minutes before the slot.
    const walkIn = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    expect(walkIn.statusCode).toBe(201);
    t.clock.set('2026-12-02T09:40:00+08:00');
    const res = await checkIn(appointment.code.toLowerCase().replace('-', ''));
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<CheckInResult>();
    expect(result).toMatchObject({
      appointment: { code: appointment.code, serviceId: 'reg', at: appointment.at, state: 'checked_in' },
      ticket: { class: 'appointment', appointmentAt: appointment.at, channel: 'kiosk', serviceId: 'reg', number: '1801', trackingToken: expect.any(String) },
      ahead: 1,
      late: false,
    });
    expect(stateOf(appointment.id)).toEqual({ state: 'checked_in', ticket_id: result.ticket.id });
    // The event is the ticket's own: no name, no contact.
    const events = t.db.prepare('SELECT type, data FROM events WHERE ticket_id = ?').all(result.ticket.id) as { type: string; data: string }[];
    expect(events.map((e) => e.type)).toEqual(['ticket:issued']);
    expect(events[0]!.data).not.toMatch(/王小明|0912|345-678/);

    // At the slot the counter calls it before the walk-in who came earlier.
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk)).statusCode).toBe(200);
    t.clock.set('2026-12-02T10:00:00+08:00');
    const next = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    expect(next.json()).toMatchObject({ ticket: { id: result.ticket.id }, reason: 'appointment_due' });

    // Twice is refused, and changes nothing.
    const twice = await checkIn(appointment.code);
    expect([twice.statusCode, errorCode(twice)]).toEqual([409, 'booking_not_active']);
    expect(stateOf(appointment.id)).toEqual({ state: 'checked_in', ticket_id: result.ticket.id });
  });

  it('sent again with the same key after a lost answer, gives the same ticket and issues none; another key is refused', async () => {
    const mine = await booked('10:00', '0912-345-678');
    const theirs = await booked('10:00', '0922-000-111');
    t.clock.set('2026-12-02T09:45:00+08:00');
    const first = await send(t.app, 'POST', '/api/v1/appointments/check-in', kiosk, { code: mine.appointment.code, idempotencyKey: 'visit-0001' });
    expect(first.statusCode, first.body).toBe(200);
    const tickets = () => (t.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
    const before = tickets();
    // The code typed another way and in another language is the same check-in.
    const again = await send(t.app, 'POST', '/api/v1/appointments/check-in', kiosk, { code: mine.appointment.code.toLowerCase(), language: 'en', idempotencyKey: 'visit-0001' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<CheckInResult>()).toEqual(first.json<CheckInResult>());
    expect(tickets()).toBe(before);
    // A family member's booking on the same visit (same key, another code) is checked in too.
    const family = await send(t.app, 'POST', '/api/v1/appointments/check-in', kiosk, { code: theirs.appointment.code, idempotencyKey: 'visit-0001' });
    expect(family.statusCode, family.body).toBe(200);
    expect(family.json<CheckInResult>().ticket.id).not.toBe(first.json<CheckInResult>().ticket.id);
    // Without the key (or with another), the booking is already used.
    const other = await send(t.app, 'POST', '/api/v1/appointments/check-in', kiosk, { code: mine.appointment.code, idempotencyKey: 'visit-0002' });
    expect([other.statusCode, errorCode(other)]).toEqual([409, 'booking_not_active']);
    // Another kiosk's same key is its own.
    const elsewhere = await send(t.app, 'POST', '/api/v1/appointments/check-in', t.deviceToken('kiosk'), { code: mine.appointment.code, idempotencyKey: 'visit-0001' });
    expect([elsewhere.statusCode, errorCode(elsewhere)]).toEqual([409, 'booking_not_active']);
  });

  it('more than lateMinutes late: an ordinary ticket in the same line, late true, the booking late (a clerk checks it in)', async () => {
    const onTime = await booked('11:00', '0912-345-678');
    const next = await booked('12:00', '0922-000-111');
    const late = await booked('11:00', '0933-000-111');
    t.clock.set('2026-12-02T11:15:00+08:00');
    clerk = await t.staffToken('clerk'); // a new day, a new sign-in
    // 15 minutes after the slot is still on time; 11:15 is before 12:00's window opens (11:30).
    expect((await checkIn(onTime.appointment.code, clerk)).json<CheckInResult>()).toMatchObject({ late: false, ticket: { class: 'appointment', channel: 'staff' } });
    expect(errorCode(await checkIn(next.appointment.code, clerk))).toBe('check_in_too_early');
    t.clock.set('2026-12-02T11:16:00+08:00');
    const res = await checkIn(`https://queue.example.gov.tw/checkin/${late.appointment.code}`, clerk);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<CheckInResult>();
    expect(result.late).toBe(true);
    expect(result.ticket).toMatchObject({ class: 'normal', appointmentAt: null, channel: 'staff', serviceId: 'reg' });
    expect(result.appointment.state).toBe('late');
    expect(stateOf(late.appointment.id)).toEqual({ state: 'late', ticket_id: result.ticket.id });
  });

  it('unknown codes are 404; cancelled, and bookings of another day, 409 booking_not_active', async () => {
    const cancelled = await booked('10:00', '0912-345-678');
    await send(t.app, 'POST', `/api/v1/public/appointments/${cancelled.manageToken}/cancel`);
    const thursday = await booked('10:00', '0922-000-111', '2026-12-03');
    t.clock.set('2026-12-02T10:00:00+08:00');
    const before = t.eventCount();
    for (const code of ['ZZZZ-ZZZZ', 'not a code', 'K7Q0-M2PX']) {
      const res = await checkIn(code);
      expect([res.statusCode, errorCode(res)], code).toEqual([404, 'not_found']);
    }
    for (const code of [cancelled.appointment.code, thursday.appointment.code]) {
      const res = await checkIn(code);
      expect([res.statusCode, errorCode(res)], code).toEqual([409, 'booking_not_active']);
    }
    const bad = await send(t.app, 'POST', '/api/v1/appointments/check-in', kiosk, { code: 'ab' });
    expect([bad.statusCode, errorCode(bad)]).toEqual([400, 'validation_failed']);
    expect(t.eventCount()).toBe(before);
  });

  it('a kiosk still cannot issue an appointment ticket by itself; staff still can', async () => {
    const kioskTry = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg', class: 'appointment', appointmentAt: '2026-12-01T02:00:00Z' });
    expect([kioskTry.statusCode, errorCode(kioskTry)]).toEqual([409, 'class_not_allowed']);
    const staff = await send(t.app, 'POST', '/api/v1/tickets', clerk, { serviceId: 'reg', class: 'appointment', appointmentAt: '2026-12-01T02:00:00Z' });
    expect(staff.statusCode, staff.body).toBe(201);
  });

  it('the report counts bookings kept (checked in) and missed (never came, or too late) per line and day', async () => {
    const kept = await booked('10:00', '0911-111-111');
    const late = await booked('11:00', '0922-222-222');
    await booked('14:00', '0933-333-333'); // never comes
    const cancelled = await booked('15:00', '0944-444-444');
    await send(t.app, 'POST', `/api/v1/public/appointments/${cancelled.manageToken}/cancel`);
    await booked('10:00', '0955-555-555', '2026-12-03'); // never comes either
    t.clock.set('2026-12-02T09:45:00+08:00');
    expect((await checkIn(kept.appointment.code)).statusCode).toBe(200);
    t.clock.set('2026-12-02T11:30:00+08:00');
    expect((await checkIn(late.appointment.code)).json<CheckInResult>().late).toBe(true);
    t.clock.set('2026-12-04T09:00:00+08:00');
    t.rollDay();
    const supervisor = await t.staffToken('supervisor');
    const res = await send(t.app, 'GET', '/api/v1/reports?from=2026-12-02&to=2026-12-03', supervisor);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<Report>();
    expect(report.totals.bookings).toEqual({ kept: 1, missed: 3 });
    expect(report.services.find((s) => s.serviceId === 'reg')?.bookings).toEqual({ kept: 1, missed: 3 });
    expect(report.services.find((s) => s.serviceId === 'cert')?.bookings).toEqual({ kept: 0, missed: 0 });
    expect(report.days.map((d) => [d.businessDate, d.bookings])).toEqual([
      ['2026-12-02', { kept: 1, missed: 2 }],
      ['2026-12-03', { kept: 0, missed: 1 }],
    ]);
    expect(report.counters.every((c) => c.bookings.kept === 0 && c.bookings.missed === 0)).toBe(true);
  });
});

describe('the manage token stays out of the log', () => {
  it.each([
    ['/book/m/abcdefghijklmnopqrstuv', '/book/m/…'],
    ['/api/v1/public/appointments/abcdefghijklmnopqrstuv', '/api/v1/public/appointments/…'],
    ['/api/v1/public/appointments/abcdefghijklmnopqrstuv/cancel', '/api/v1/public/appointments/…/cancel'],
    ['/api/v1/public/appointments', '/api/v1/public/appointments'],
  ])('redactPrivateUrl(%s) is %s', (url, shown) => {
    expect(redactPrivateUrl(url)).toBe(shown);
  });
});
