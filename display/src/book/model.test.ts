import { describe, expect, it } from 'vitest';
import { addMinutes, bookBody, bookingModel, dayLabel, dayParts, EMPTY_FORM, formatCode, lineChoices, slotChoices, validate, type BookForm } from './model';
import { routeOf } from './i18n';
import { appointment, OFFER, SLOTS } from './test-server';

const OFFICE = { names: { 'zh-TW': '北區戶政' }, timeZone: 'Asia/Taipei', lines: { appointment: { 'zh-TW': '預約服務', en: 'Appointments' }, marriage: { 'zh-TW': '結婚登記' } } };
const FULL: BookForm = { serviceId: 'appointment', date: '2026-12-02', start: '09:00', name: ' 王小明 ', contact: 'phone', phone: '0912 345 678', email: '' };

describe('the booking model', () => {
  it('names the lines that have a day left, in the language shown or in Chinese', () => {
    expect(lineChoices(OFFER, OFFICE, 'en').map((l) => [l.serviceId, l.name])).toEqual([
      ['appointment', { text: 'Appointments', lang: 'en' }],
      ['marriage', { text: '結婚登記', lang: 'zh-Hant-TW' }],
    ]);
  });

  it("writes a day with its weekday on the office's calendar, in each language", () => {
    expect(dayLabel('2026-12-05', 'Asia/Taipei', 'zh-TW')).toBe('12月5日週六');
    expect(dayLabel('2026-12-05', 'Asia/Taipei', 'en')).toBe('Sat, December 5');
    expect(dayLabel('2026-12-05', 'Asia/Taipei', 'th')).toMatch(/\p{Script=Thai}/u);
  });

  it('cuts slot times and marks full slots', () => {
    expect(addMinutes('09:50', 15)).toBe('10:05');
    expect(addMinutes('23:50', 15)).toBe('00:05');
    expect(slotChoices(SLOTS, 15).map((s) => [s.time, s.full, s.places])).toEqual([
      ['09:00–09:15', false, { key: 'book.slot.left', values: { n: 2 } }],
      ['09:15–09:30', true, { key: 'book.slot.full' }],
      ['09:30–09:45', false, { key: 'book.slot.left', values: { n: 1 } }],
    ]);
  });

  it('formats the code as XXXX-XXXX', () => {
    expect(formatCode('K7Q4M2PX')).toBe('K7Q4-M2PX');
    expect(formatCode('k7q4-m2px')).toBe('K7Q4-M2PX');
  });

  it('asks one step at a time, then for a name and the chosen contact only', () => {
    expect(validate(EMPTY_FORM)).toEqual({ serviceId: { key: 'book.error.line' }, name: { key: 'book.error.name' }, phone: { key: 'book.error.phone' } });
    expect(Object.keys(validate({ ...FULL, date: null, start: null }))).toEqual(['date']);
    expect(validate(FULL)).toEqual({});
    expect(validate({ ...FULL, phone: '09-12' }).phone?.key).toBe('book.error.phoneFormat');
    expect(validate({ ...FULL, name: 'x'.repeat(41) }).name).toEqual({ key: 'book.error.nameLong', values: { max: 40 } });
    expect(validate({ ...FULL, contact: 'email', phone: '' })).toEqual({ email: { key: 'book.error.email' } });
    expect(validate({ ...FULL, contact: 'email', email: 'a@b' }).email?.key).toBe('book.error.emailFormat');
  });

  it('sends the trimmed name and exactly one contact', () => {
    expect(bookBody(FULL, 'vi')).toEqual({ serviceId: 'appointment', date: '2026-12-02', start: '09:00', name: '王小明', phone: '0912 345 678', language: 'vi' });
    expect(bookBody({ ...FULL, contact: 'email', email: ' a@b.tw ' }, 'zh-TW')).not.toHaveProperty('phone');
  });

  it('shows a booking with its state; only a booked one is active', () => {
    const booked = bookingModel(appointment(), { office: OFFICE, slotMinutes: 15 }, 'zh-TW');
    expect(booked).toMatchObject({ code: 'K7Q4-M2PX', day: '12月2日週三', time: '09:30–09:45', line: { text: '預約服務' }, active: true, final: null });
    const late = bookingModel(appointment({ state: 'late' }), { office: null, slotMinutes: null }, 'en');
    expect(late).toMatchObject({ active: false, time: '09:30', status: { key: 'book.state.late' }, final: { key: 'book.final.late' }, line: { text: 'appointment' } });
  });

  it('tells the two pages apart by their path', () => {
    expect(routeOf('/book')).toEqual({ page: 'book' });
    expect(routeOf('/book/m/abc%2Ddef/extra')).toEqual({ page: 'manage', token: 'abc-def' });
    expect(routeOf('/book/m/')).toEqual({ page: 'manage', token: null });
  });
});

describe('dayParts', () => {
  it('splits a day into its date and its weekday for the narrow buttons', () => {
    expect(dayParts('2026-12-05', 'Asia/Taipei', 'zh-TW')).toEqual({ date: '12月5日', weekday: '週六' });
    expect(dayParts('2026-12-05', 'Asia/Taipei', 'en')).toEqual({ date: 'December 5', weekday: 'Sat' });
  });
});
