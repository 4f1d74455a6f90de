// Who is asking: checked once by the edge (cookie, bearer or device token, tracking token) and
// handed to the command bus or a read route, which decide with `authorize` what it may do.
import { DomainError, type Access, type Actor, type Role } from '@jiaohao/shared';

export type Principal =
  | { kind: 'staff'; id: string; role: Role }
  | { kind: 'device'; id: string; deviceKind: 'kiosk' | 'display' }
  | { kind: 'resident'; ticketId: string }
  | { kind: 'system' };

/** The server itself (seeding, the day roll-over timer): named where it acts, never a default. */
export const SYSTEM: Principal = { kind: 'system' };

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

function describe(access: Access): string {
  const who = [
    access.staff ? `staff (${access.staff} or above)` : null,
    access.devices?.length ? `a ${access.devices.join(' or ')}` : null,
    access.resident ? 'the ticket holder' : null,
  ].filter(Boolean);
  return who.join(', ') || 'nobody';
}

/**
 * Whether `p` may do what `access` allows; throws unauthenticated (no principal) or forbidden.
 * A resident is never let in here: where `access.resident` allows one, the caller checks the
 * tracking token against the ticket itself (the command bus, the ticket read route).
 */
export function authorize(p: Principal | null, access: Access): Principal {
  if (p === null) throw new DomainError('unauthenticated', 'Log in first (or use a device token)');
  switch (p.kind) {
    case 'system':
      return p;
    case 'staff':
      if (access.staff && RANK[p.role] >= RANK[access.staff]) return p;
      if (access.staff) throw new DomainError('forbidden', `Needs the ${access.staff} role or above`);
      break;
    case 'device':
      if (access.devices?.includes(p.deviceKind)) return p;
      break;
    case 'resident':
      break;
  }
  throw new DomainError('forbidden', `Only ${describe(access)} may do this`);
}
