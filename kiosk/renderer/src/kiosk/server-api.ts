// The kiosk's requests over HTTP to its own server (the page's origin), beside its socket: the
// booking check-in (POST /api/v1/appointments/check-in with the kiosk's device token, as its socket
// is authorised), the office's check-in rules (GET /api/v1/public/booking) and the wait each line's
// next ticket would be given (GET /api/v1/estimates, the server's wait model). An answer is an Ack
// like a socket command's, or null for a read: a network failure or no answer in time is never a
// thrown error.
import type { BookingOffer, CheckInBody, CheckInResult, LineEstimates } from '@jiaohao/shared/schemas';
import type { ClientAck } from '@jiaohao/web';
import type { KioskBooking } from './checkin';

export interface ServerApi {
  checkIn(body: CheckInBody): Promise<ClientAck<CheckInResult>>;
  /** The office's check-in rules and whether it offers check-in, or null when they cannot be read now (the defaults apply). */
  rules(): Promise<KioskBooking | null>;
  /** Per line and class, the range the next ticket would be given now; null when it cannot be read. */
  estimates(): Promise<LineEstimates | null>;
}

/** Longer than the server ever takes; then the resident is told to try again. */
const ANSWER_MS = 10_000;

export function httpServerApi(origin: string, token: string, fetchFn: typeof fetch = (...args) => fetch(...args)): ServerApi {
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
        const { settings, checkIn } = (await res.json()) as BookingOffer;
        return { checkInEarlyMinutes: settings.checkInEarlyMinutes, lateMinutes: settings.lateMinutes, offered: checkIn };
      } catch {
        return null;
      }
    },
    async estimates() {
      try {
        const res = await fetchFn(`${origin}/api/v1/estimates`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(ANSWER_MS) });
        return res.ok ? ((await res.json()) as LineEstimates) : null;
      } catch {
        return null;
      }
    },
  };
}
