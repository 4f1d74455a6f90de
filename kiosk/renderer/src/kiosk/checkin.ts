// Checking a booking in (我有預約), as pure functions: the booking code as it is typed on the keypad,
// a keyboard or a scanner that types (a QR code read by the camera goes through the shared
// parseCode); the server's refusals as what the resident is told; the booking's slot and lateness
// on the ticket. The server parses the code again: this only keeps the kiosk from sending what can
// never be a code.
import { CODE_ALPHABET, CODE_LENGTH } from '@jiaohao/shared/rules';
import { DEFAULT_BOOKING_SETTINGS, type BookingOffer, type CheckInResult, type ErrorBody } from '@jiaohao/shared/schemas';

export { CODE_ALPHABET, CODE_LENGTH };

/** What the kiosk knows of the office's booking rules (GET /public/booking); the rule's defaults until then. */
export type CheckInRules = Pick<BookingOffer['settings'], 'checkInEarlyMinutes' | 'lateMinutes'>;
/** The rules, and whether the start screen offers 我有預約 (BookingOffer.checkIn). */
export interface KioskBooking extends CheckInRules {
  readonly offered: boolean;
}
export const DEFAULT_CHECK_IN_RULES: CheckInRules = {
  checkInEarlyMinutes: DEFAULT_BOOKING_SETTINGS.checkInEarlyMinutes,
  lateMinutes: DEFAULT_BOOKING_SETTINGS.lateMinutes,
};

const codeChars = (text: string): string =>
  [...text.toUpperCase()].filter((c) => CODE_ALPHABET.includes(c)).join('');

/**
 * The code after typing `text` (a key, or what a barcode scanner types). Anything not in the
 * alphabet is dropped (the dash, spaces, a lower-case letter is taken as its capital). Past eight
 * characters the earliest go: a scanner that types a whole link ending with the code leaves the code.
 */
export function typeCode(code: string, text: string): string {
  return (code + codeChars(text)).slice(-CODE_LENGTH);
}

export const deleteLast = (code: string): string => code.slice(0, -1);

export const isComplete = (code: string): boolean => code.length === CODE_LENGTH;

/** XXXX-XXXX as the resident types: "K7Q" → "K7Q", "K7Q4M" → "K7Q4-M". */
export const formatTyped = (code: string): string => (code.length > 4 ? `${code.slice(0, 4)}-${code.slice(4)}` : code);

/** What the check-in screen says when the server does not give a ticket. */
export type Refusal =
  | { readonly kind: 'not_found' }
  /** Cancelled, used or missed; or, with `date`, a booking for another day. */
  | { readonly kind: 'not_active'; readonly date: string | null }
  /** `from` is the time (HH:MM, the office's) from which this booking can be checked in, when known. */
  | { readonly kind: 'too_early'; readonly from: string | null; readonly message: string }
  /** No answer, the network, anything unexpected: try again or ask at the desk. */
  | { readonly kind: 'failed' };

/** A time of day as the office reads it: 09:30. */
export function clockTime(at: string | number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
}

const isoIn = (details: unknown, key: string): string | null => {
  const value = typeof details === 'object' && details !== null ? (details as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
};

/**
 * The refusal for an error answer. Too early: from when, as the resident can act on it — the
 * answer's own `from`, or its slot less checkInEarlyMinutes, or the time the message names.
 */
export function refusalFor(error: Pick<ErrorBody, 'message' | 'details'> & { readonly code: string }, rules: CheckInRules, timeZone: string): Refusal {
  switch (error.code) {
    case 'not_found':
      return { kind: 'not_found' };
    case 'booking_not_active': {
      const date = (error.details as { date?: unknown } | undefined)?.date;
      return { kind: 'not_active', date: typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null };
    }
    case 'check_in_too_early': {
      const from = isoIn(error.details, 'from');
      const slot = isoIn(error.details, 'at');
      const named = /\b([01]?\d|2[0-3]):[0-5]\d\b/.exec(error.message)?.[0] ?? null;
      const time = from
        ? clockTime(from, timeZone)
        : slot
          ? clockTime(Date.parse(slot) - rules.checkInEarlyMinutes * 60_000, timeZone)
          : named && named.padStart(5, '0');
      return { kind: 'too_early', from: time, message: error.message };
    }
    default:
      return { kind: 'failed' };
  }
}

/** The booking on the ticket screen: its slot, and when late, by how much at least (the office's rule). */
export interface BookingTicket {
  readonly slot: string;
  readonly late: boolean;
  readonly lateMinutes: number;
}

export function bookingTicket(result: Pick<CheckInResult, 'appointment' | 'late'>, rules: CheckInRules, timeZone: string): BookingTicket {
  return { slot: clockTime(result.appointment.at, timeZone), late: result.late, lateMinutes: rules.lateMinutes };
}
