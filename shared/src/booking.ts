// The booking rules (網路／電話預約), pure: which days and slots of a line can be booked at a moment,
// the booking code residents type or scan at the kiosk, and a contact (a phone number or an e-mail
// address) reduced to one form, so the same person written two ways is still one person per day.
// The server books and checks in with these; the booking page and the kiosk can run them too.
import type { BookableLine, BookingSettings } from './appointments.schemas';
import { instantAt, localTime } from './business-date';
import { sessionsOn, type Schedule } from './sessions';

const MINUTE = 60_000;

/** `date` (YYYY-MM-DD) moved by `days`, calendar arithmetic in UTC (no time zone can shift a date). */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The line's own limit where it has one, else the office's. */
export const lineMaxDaysAhead = (settings: BookingSettings, line: BookableLine): number => line.maxDaysAhead ?? settings.maxDaysAhead;
export const lineCapacity = (settings: BookingSettings, line: BookableLine): number => line.capacityPerSlot ?? settings.capacityPerSlot;

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const timeOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The start times (HH:MM) of a line's slots on a date: every slotMinutes from the start of each
 * session of a bookable kind that serves the line, while a whole slot fits before the session's end.
 * None on a closed day; a make-up day cuts the sessions it follows. Sorted, each start once.
 */
export function slotStarts(schedule: Schedule, settings: Pick<BookingSettings, 'slotMinutes' | 'sessionKinds'>, serviceId: string, date: string): string[] {
  const kinds: readonly string[] = settings.sessionKinds;
  const starts = new Set<number>();
  for (const s of sessionsOn(schedule, date)) {
    if (!kinds.includes(s.kind)) continue;
    if (s.serviceIds !== null && !s.serviceIds.includes(serviceId)) continue;
    const end = minutesOf(s.end);
    for (let m = minutesOf(s.start); m + settings.slotMinutes <= end; m += settings.slotMinutes) starts.add(m);
  }
  return [...starts].sort((a, b) => a - b).map(timeOf);
}

/**
 * Whether a date can still be booked at `now` (whatever its slots): from minDaysAhead days after
 * today to the line's maxDaysAhead, and before cutoffTime of the day before it (so with
 * minDaysAhead 1 and 15:00, tomorrow closes at 15:00 today). Bookings off: never.
 */
export function isDateOpen(settings: BookingSettings, line: BookableLine, date: string, now: number, timeZone: string): boolean {
  if (!settings.enabled) return false;
  const today = localTime(now, timeZone).date;
  if (date < shiftDate(today, settings.minDaysAhead) || date > shiftDate(today, lineMaxDaysAhead(settings, line))) return false;
  if (settings.cutoffTime !== null && now >= instantAt(shiftDate(date, -1), settings.cutoffTime, timeZone)) return false;
  return true;
}

/** The dates of a line that can be booked at `now`: open (isDateOpen) and with at least one slot still ahead. */
export function bookableDates(schedule: Schedule, settings: BookingSettings, line: BookableLine, now: number, timeZone: string): string[] {
  if (!settings.enabled) return [];
  const today = localTime(now, timeZone).date;
  const dates: string[] = [];
  for (let d = settings.minDaysAhead; d <= lineMaxDaysAhead(settings, line); d++) {
    const date = shiftDate(today, d);
    if (!isDateOpen(settings, line, date, now, timeZone)) continue;
    if (bookableStarts(schedule, settings, line.serviceId, date, now, timeZone).length > 0) dates.push(date);
  }
  return dates;
}

/** A date's slot starts that have not begun at `now` (only a same-day booking has any behind it). */
export function bookableStarts(schedule: Schedule, settings: BookingSettings, serviceId: string, date: string, now: number, timeZone: string): string[] {
  return slotStarts(schedule, settings, serviceId, date).filter((start) => instantAt(date, start, timeZone) > now);
}

/** Why a booking of this slot is refused now, in words for the message; null when it may be booked. */
export function slotRefusal(
  schedule: Schedule,
  settings: BookingSettings,
  line: BookableLine | undefined,
  date: string,
  start: string,
  now: number,
  timeZone: string,
): string | null {
  if (!settings.enabled) return 'The office takes no bookings now';
  if (!line) return 'This line takes no bookings';
  if (!isDateOpen(settings, line, date, now, timeZone)) {
    const today = localTime(now, timeZone).date;
    const last = shiftDate(today, lineMaxDaysAhead(settings, line));
    if (date > last) return `${date} is too far ahead: bookings are taken up to ${last}`;
    return `${date} can no longer be booked`;
  }
  if (!bookableStarts(schedule, settings, line.serviceId, date, now, timeZone).includes(start)) return `${date} ${start} is not a slot of this line`;
  return null;
}

/** When a slot of a date begins check-in at the kiosk, and after when it counts as late (instants). */
export function checkInWindow(settings: Pick<BookingSettings, 'checkInEarlyMinutes' | 'lateMinutes'>, slotAt: number): { from: number; lateAfter: number } {
  return { from: slotAt - settings.checkInEarlyMinutes * MINUTE, lateAfter: slotAt + settings.lateMinutes * MINUTE };
}

// The booking code: 8 characters a resident can read out and type, without look-alikes (0/O, 1/I).
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

/** A code made from random bytes (at least CODE_LENGTH of them; the alphabet has 32 letters, so no bias). */
export function codeFromBytes(bytes: ArrayLike<number>): string {
  if (bytes.length < CODE_LENGTH) throw new Error(`a code needs ${CODE_LENGTH} random bytes`);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[bytes[i]! & 31];
  return code;
}

/** The code as shown and printed: XXXX-XXXX. */
export const formatCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

const CODE_CHARS = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/**
 * The code in what a resident typed or the kiosk's scanner read, in its stored form (8 characters,
 * no dash); null when it holds none. Any case, with or without the dash or spaces; a scanned QR
 * code holds the code itself, or a URL (or query) that ends with it.
 */
export function parseCode(input: string): string | null {
  const parts = input.trim().split(/[/?#=&]/).filter((p) => p.trim() !== '');
  const last = parts.at(-1);
  if (last === undefined) return null;
  const code = last.replace(/[\s-]/g, '').toUpperCase();
  return CODE_CHARS.test(code) ? code : null;
}

/** A contact reduced to one form: the key of the one-per-day rule and of the no-show counts. */
export type Contact = { readonly kind: 'phone'; readonly value: string } | { readonly kind: 'email'; readonly value: string };

/**
 * A Taiwanese phone number as digits only, the way it is dialled inside Taiwan: +886 or 00886
 * becomes 0 (+886 912… and +886 0912… are both 0912…). Null when it is not a number of 9 or 10
 * digits starting with 0 (a mobile 09xx-xxx-xxx has 10, a landline 0x-xxxx-xxxx 9 or 10).
 */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  // Someone who writes +886 often keeps the 0 as well (+886 0912…).
  let digits = compact.replace(/^\+886|^00886/, '0');
  if (/^00\d/.test(digits) && compact !== digits) digits = digits.slice(1);
  return /^0\d{8,9}$/.test(digits) ? digits : null;
}

/** An e-mail address trimmed and lowercased (the whole of it: offices' mail servers ignore case). */
export function normaliseEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? email : null;
}

/** The contact of a booking request: exactly one of phone and e-mail, valid; otherwise why not. */
export function contactOf(body: { phone?: string | undefined; email?: string | undefined }): { ok: true; contact: Contact } | { ok: false; path: string; message: string } {
  if ((body.phone === undefined) === (body.email === undefined)) return { ok: false, path: '/phone', message: 'give exactly one of phone and email' };
  if (body.phone !== undefined) {
    const value = normalisePhone(body.phone);
    return value ? { ok: true, contact: { kind: 'phone', value } } : { ok: false, path: '/phone', message: 'is not a Taiwanese phone number' };
  }
  const value = normaliseEmail(body.email!);
  return value ? { ok: true, contact: { kind: 'email', value } } : { ok: false, path: '/email', message: 'is not an e-mail address' };
}

/** The contact partly hidden, for the holder and staff: 0912-***-678, w***@example.com. */
export function contactHint(contact: Contact): string {
  if (contact.kind === 'phone') return `${contact.value.slice(0, 4)}-***-${contact.value.slice(-3)}`;
  const at = contact.value.lastIndexOf('@');
  return `${contact.value.slice(0, 1)}***${contact.value.slice(at)}`;
}
