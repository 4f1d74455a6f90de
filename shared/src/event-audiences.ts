// Which audience (Socket.IO namespace) is sent which event. Displays and kiosks need the queue,
// the counters, the lines and the office; account and device changes are for staff only; the
// public gets only the aggregate public status, never an event. A Record over every event type, so
// a new event does not compile until someone decides who sees it.
import type { DomainEventType } from './events.schemas';
import type { Audience } from './socket.events';

const QUEUE: readonly Audience[] = ['staff', 'display', 'kiosk'];
const STAFF: readonly Audience[] = ['staff'];

export const EVENT_AUDIENCES: Readonly<Record<DomainEventType, readonly Audience[]>> = {
  'ticket:issued': QUEUE,
  'ticket:called': QUEUE,
  'ticket:recalled': QUEUE,
  'ticket:started': QUEUE,
  'ticket:finished': QUEUE,
  'ticket:missed': QUEUE,
  'ticket:requeued': QUEUE,
  'ticket:transferred': QUEUE,
  'ticket:cancelled': QUEUE,
  'ticket:expired': QUEUE,
  'ticket:returned': QUEUE,
  'counter:opened': QUEUE,
  'counter:paused': QUEUE,
  'counter:closed': QUEUE,
  'counter:updated': QUEUE,
  'service:updated': QUEUE,
  'office:updated': QUEUE,
  'policy:updated': QUEUE,
  // The booking rules are the admins' and the counter client's; kiosks check bookings in through the server.
  'booking:updated': STAFF,
  'day:closed': QUEUE,
  'day:started': QUEUE,
  'staff:changed': STAFF,
  'device:changed': STAFF,
  'alert:raised': STAFF,
  // Displays show announcements; kiosks must know when they may not issue, and why.
  'announcement:posted': QUEUE,
  'announcement:withdrawn': QUEUE,
  'issuing:stopped': QUEUE,
  'issuing:resumed': QUEUE,
  'office:emergency-closed': QUEUE,
  'office:emergency-ended': QUEUE,
};

export function isSentTo(audience: Audience, type: DomainEventType): boolean {
  return EVENT_AUDIENCES[type].includes(audience);
}
