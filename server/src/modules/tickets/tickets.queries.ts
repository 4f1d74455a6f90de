// Reads of single tickets: for staff and devices by id, for the resident by tracking token.
import { DomainError, type Ticket } from '@jiaohao/shared';
import type { Store } from '../../store';
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
