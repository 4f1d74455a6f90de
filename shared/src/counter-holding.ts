// Who may work at a counter. The clerk who opened it holds it until it closes or a supervisor
// releases it; another clerk may not open, pause, close or call at it. Supervisors and admins may
// act on any counter (they stand in, they never take it over).
import type { Counter, Role } from './domain.schemas';

/** The clerk holding the counter, or null when nobody does (closed, or never opened by a person). */
export function holderOf(counter: Pick<Counter, 'status' | 'staffId'>): string | null {
  return counter.status === 'closed' ? null : counter.staffId;
}

/** Whether another clerk holds the counter, so that `who` may not work at it. */
export function isHeldByOther(counter: Pick<Counter, 'status' | 'staffId'>, who: { readonly id: string; readonly role: Role }): boolean {
  if (who.role !== 'clerk') return false;
  const holder = holderOf(counter);
  return holder !== null && holder !== who.id;
}
