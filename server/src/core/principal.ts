// Who is asking: checked once by the edge (cookie, bearer or device token, tracking token) and
// handed to the commands, which decide what that principal may do.
import { DomainError, type Actor, type Role } from '@jiaohao/shared';

export type Principal =
  | { kind: 'staff'; id: string; role: Role }
  | { kind: 'device'; id: string; deviceKind: 'kiosk' | 'display' }
  | { kind: 'resident'; ticketId: string }
  | { kind: 'system' };

const RANK: Record<Role, number> = { clerk: 1, supervisor: 2, admin: 3 };

export function actorOf(p: Principal): Actor {
  switch (p.kind) {
    case 'staff':
    case 'device':
      return { kind: p.kind, id: p.id };
    case 'resident':
      return { kind: 'resident', id: p.ticketId };
    case 'system':
      return { kind: 'system', id: null };
  }
}

/** Staff of at least `role` (the system may do anything). */
export function requireRole(p: Principal | null, role: Role): void {
  if (p === null) throw new DomainError('unauthenticated', 'Log in first');
  if (p.kind === 'system') return;
  if (p.kind !== 'staff') throw new DomainError('forbidden', `Only staff (${role} or above) may do this`);
  if (RANK[p.role] < RANK[role]) throw new DomainError('forbidden', `Needs the ${role} role or above`);
}

export function requireStaffOrDevice(p: Principal | null, deviceKind: 'kiosk' | 'display'): void {
  if (p === null) throw new DomainError('unauthenticated', 'Log in or use a device token');
  if (p.kind === 'system' || p.kind === 'staff') return;
  if (p.kind === 'device' && p.deviceKind === deviceKind) return;
  throw new DomainError('forbidden', `Only staff or a ${deviceKind} may do this`);
}
