// Reads of single tickets: for staff and devices by id, for the resident by tracking token.
import { DomainError, type Office, type Service, type Ticket } from '@jiaohao/shared';
import type { Store } from '../../store';
import type { Principal } from '../../core/principal';
import { hashToken } from '../../core/tokens';
import { publicTicket } from './tickets.repo';

export function ticketById(store: Store, id: string): Ticket {
  const t = store.tickets.byId(id);
  if (!t) throw new DomainError('not_found', `No ticket ${id}`);
  return publicTicket(t);
}

/** The resident's own ticket; the token must be the one handed out with this ticket. */
export function ticketForResident(store: Store, id: string, trackingToken: string): Ticket {
  const t = store.tickets.byTrackingTokenHash(hashToken(trackingToken));
  if (!t || t.id !== id) throw new DomainError('forbidden', 'That tracking token is not for this ticket');
  return publicTicket(t);
}

/** Whether this tracking token belongs to this ticket (a resident acting on it). */
export function holdsTicket(store: Store, id: string, trackingToken: string): boolean {
  return store.tickets.byTrackingTokenHash(hashToken(trackingToken))?.id === id;
}

/** What the printed ticket is made from (ticket-print.view.ts turns it into the slip). */
export interface TicketPrintFacts {
  readonly ticket: Ticket;
  readonly office: Office;
  /** The line the ticket waits in now. */
  readonly service: Service;
  /** People waiting ahead when it was issued; null for a ticket from before that was kept. */
  readonly aheadAtIssue: number | null;
}

/**
 * The facts for printing ticket `id`, for `who`: staff print any ticket, a kiosk only the tickets
 * it issued itself (one kiosk cannot print another's, tracking token and all). A tracking token,
 * when given, must be this ticket's: it goes into the QR code.
 */
export function ticketPrintFacts(store: Store, who: Principal, id: string, trackingToken: string | undefined): TicketPrintFacts {
  const t = store.tickets.byId(id);
  if (!t) throw new DomainError('not_found', `No ticket ${id}`);
  if (who.kind === 'device') {
    const issuer = store.tickets.issuer(id);
    if (issuer?.kind !== 'device' || issuer.id !== who.id) throw new DomainError('forbidden', 'A kiosk prints only the tickets it issued');
  } else if (who.kind !== 'staff' && who.kind !== 'system') {
    throw new DomainError('forbidden', 'Only staff or the kiosk that issued the ticket may print it');
  }
  if (trackingToken !== undefined && !holdsTicket(store, id, trackingToken)) {
    throw new DomainError('forbidden', 'That tracking token is not for this ticket');
  }
  const office = store.office.office();
  if (!office) throw new DomainError('not_found', 'The office is not set up');
  const service = store.services.byId(t.serviceId);
  if (!service) throw new DomainError('not_found', `No service ${t.serviceId}`);
  return { ticket: publicTicket(t), office, service, aheadAtIssue: t.aheadAtIssue };
}
