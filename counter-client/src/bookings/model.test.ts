import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { service, snapshot } from '@jiaohao/shared/testing';
import { fromSnapshot } from '@jiaohao/shared/reducer';
import type { Appointment, BookingOffer } from '@jiaohao/shared/schemas';
import {
  bookingRows,
  bookingsPath,
  canCancel,
  cancelPath,
  dateLabel,
  newPhoneForm,
  noShowsPath,
  refusalField,
  showCode,
  slotOptions,
  slotsPath,
  toBookBody,
  withDate,
  withLine,
  type PhoneForm,
} from './model';

// The keys and values, so a test reads what would be said without a catalog.
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)) as unknown as TFunction;

const office = fromSnapshot(
  snapshot({
    services: [
      service({ id: 'appointment', code: 'R', names: { 'zh-TW': '預約服務', en: 'Appointments' }, sortOrder: 2 }),
      service({ id: 'marriage', code: 'M', names: { 'zh-TW': '結婚登記', en: 'Marriage registration' }, sortOrder: 1 }),
    ],
  }),
);

const booking = (over: Partial<Appointment>): Appointment => ({
  id: 'a1',
  code: 'K7Q4M2PX',
  serviceId: 'appointment',
  date: '2024-05-07',
  start: '09:00',
  at: '2024-05-07T01:00:00.000Z',
  name: '王小明',
  contactHint: '0912-***-678',
  language: 'zh-TW',
  channel: 'web',
  state: 'booked',
  createdAt: '2024-05-06T01:00:00.000Z',
  ticketId: null,
  ...over,
});

const offer: BookingOffer = {
  checkIn: true,
  lines: [
    { serviceId: 'appointment', dates: ['2024-05-07', '2024-05-08'] },
    { serviceId: 'marriage', dates: ['2024-05-08', '2024-06-01'] },
  ],
  settings: { slotMinutes: 15, checkInEarlyMinutes: 30, lateMinutes: 15, retentionDays: 30 },
};

const filled = (over: Partial<PhoneForm> = {}): PhoneForm => ({
  serviceId: 'appointment',
  date: '2024-05-07',
  start: '09:15',
  name: '  王小明 ',
  contactKind: 'phone',
  contact: '0912-345-678',
  ...over,
});

describe('paths', () => {
  it('asks for the day, the slots, a cancel and the no-shows with escaped values', () => {
    expect(bookingsPath('2024-05-07')).toBe('/appointments?date=2024-05-07');
    expect(slotsPath('a b', '2024-05-07')).toBe('/booking/slots?serviceId=a%20b&date=2024-05-07');
    expect(cancelPath('x/y')).toBe('/appointments/x%2Fy/cancel');
    expect(noShowsPath()).toBe('/appointments/no-shows?min=2');
  });
});

describe('the booking code', () => {
  it('is shown as XXXX-XXXX whatever case or dash it came with', () => {
    expect(showCode('K7Q4M2PX')).toBe('K7Q4-M2PX');
    expect(showCode('k7q4-m2px')).toBe('K7Q4-M2PX');
    expect(showCode('SHORT')).toBe('SHORT');
  });
});

describe('the day’s rows', () => {
  it('go by slot, then line order, then code, with names and words for channel and state', () => {
    const rows = bookingRows(
      [
        booking({ id: 'late', start: '10:00', code: 'BBBBBBBB' }),
        booking({ id: 'b', start: '09:00', code: 'ZZZZ2222', channel: 'staff', state: 'checked_in' }),
        booking({ id: 'm', start: '09:00', serviceId: 'marriage', code: 'YYYY3333', state: 'cancelled' }),
        booking({ id: 'unknown-line', start: '11:00', serviceId: 'gone' }),
      ],
      office,
      'zh-TW',
      t,
    );
    expect(rows.map((r) => [r.id, r.time, r.code, r.line, r.channel, r.stateText, r.cancellable])).toEqual([
      ['m', '09:00', 'YYYY-3333', '結婚登記', 'bookings.channel.web', 'bookings.state.cancelled', false],
      ['b', '09:00', 'ZZZZ-2222', '預約服務', 'bookings.channel.staff', 'bookings.state.checked_in', false],
      ['late', '10:00', 'BBBB-BBBB', '預約服務', 'bookings.channel.web', 'bookings.state.booked', true],
      ['unknown-line', '11:00', 'K7Q4-M2PX', 'gone', 'bookings.channel.web', 'bookings.state.booked', true],
    ]);
    expect(bookingRows([booking({})], office, 'en', t)[0]!.line).toBe('Appointments');
  });

  it('lets only a booking still booked be cancelled', () => {
    expect((['booked', 'cancelled', 'checked_in', 'late', 'missed'] as const).filter(canCancel)).toEqual(['booked']);
  });
});

describe('the phone form', () => {
  it('starts on the first line with dates, on its first date, and keeps line and contact kind for the next caller', () => {
    expect(newPhoneForm(offer)).toEqual({ serviceId: 'appointment', date: '2024-05-07', start: '', name: '', contactKind: 'phone', contact: '' });
    const closedFirst: BookingOffer = { ...offer, lines: [{ serviceId: 'appointment', dates: [] }, ...offer.lines.slice(1)] };
    expect(newPhoneForm(closedFirst).serviceId).toBe('marriage');
    expect(newPhoneForm(offer, filled({ serviceId: 'marriage', date: '2024-06-01', contactKind: 'email' }))).toEqual({
      serviceId: 'marriage',
      date: '2024-06-01',
      start: '',
      name: '',
      contactKind: 'email',
      contact: '',
    });
  });

  it('keeps the date when the new line takes it, else moves to the line’s first; the slot is chosen again', () => {
    expect(withLine(filled({ date: '2024-05-08' }), offer, 'marriage')).toMatchObject({ serviceId: 'marriage', date: '2024-05-08', start: '' });
    expect(withLine(filled({ date: '2024-05-07' }), offer, 'marriage')).toMatchObject({ date: '2024-05-08', start: '' });
    expect(withDate(filled(), '2024-05-08')).toMatchObject({ date: '2024-05-08', start: '' });
  });

  it('lists full slots as such, not to be chosen', () => {
    const options = slotOptions(
      [
        { start: '09:00', at: '2024-05-07T01:00:00.000Z', left: 0 },
        { start: '09:15', at: '2024-05-07T01:15:00.000Z', left: 2 },
      ],
      t,
    );
    expect(options).toEqual([
      { value: '09:00', label: 'bookings.phone.slotFull {"time":"09:00"}', disabled: true },
      { value: '09:15', label: 'bookings.phone.slotOption {"time":"09:15","left":2}', disabled: false },
    ]);
  });

  it('gives the body with the name trimmed and exactly one contact', () => {
    expect(toBookBody(filled(), null)).toEqual({
      ok: true,
      body: { serviceId: 'appointment', date: '2024-05-07', start: '09:15', name: '王小明', phone: '0912-345-678' },
    });
    expect(toBookBody(filled({ contactKind: 'email', contact: ' wang@example.com ' }), null)).toEqual({
      ok: true,
      body: { serviceId: 'appointment', date: '2024-05-07', start: '09:15', name: '王小明', email: 'wang@example.com' },
    });
  });

  it('says what is wrong beside each field, and sends nothing', () => {
    expect(toBookBody(filled({ start: '', name: ' ', contact: '12' }), null)).toEqual({
      ok: false,
      problems: { '/start': { key: 'bookings.problem.slot' }, '/name': { key: 'bookings.problem.name' }, '/phone': { key: 'bookings.problem.phone' } },
    });
    expect(toBookBody(filled({ serviceId: '', date: '' }), null)).toMatchObject({ ok: false, problems: { '/serviceId': {}, '/date': {} } });
    expect(toBookBody(filled({ name: '王'.repeat(41) }), null)).toMatchObject({ ok: false, problems: { '/name': { key: 'bookings.problem.nameTooLong', values: { max: 40 } } } });
    expect(toBookBody(filled({ contactKind: 'email', contact: 'not-an-address' }), null)).toMatchObject({ ok: false, problems: { '/email': { key: 'bookings.problem.email' } } });
    // A slot that filled meanwhile is said before asking.
    expect(toBookBody(filled(), [{ start: '09:15', at: '2024-05-07T01:15:00.000Z', left: 0 }])).toMatchObject({ ok: false, problems: { '/start': { key: 'bookings.problem.slotFull' } } });
  });

  it('places each refusal beside the field it concerns', () => {
    const e = (code: string, message = code, details?: unknown) => ({ code, message, details });
    expect(refusalField(e('slot_full'), 'phone')).toBe('/start');
    expect(refusalField(e('booking_closed'), 'phone')).toBe('/date');
    expect(refusalField(e('already_booked'), 'phone')).toBe('/phone');
    expect(refusalField(e('already_booked'), 'email')).toBe('/email');
    expect(refusalField(e('validation_failed', 'bad', [{ path: '/name' }]), 'phone')).toBe('/name');
    expect(refusalField(e('validation_failed', '/email: must match'), 'email')).toBe('/email');
    expect(refusalField(e('validation_failed', 'Exactly one of phone or email'), 'phone')).toBeNull();
    expect(refusalField(e('rate_limited'), 'phone')).toBeNull();
  });

  it('names a date with its weekday in the UI language', () => {
    expect(dateLabel('2024-05-07', 'zh-TW')).toBe('2024-05-07（週二）');
    expect(dateLabel('2024-05-07', 'en')).toBe('Tue 2024-05-07');
  });
});
