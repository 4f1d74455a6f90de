// A refusal in the clerk's words: the catalog's sentence for its code, else the server's message.
import type { TFunction } from 'i18next';

const KNOWN = new Set([
  'not_connected',
  'no_answer',
  'invalid_transition',
  'counter_busy',
  'counter_not_open',
  'counter_taken',
  'service_not_served',
  'not_found',
  'forbidden',
  'unauthenticated',
  'validation_failed',
  'reason_required',
  'invalid_reason',
  'rate_limited',
  'conflict',
  'invalid_range',
]);

// The booking refusals are said in the bookings catalog's words (shared/src/catalogs/counter-bookings.ts).
const BOOKING = new Set(['slot_full', 'already_booked', 'booking_closed', 'booking_not_active']);

export function errorText(t: TFunction, error: { code: string; message: string }): string {
  const key = KNOWN.has(error.code) ? `error.${error.code}` : BOOKING.has(error.code) ? `bookings.refusal.${error.code}` : 'error.other';
  return t(key, { message: error.message });
}
