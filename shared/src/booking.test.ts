import { describe, expect, it } from 'vitest';
import { DEFAULT_BOOKING_SETTINGS, type BookableLine, type BookingSettings } from './appointments.schemas';
import {
  bookableDates,
  bookableStarts,
  checkInWindow,
  CODE_ALPHABET,
  codeFromBytes,
  contactHint,
  contactOf,
  formatCode,
  isDateOpen,
  normaliseEmail,
  normalisePhone,
  parseCode,
  shiftDate,
  slotRefusal,
  slotStarts,
} from './booking';
import type { Schedule } from './sessions';

const TZ = 'Asia/Taipei';
/** Tuesday 2026-12-01 at a Taipei wall-clock time. */
const tue = (time: string) => Date.parse(`2026-12-01T${time}:00+08:00`);

// Weekdays 08:00–12:00 and 13:30–17:30 (regular) with a noon shift, Wednesday evening, Saturday morning for marriage only.
const SCHEDULE: Schedule = {
  sessions: [
    ...[1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, start: '08:00', end: '12:00', kind: 'regular' as const, serviceIds: null },
      { weekday, start: '12:00', end: '13:30', kind: 'noon' as const, serviceIds: null },
      { weekday, start: '13:30', end: '17:30', kind: 'regular' as const, serviceIds: null },
    ]),
    { weekday: 3, start: '17:30', end: '18:30', kind: 'evening', serviceIds: null },
    { weekday: 6, start: '08:00', end: '12:00', kind: 'weekend', serviceIds: ['marriage'] },
  ],
  specialDays: [
    { date: '2026-12-04', kind: 'closed', name: { 'zh-TW': '休' } },
    // A make-up Sunday that runs Monday's sessions.
    { date: '2026-12-13', kind: 'open', name: { 'zh-TW': '補班' }, sessionsOf: 1 },
  ],
};

const settings = (over: Partial<BookingSettings> = {}): BookingSettings => ({ ...DEFAULT_BOOKING_SETTINGS, ...over });
const line = (serviceId = 'reg', over: Partial<BookableLine> = {}): BookableLine => ({ serviceId, maxDaysAhead: null, capacityPerSlot: null, ...over });

describe('slotStarts: the slots of a line on a day', () => {
  it('cuts the sessions of the bookable kinds into whole slots, each start once', () => {
    const starts = slotStarts(SCHEDULE, settings(), 'reg', '2026-12-02');
    expect(starts[0]).toBe('08:00');
    expect(starts).toContain('11:45');
    expect(starts).not.toContain('12:00'); // the noon shift is not a bookable kind by default
    expect(starts).toContain('13:30');
    expect(starts.at(-1)).toBe('17:15');
    expect(starts).not.toContain('17:30'); // Wednesday's evening neither
    expect(starts).toHaveLength(16 + 16);
    expect(slotStarts(SCHEDULE, settings({ sessionKinds: ['regular', 'noon', 'evening'] }), 'reg', '2026-12-02')).toContain('18:15');
  });

  it('keeps only whole slots: 40 minutes in a 90-minute session are 2', () => {
    expect(slotStarts(SCHEDULE, settings({ slotMinutes: 40, sessionKinds: ['noon'] }), 'reg', '2026-12-02')).toEqual(['12:00', '12:40']);
  });

  it('follows the lines a session serves, holidays and make-up days', () => {
    expect(slotStarts(SCHEDULE, settings(), 'reg', '2026-12-05')).toEqual([]); // Saturday: marriage only
    expect(slotStarts(SCHEDULE, settings(), 'marriage', '2026-12-05')).toHaveLength(16);
    expect(slotStarts(SCHEDULE, settings({ sessionKinds: ['regular'] }), 'marriage', '2026-12-05')).toEqual([]);
    expect(slotStarts(SCHEDULE, settings(), 'reg', '2026-12-04')).toEqual([]); // closed
    expect(slotStarts(SCHEDULE, settings(), 'reg', '2026-12-06')).toEqual([]); // Sunday
    expect(slotStarts(SCHEDULE, settings(), 'reg', '2026-12-13')).toHaveLength(32); // the make-up Sunday
  });
});

describe('bookable dates', () => {
  it('from tomorrow to 7 days ahead, skipping days without slots (the holiday, the weekend)', () => {
    expect(bookableDates(SCHEDULE, settings(), line(), tue('09:00'), TZ)).toEqual(['2026-12-02', '2026-12-03', '2026-12-07', '2026-12-08']);
  });

  it('tomorrow closes at the cutoff time today', () => {
    expect(isDateOpen(settings(), line(), '2026-12-02', tue('14:59'), TZ)).toBe(true);
    expect(isDateOpen(settings(), line(), '2026-12-02', tue('15:00'), TZ)).toBe(false);
    expect(bookableDates(SCHEDULE, settings(), line(), tue('15:00'), TZ)[0]).toBe('2026-12-03');
    // No cutoff: until the day begins.
    expect(bookableDates(SCHEDULE, settings({ cutoffTime: null }), line(), tue('23:59'), TZ)[0]).toBe('2026-12-02');
  });

  it('minDaysAhead moves the first day; 0 with no cutoff books today, only the slots still ahead', () => {
    expect(bookableDates(SCHEDULE, settings({ minDaysAhead: 2 }), line(), tue('09:00'), TZ)[0]).toBe('2026-12-03');
    const sameDay = settings({ minDaysAhead: 0, cutoffTime: null });
    expect(bookableDates(SCHEDULE, sameDay, line(), tue('09:00'), TZ)[0]).toBe('2026-12-01');
    expect(bookableStarts(SCHEDULE, sameDay, 'reg', '2026-12-01', tue('09:00'), TZ)[0]).toBe('09:15');
    expect(bookableDates(SCHEDULE, sameDay, line(), tue('17:20'), TZ)[0]).toBe('2026-12-02');
  });

  it("a line's own maxDaysAhead (marriage: 30 days) over the office's; 0 days ahead at most is today only", () => {
    const marriage = line('marriage', { maxDaysAhead: 30 });
    const dates = bookableDates(SCHEDULE, settings(), marriage, tue('09:00'), TZ);
    expect(dates.at(-1)).toBe('2026-12-31');
    expect(dates).toContain('2026-12-05'); // its Saturday session
    expect(isDateOpen(settings(), marriage, '2027-01-01', tue('09:00'), TZ)).toBe(false);
    expect(bookableDates(SCHEDULE, settings(), line(), tue('09:00'), TZ).at(-1)).toBe('2026-12-08');
  });

  it('nothing while bookings are off', () => {
    expect(bookableDates(SCHEDULE, settings({ enabled: false }), line(), tue('09:00'), TZ)).toEqual([]);
    expect(slotRefusal(SCHEDULE, settings({ enabled: false }), line(), '2026-12-02', '09:00', tue('09:00'), TZ)).toMatch(/no bookings/);
  });

  it('slotRefusal says why a slot cannot be booked, or null', () => {
    const s = settings();
    expect(slotRefusal(SCHEDULE, s, line(), '2026-12-02', '09:00', tue('09:00'), TZ)).toBeNull();
    expect(slotRefusal(SCHEDULE, s, undefined, '2026-12-02', '09:00', tue('09:00'), TZ)).toMatch(/takes no bookings/);
    expect(slotRefusal(SCHEDULE, s, line(), '2026-12-02', '09:05', tue('09:00'), TZ)).toMatch(/not a slot/);
    expect(slotRefusal(SCHEDULE, s, line(), '2026-12-02', '12:15', tue('09:00'), TZ)).toMatch(/not a slot/);
    expect(slotRefusal(SCHEDULE, s, line(), '2026-12-01', '16:00', tue('09:00'), TZ)).toMatch(/no longer/);
    expect(slotRefusal(SCHEDULE, s, line(), '2026-12-09', '09:00', tue('09:00'), TZ)).toMatch(/too far ahead: bookings are taken up to 2026-12-08/);
  });

  it('shiftDate is calendar arithmetic across months and years', () => {
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('the check-in window runs from checkInEarlyMinutes before the slot; late is more than lateMinutes after', () => {
    const slot = tue('10:00');
    expect(checkInWindow(settings(), slot)).toEqual({ from: tue('09:30'), lateAfter: tue('10:15') });
  });
});

describe('the booking code', () => {
  it('has 8 characters of an alphabet without look-alikes, shown as XXXX-XXXX', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    for (const c of '01OI') expect(CODE_ALPHABET).not.toContain(c);
    const code = codeFromBytes([0, 1, 2, 3, 31, 32, 255, 100]);
    expect(code).toBe('2345Z2Z6'); // each byte's low 5 bits pick the letter
    expect(formatCode('K7Q4M2PX')).toBe('K7Q4-M2PX');
    expect(() => codeFromBytes([1, 2, 3])).toThrow();
  });

  it('is read from typed input: any case, with or without the dash or spaces', () => {
    for (const typed of ['K7Q4-M2PX', 'k7q4m2px', ' k7q4 - m2px ', 'K7Q4M2PX\n']) expect(parseCode(typed), typed).toBe('K7Q4M2PX');
  });

  it('is read from a scanned QR code: the code itself, or a URL or query ending with it', () => {
    expect(parseCode('https://queue.example.gov.tw/checkin/K7Q4-M2PX')).toBe('K7Q4M2PX');
    expect(parseCode('https://queue.example.gov.tw/checkin/K7Q4-M2PX/')).toBe('K7Q4M2PX');
    expect(parseCode('https://queue.example.gov.tw/checkin?code=k7q4m2px')).toBe('K7Q4M2PX');
  });

  it('is null for what holds no code (look-alikes, wrong length, nothing)', () => {
    for (const bad of ['', '   ', 'K7Q4-M2P', 'K7Q4-M2PXX', 'K7Q0-M2PX', 'K7QO-M2PX', 'K7Q1-M2PX', 'K7QI-M2PX', '////', 'https://x/']) expect(parseCode(bad), bad).toBeNull();
  });
});

describe('contacts', () => {
  it('a phone number as digits, the way it is dialled in Taiwan (+886 → 0)', () => {
    for (const p of ['0912-345-678', '0912 345 678', '(0912)345678', '+886 912 345 678', '+886-912-345-678', '+886 0912 345 678', '00886912345678']) {
      expect(normalisePhone(p), p).toBe('0912345678');
    }
    expect(normalisePhone('04-2236-1271')).toBe('0422361271');
    expect(normalisePhone('+886 4 2236 1271')).toBe('0422361271');
    expect(normalisePhone('02-2345-678')).toBe('022345678');
    for (const bad of ['+1 555 123 4567', '912345678', '0912-345', '0912-345-6789-0', '0912a45678', '']) expect(normalisePhone(bad), bad).toBeNull();
  });

  it('an e-mail address trimmed and lowercased', () => {
    expect(normaliseEmail('  Wang.XM@Example.COM ')).toBe('wang.xm@example.com');
    expect(normaliseEmail('not-an-address')).toBeNull();
  });

  it('a request gives exactly one of phone and e-mail, valid', () => {
    expect(contactOf({ phone: '+886 912 345 678' })).toEqual({ ok: true, contact: { kind: 'phone', value: '0912345678' } });
    expect(contactOf({ email: 'A@B.TW' })).toEqual({ ok: true, contact: { kind: 'email', value: 'a@b.tw' } });
    expect(contactOf({})).toMatchObject({ ok: false, path: '/phone' });
    expect(contactOf({ phone: '0912345678', email: 'a@b.tw' })).toMatchObject({ ok: false, message: 'give exactly one of phone and email' });
    expect(contactOf({ phone: '+1 555 123 4567' })).toMatchObject({ ok: false, path: '/phone' });
  });

  it('a hint hides most of it: 0912-***-678, w***@example.com', () => {
    expect(contactHint({ kind: 'phone', value: '0912345678' })).toBe('0912-***-678');
    expect(contactHint({ kind: 'email', value: 'wang@example.com' })).toBe('w***@example.com');
  });
});
