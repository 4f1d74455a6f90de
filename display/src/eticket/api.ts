// The one change a resident makes: cancelling their waiting ticket, the registry's ticket:cancel
// (POST /api/v1/tickets/:ticketId/cancel) with the tracking token of their link in the body. No
// login: the token is the resident's authority over that one ticket.

/** How a cancel ended: done, too late (no longer waiting: 409), no network, or refused otherwise. */
export type CancelOutcome = 'cancelled' | 'too_late' | 'offline' | 'failed';

export interface ETicketApi {
  cancel(ticketId: string, trackingToken: string): Promise<CancelOutcome>;
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
  };
}
