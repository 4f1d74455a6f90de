import { describe, expect, it } from 'vitest';
import { DEFAULT_BOOKING_SETTINGS } from '@jiaohao/shared/schemas';
import { bookingTicket, clockTime, DEFAULT_CHECK_IN_RULES, deleteLast, formatTyped, isComplete, refusalFor, typeCode } from './checkin';

const TZ = 'Asia/Taipei';
const rules = { checkInEarlyMinutes: 20, lateMinutes: 10 };

describe('the booking code as the resident types it', () => {
  it('takes the code alphabet only, any case, and shows XXXX-XXXX as it grows', () => {
    let code = '';
    for (const key of ['k', '7', 'q', '4', '-', 'm', '2', 'p', 'x']) code = typeCode(code, key);
    expect(code).toBe('K7Q4M2PX');
    expect(isComplete(code)).toBe(true);
    expect(formatTyped('K7Q')).toBe('K7Q');
    expect(formatTyped('K7Q4')).toBe('K7Q4');
    expect(formatTyped('K7Q4M')).toBe('K7Q4-M');
    expect(formatTyped(code)).toBe('K7Q4-M2PX');
    // The look-alikes the alphabet leaves out are never taken (0/O, 1/I), nor spaces.
    expect(typeCode('', '0O1I ')).toBe('');
    expect(deleteLast('K7Q')).toBe('K7');
    expect(deleteLast('')).toBe('');
  });

  it('keeps the last eight characters, so a scanner that types a whole link leaves the code', () => {
    expect(typeCode('', 'K7Q4-M2PX')).toBe('K7Q4M2PX');
    expect(typeCode('', 'https://queue.example.tw/book/K7Q4-M2PX')).toBe('K7Q4M2PX');
    expect(typeCode('ABCD', 'k7q4 m2px')).toBe('K7Q4M2PX');
  });
});

describe('what the resident is told when the check-in gives no ticket', () => {
  it('names each refusal, and a booking for another day by its date', () => {
    expect(refusalFor({ code: 'not_found', message: 'No booking has this code' }, rules, TZ)).toEqual({ kind: 'not_found' });
    expect(refusalFor({ code: 'booking_not_active', message: 'was cancelled', details: { state: 'cancelled' } }, rules, TZ)).toEqual({ kind: 'not_active', date: null });
    expect(refusalFor({ code: 'booking_not_active', message: 'is for 2024-05-07', details: { date: '2024-05-07' } }, rules, TZ)).toEqual({ kind: 'not_active', date: '2024-05-07' });
    // The network, no answer in time, or anything the kiosk does not expect: try again.
    expect(refusalFor({ code: 'no_answer', message: 'TypeError: Failed to fetch' }, rules, TZ)).toEqual({ kind: 'failed' });
    expect(refusalFor({ code: 'internal', message: 'boom' }, rules, TZ)).toEqual({ kind: 'failed' });
  });

  it('says from when a booking too early can check in: the answer’s time, its slot less the rule, or the time its message names', () => {
    const message = 'Booking K7Q4-M2PX is for 10:30: check in from 10:00';
    expect(refusalFor({ code: 'check_in_too_early', message, details: { from: '2024-05-06T02:00:00.000Z' } }, rules, TZ)).toEqual({ kind: 'too_early', from: '10:00', message });
    expect(refusalFor({ code: 'check_in_too_early', message: 'too early', details: { at: '2024-05-06T02:30:00.000Z' } }, rules, TZ)).toMatchObject({ from: '10:10' });
    expect(refusalFor({ code: 'check_in_too_early', message: 'check in from 9:05' }, rules, TZ)).toMatchObject({ from: '09:05' });
    // Nothing to go on: the server's own words are shown.
    expect(refusalFor({ code: 'check_in_too_early', message: 'later, please' }, rules, TZ)).toEqual({ kind: 'too_early', from: null, message: 'later, please' });
  });
});

describe('the booking on the ticket', () => {
  const answer = (late: boolean) => ({ appointment: { code: 'K7Q4-M2PX', serviceId: 'appointment', at: '2024-05-06T02:30:00.000Z', state: late ? ('late' as const) : ('checked_in' as const) }, late });

  it('shows the slot in the office’s time, and when late by more than the office’s lateMinutes', () => {
    expect(bookingTicket(answer(false), rules, TZ)).toEqual({ slot: '10:30', late: false, lateMinutes: 10 });
    expect(bookingTicket(answer(true), rules, TZ)).toEqual({ slot: '10:30', late: true, lateMinutes: 10 });
  });

  it('falls back on the rule’s own default when the office’s rules could not be read', () => {
    expect(DEFAULT_CHECK_IN_RULES.lateMinutes).toBe(DEFAULT_BOOKING_SETTINGS.lateMinutes);
    expect(bookingTicket(answer(true), DEFAULT_CHECK_IN_RULES, TZ).lateMinutes).toBe(15);
    expect(clockTime('2024-05-06T13:05:00.000Z', TZ)).toBe('21:05');
  });
});
