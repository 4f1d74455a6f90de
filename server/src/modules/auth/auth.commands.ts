// The account commands of the registry. Hashing a password is slow on purpose, so it happens
// before the transaction (`before`), never inside it.
import type { ModuleCommands, CommandBus } from '../../core/commands';
import { SYSTEM } from '../../core/principal';
import type { Store } from '../../store';
import { createStaff, updateStaff } from './auth.service';
import { hashPassword, randomPassword } from './passwords';

export function staffCommands(scryptCost: number): ModuleCommands<Store, 'staff:create' | 'staff:update'> {
  return {
    'staff:create': {
      before: (p) => hashPassword(p.password, scryptCost),
      run: (ctx, p, hash: string) => createStaff(ctx, p, hash),
    },
    'staff:update': {
      before: async (p) => (p.password === undefined ? null : hashPassword(p.password, scryptCost)),
      run: (ctx, p, hash: string | null) => updateStaff(ctx, p, hash),
    },
  };
}

/**
 * On an empty database, creates the admin account (as the server itself). Returns the password when
 * it was generated (the caller prints it once), null when it came from the configuration or the
 * admin exists already.
 */
export async function ensureAdmin(bus: CommandBus<Store>, store: Store, configured: string | null): Promise<string | null> {
  if (store.staff.count() > 0) return null;
  const password = configured ?? randomPassword();
  await bus.execute(SYSTEM, 'staff:create', { username: 'admin', displayName: 'Administrator', role: 'admin', password });
  return configured ? null : password;
}
