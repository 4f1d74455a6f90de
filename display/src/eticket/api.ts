// The changes a resident makes: cancelling their waiting ticket, the registry's ticket:cancel
// (POST /api/v1/tickets/:ticketId/cancel) with the tracking token of their link in the body; and
// rating the finished ticket once (POST /api/v1/public/tickets/:token/rating). No login: the token
// is the resident's authority over that one ticket.
import type { RatingBody } from '@jiaohao/shared/schemas';

/** How a cancel ended: done, too late (no longer waiting: 409), no network, or refused otherwise. */
export type CancelOutcome = 'cancelled' | 'too_late' | 'offline' | 'failed';

/** How a rating ended: stored, given before (409 already_rated: the resident sees the thanks all the same), no network, or refused otherwise. */
export type RateOutcome = 'rated' | 'already_rated' | 'offline' | 'failed';

export interface ETicketApi {
  cancel(ticketId: string, trackingToken: string): Promise<CancelOutcome>;
  rate(trackingToken: string, body: RatingBody): Promise<RateOutcome>;
}

async function errorCodeOf(res: Response): Promise<string | null> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : null;
  } catch {
    return null;
  }
}

export function httpApi(fetchFn: typeof fetch = (...args) => fetch(...args)): ETicketApi {
  return {
    async cancel(ticketId, trackingToken) {
      let res: Response;
      try {
        res = await fetchFn(`/api/v1/tickets/${encodeURIComponent(ticketId)}/cancel`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ trackingToken }),
          // Never the staff session of someone who also works here: the token alone decides.
          credentials: 'omit',
        });
      } catch {
        return 'offline';
      }
      if (res.ok) return 'cancelled';
      return res.status === 409 ? 'too_late' : 'failed';
    },
    async rate(trackingToken, body) {
      let res: Response;
      try {
        res = await fetchFn(`/api/v1/public/tickets/${encodeURIComponent(trackingToken)}/rating`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          credentials: 'omit',
        });
      } catch {
        return 'offline';
      }
      if (res.ok) return 'rated';
      return res.status === 409 && (await errorCodeOf(res)) === 'already_rated' ? 'already_rated' : 'failed';
    },
  };
}
