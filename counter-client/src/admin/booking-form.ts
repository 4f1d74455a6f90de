// The office's booking rules as the admin edits them (text in every field, as typed) and back to the
// PATCH /booking/settings body: only what changed, nothing when a field is wrong (its problem is
// shown beside it). The limits come from BookingSettings in shared/, so they are the server's own.
// Pure: BookingSection only draws this.
import { BookingSettings, OPENING_KINDS_BOOKABLE, type BookableLine, type BookingSettingsPatch, type Service } from '@jiaohao/shared/schemas';
import { changed, Checker, type Mapped, type RefusalRules } from './forms';

export type BookableKind = (typeof OPENING_KINDS_BOOKABLE)[number];
export const BOOKABLE_KINDS: readonly BookableKind[] = OPENING_KINDS_BOOKABLE;

export interface LineForm {
  readonly serviceId: string;
  readonly take: boolean;
  /** Empty: the office's. */
  readonly maxDaysAhead: string;
  /** Empty: the office's. */
  readonly capacityPerSlot: string;
  /** The line allows appointments (Lines tab); a line that no longer does is listed while it is still bookable. */
  readonly allowed: boolean;
}

export interface BookingForm {
  readonly enabled: boolean;
  readonly lines: readonly LineForm[];
  readonly slotMinutes: string;
  readonly capacityPerSlot: string;
  readonly minDaysAhead: string;
  /** HH:MM; empty: no cutoff. */
  readonly cutoffTime: string;
  readonly maxDaysAhead: string;
  readonly sessionKinds: Readonly<Record<BookableKind, boolean>>;
  readonly checkInEarlyMinutes: string;
  readonly lateMinutes: string;
  readonly retentionDays: string;
}

const orEmpty = (n: number | null) => (n === null ? '' : String(n));

/**
 * The form from the settings: a row for every line that allows appointments (in the lines' order),
 * then any line still bookable that no longer does (or no longer exists), so it can be switched off.
 */
export function bookingToForm(s: BookingSettings, services: readonly Service[]): BookingForm {
  const own = new Map(s.lines.map((l) => [l.serviceId, l]));
  const known = new Set(services.map((x) => x.id));
  const row = (serviceId: string, allowed: boolean): LineForm => {
    const l = own.get(serviceId);
    return { serviceId, take: l !== undefined, maxDaysAhead: orEmpty(l?.maxDaysAhead ?? null), capacityPerSlot: orEmpty(l?.capacityPerSlot ?? null), allowed };
  };
  const lines = [
    ...services.filter((x) => x.allowAppointment || own.has(x.id)).map((x) => row(x.id, x.allowAppointment)),
    ...s.lines.filter((l) => !known.has(l.serviceId)).map((l) => row(l.serviceId, false)),
  ];
  return {
    enabled: s.enabled,
    lines,
    slotMinutes: String(s.slotMinutes),
    capacityPerSlot: String(s.capacityPerSlot),
    minDaysAhead: String(s.minDaysAhead),
    cutoffTime: s.cutoffTime ?? '',
    maxDaysAhead: String(s.maxDaysAhead),
    sessionKinds: Object.fromEntries(BOOKABLE_KINDS.map((k) => [k, s.sessionKinds.includes(k)])) as Record<BookableKind, boolean>,
    checkInEarlyMinutes: String(s.checkInEarlyMinutes),
    lateMinutes: String(s.lateMinutes),
    retentionDays: String(s.retentionDays),
  };
}

/** A line's own field, by path (the form's; the server names lines by index, which lands on '/lines'). */
export const linePath = (serviceId: string, field: 'take' | 'maxDaysAhead' | 'capacityPerSlot'): string => `/lines/${serviceId}/${field}`;

const B = BookingSettings.properties;
const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** The settings the form says, or the problems beside its fields. */
function readSettings(form: BookingForm, c: Checker): () => BookingSettings {
  const slotMinutes = c.int('/slotMinutes', form.slotMinutes, B.slotMinutes);
  const capacityPerSlot = c.int('/capacityPerSlot', form.capacityPerSlot, B.capacityPerSlot);
  const minDaysAhead = c.int('/minDaysAhead', form.minDaysAhead, B.minDaysAhead);
  const maxDaysAhead = c.int('/maxDaysAhead', form.maxDaysAhead, B.maxDaysAhead);
  if (minDaysAhead !== null && maxDaysAhead !== null && maxDaysAhead < minDaysAhead) {
    c.add('/maxDaysAhead', { key: 'admin.booking.problem.maxBeforeMin', values: { min: minDaysAhead } });
  }
  const cutoffText = form.cutoffTime.trim();
  const clock = CLOCK.exec(cutoffText);
  if (cutoffText !== '' && !clock) c.add('/cutoffTime', { key: 'admin.booking.problem.time' });
  // 9:00 is written 09:00, as the server keeps it.
  const cutoffTime = clock ? `${clock[1]!.padStart(2, '0')}:${clock[2]}` : null;
  const sessionKinds = BOOKABLE_KINDS.filter((k) => form.sessionKinds[k]);
  if (sessionKinds.length === 0) c.add('/sessionKinds', { key: 'admin.problem.chooseOne' });
  const checkInEarlyMinutes = c.int('/checkInEarlyMinutes', form.checkInEarlyMinutes, B.checkInEarlyMinutes);
  const lateMinutes = c.int('/lateMinutes', form.lateMinutes, B.lateMinutes);
  const retentionDays = c.int('/retentionDays', form.retentionDays, B.retentionDays);
  const lines: BookableLine[] = form.lines
    .filter((l) => l.take)
    .map((l) => ({
      serviceId: l.serviceId,
      maxDaysAhead: l.maxDaysAhead.trim() === '' ? null : c.int(linePath(l.serviceId, 'maxDaysAhead'), l.maxDaysAhead, B.maxDaysAhead),
      capacityPerSlot: l.capacityPerSlot.trim() === '' ? null : c.int(linePath(l.serviceId, 'capacityPerSlot'), l.capacityPerSlot, B.capacityPerSlot),
    }));
  return () => ({
    enabled: form.enabled,
    lines,
    slotMinutes: slotMinutes!,
    capacityPerSlot: capacityPerSlot!,
    minDaysAhead: minDaysAhead!,
    cutoffTime,
    maxDaysAhead: maxDaysAhead!,
    sessionKinds,
    checkInEarlyMinutes: checkInEarlyMinutes!,
    lateMinutes: lateMinutes!,
    retentionDays: retentionDays!,
  });
}

/** The settings in the form's order (lines as listed, session kinds as BOOKABLE_KINDS), so only real changes count. */
function inFormOrder(s: BookingSettings, form: BookingForm): BookingSettings {
  const rank = new Map(form.lines.map((l, i) => [l.serviceId, i]));
  const at = (id: string) => rank.get(id) ?? Number.MAX_SAFE_INTEGER;
  return {
    ...s,
    lines: [...s.lines].sort((a, b) => at(a.serviceId) - at(b.serviceId)),
    sessionKinds: BOOKABLE_KINDS.filter((k) => s.sessionKinds.includes(k)),
  };
}

/** The PATCH body: only the fields that changed; null when nothing did. */
export function toBookingPatch(form: BookingForm, before: BookingSettings): Mapped<BookingSettingsPatch | null> {
  const c = new Checker();
  const next = readSettings(form, c);
  return c.result(() => changed<BookingSettings>(next(), inFormOrder(before, form)));
}

/** Every field, by path (for placing refusals); a line's refusal from the server lands on '/lines'. */
export function bookingFields(form: BookingForm): string[] {
  return [
    '/enabled',
    '/lines',
    ...form.lines.flatMap((l) => [linePath(l.serviceId, 'maxDaysAhead'), linePath(l.serviceId, 'capacityPerSlot')]),
    '/slotMinutes',
    '/capacityPerSlot',
    '/minDaysAhead',
    '/cutoffTime',
    '/maxDaysAhead',
    '/sessionKinds',
    '/checkInEarlyMinutes',
    '/lateMinutes',
    '/retentionDays',
  ];
}

export const bookingRefusals = (form: BookingForm): RefusalRules => ({ fields: bookingFields(form) });
