import { describe, expect, it } from 'vitest';
import { service } from '@jiaohao/shared/testing';
import { DEFAULT_BOOKING_SETTINGS, type BookingSettings } from '@jiaohao/shared/schemas';
import { bookingFields, bookingToForm, linePath, toBookingPatch, type BookingForm } from './booking-form';
import { refusalField } from './forms';

const services = [
  service({ id: 'household', code: 'A', allowAppointment: false, sortOrder: 1 }),
  service({ id: 'marriage', code: 'M', allowAppointment: true, sortOrder: 2 }),
  service({ id: 'appointment', code: 'R', allowAppointment: true, sortOrder: 3 }),
];
const before: BookingSettings = {
  ...DEFAULT_BOOKING_SETTINGS,
  lines: [
    { serviceId: 'appointment', maxDaysAhead: null, capacityPerSlot: null },
    { serviceId: 'marriage', maxDaysAhead: 30, capacityPerSlot: null },
  ],
};
const problems = (r: ReturnType<typeof toBookingPatch>) => (r.ok ? null : r.problems);
const line = (form: BookingForm, id: string) => form.lines.find((l) => l.serviceId === id)!;
const withLine = (form: BookingForm, id: string, over: Partial<BookingForm['lines'][number]>): BookingForm => ({
  ...form,
  lines: form.lines.map((l) => (l.serviceId === id ? { ...l, ...over } : l)),
});

describe('the booking settings form', () => {
  it('lists the lines that allow appointments in the lines’ order, with their own limits as typed', () => {
    const form = bookingToForm(before, services);
    expect(form.lines).toEqual([
      { serviceId: 'marriage', take: true, maxDaysAhead: '30', capacityPerSlot: '', allowed: true },
      { serviceId: 'appointment', take: true, maxDaysAhead: '', capacityPerSlot: '', allowed: true },
    ]);
    expect(form).toMatchObject({ enabled: true, slotMinutes: '15', cutoffTime: '15:00', sessionKinds: { regular: true, noon: false, evening: false, weekend: true } });
  });

  it('still lists a bookable line that no longer allows appointments (or is gone), so it can be switched off', () => {
    const form = bookingToForm({ ...before, lines: [...before.lines, { serviceId: 'household', maxDaysAhead: null, capacityPerSlot: 3 }, { serviceId: 'gone', maxDaysAhead: null, capacityPerSlot: null }] }, services);
    expect(form.lines.map((l) => [l.serviceId, l.take, l.allowed])).toEqual([
      ['household', true, false],
      ['marriage', true, true],
      ['appointment', true, true],
      ['gone', true, false],
    ]);
  });

  it('unchanged sends nothing, even when the server keeps the lines and kinds in another order', () => {
    const shuffled: BookingSettings = { ...before, lines: [...before.lines].reverse(), sessionKinds: ['weekend', 'regular'] };
    expect(toBookingPatch(bookingToForm(shuffled, services), shuffled)).toEqual({ ok: true, value: null });
  });

  it('sends only what changed: the slot length alone', () => {
    const form = bookingToForm(before, services);
    expect(toBookingPatch({ ...form, slotMinutes: ' 20 ' }, before)).toEqual({ ok: true, value: { slotMinutes: 20 } });
  });

  it('sends the lines whole when one changes: a line switched off, a line’s own capacity', () => {
    const form = bookingToForm(before, services);
    expect(toBookingPatch(withLine(form, 'marriage', { take: false }), before)).toEqual({ ok: true, value: { lines: [{ serviceId: 'appointment', maxDaysAhead: null, capacityPerSlot: null }] } });
    expect(toBookingPatch(withLine(form, 'appointment', { capacityPerSlot: '4' }), before)).toEqual({
      ok: true,
      value: {
        lines: [
          { serviceId: 'marriage', maxDaysAhead: 30, capacityPerSlot: null },
          { serviceId: 'appointment', maxDaysAhead: null, capacityPerSlot: 4 },
        ],
      },
    });
  });

  it('no cutoff is null; 9:00 is sent as 09:00; the session kinds in their order', () => {
    const form = bookingToForm(before, services);
    expect(toBookingPatch({ ...form, cutoffTime: ' ' }, before)).toEqual({ ok: true, value: { cutoffTime: null } });
    expect(toBookingPatch({ ...form, cutoffTime: '9:00' }, before)).toEqual({ ok: true, value: { cutoffTime: '09:00' } });
    expect(toBookingPatch({ ...form, sessionKinds: { ...form.sessionKinds, noon: true, regular: false } }, before)).toEqual({ ok: true, value: { sessionKinds: ['noon', 'weekend'] } });
    expect(toBookingPatch({ ...form, enabled: false }, before)).toEqual({ ok: true, value: { enabled: false } });
  });

  it('checks every field against the schema’s own limits, and sends nothing while one is wrong', () => {
    const form = bookingToForm(before, services);
    const wrong: BookingForm = {
      ...withLine(form, 'marriage', { maxDaysAhead: '91', capacityPerSlot: '0' }),
      slotMinutes: '4',
      capacityPerSlot: 'two',
      cutoffTime: '25:00',
      checkInEarlyMinutes: '181',
      lateMinutes: '-1',
      retentionDays: '0',
      sessionKinds: { regular: false, noon: false, evening: false, weekend: false },
    };
    expect(problems(toBookingPatch(wrong, before))).toEqual({
      '/slotMinutes': { key: 'admin.problem.between', values: { min: 5, max: 120 } },
      '/capacityPerSlot': { key: 'admin.problem.between', values: { min: 1, max: 50 } },
      '/cutoffTime': { key: 'admin.booking.problem.time' },
      '/sessionKinds': { key: 'admin.problem.chooseOne' },
      '/checkInEarlyMinutes': { key: 'admin.problem.between', values: { min: 0, max: 180 } },
      '/lateMinutes': { key: 'admin.problem.between', values: { min: 0, max: 120 } },
      '/retentionDays': { key: 'admin.problem.between', values: { min: 1, max: 365 } },
      [linePath('marriage', 'maxDaysAhead')]: { key: 'admin.problem.between', values: { min: 0, max: 90 } },
      [linePath('marriage', 'capacityPerSlot')]: { key: 'admin.problem.between', values: { min: 1, max: 50 } },
    });
  });

  it('the last bookable day cannot come before the first', () => {
    const form = bookingToForm(before, services);
    expect(problems(toBookingPatch({ ...form, minDaysAhead: '3', maxDaysAhead: '2' }, before))).toEqual({
      '/maxDaysAhead': { key: 'admin.booking.problem.maxBeforeMin', values: { min: 3 } },
    });
    expect(line(form, 'marriage').maxDaysAhead).toBe('30');
  });

  it('puts a server refusal beside its field, a line’s (named by index) beside the lines', () => {
    const rules = { fields: bookingFields(bookingToForm(before, services)) };
    expect(refusalField({ code: 'validation_failed', message: '/slotMinutes: too small', details: [{ path: '/slotMinutes' }] }, rules)).toBe('/slotMinutes');
    expect(refusalField({ code: 'validation_failed', message: 'x', details: [{ path: '/lines/1/capacityPerSlot' }] }, rules)).toBe('/lines');
    expect(refusalField({ code: 'forbidden', message: 'no' }, rules)).toBeNull();
  });
});
