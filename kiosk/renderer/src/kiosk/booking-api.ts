// The kiosk's two booking requests, over HTTP to its own server (the page's origin): the check-in
// (POST /api/v1/appointments/check-in with the kiosk's device token, as its socket is authorised)
// and the office's check-in rules (GET /api/v1/public/booking). An answer is an Ack like a socket
// command's: a network failure or no answer in time is `no_answer`, never a thrown error.
import type { BookingOffer, CheckInBody, CheckInResult } from '@jiaohao/shared/schemas';
import type { ClientAck } from '@jiaohao/web';
import type { CheckInRules } from './checkin';

export interface BookingApi {
  checkIn(body: CheckInBody): Promise<ClientAck<CheckInResult>>;
  /** The office's check-in rules, or null when they cannot be read now (the defaults apply). */
  rules(): Promise<CheckInRules | null>;
}

/** Longer than the server ever takes; then the resident is told to try again. */
const ANSWER_MS = 10_000;

export function httpBookingApi(origin: string, token: string, fetchFn: typeof fetch = (...args) => fetch(...args)): BookingApi {
  const noAnswer = (message: string) => ({ ok: false, error: { code: 'no_answer', message } }) as const;
  return {
    async checkIn(body) {
      try {
        const res = await fetchFn(`${origin}/api/v1/appointments/check-in`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(ANSWER_MS),
        });
        const json = (await res.json()) as unknown;
        if (res.ok) return { ok: true, data: json as CheckInResult };
        const error = (json as { error?: { code?: unknown } } | null)?.error;
        // An error body of the server's shape ({ error: { code, message } }); anything else is no answer.
        if (error && typeof error.code === 'string') return { ok: false, error } as ClientAck<CheckInResult>;
        return noAnswer(`HTTP ${res.status}`);
      } catch (e) {
        return noAnswer(String(e));
      }
    },
    async rules() {
      try {
        const res = await fetchFn(`${origin}/api/v1/public/booking`, { signal: AbortSignal.timeout(ANSWER_MS) });
        if (!res.ok) return null;
        const { settings } = (await res.json()) as BookingOffer;
        return { checkInEarlyMinutes: settings.checkInEarlyMinutes, lateMinutes: settings.lateMinutes };
      } catch {
        return null;
      }
    },
  };
}
