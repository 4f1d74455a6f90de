// Staff accounts, logins with lockout, sessions, and turning a presented token into a Principal.
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, type Role, type Staff } from '@jiaohao/shared';
import type { Store } from '../../core/store';
import { actorOf, type Principal } from '../../core/principal';
import type { Clock, Ctx, Engine } from '../../core/engine';
import { hashToken } from '../../core/tokens';
import { hashPassword, randomPassword, verifyPassword } from './passwords';
import { toStaff } from './auth.repo';

export const STAFF_TOKEN_PREFIX = 'jhs_';
export const DEVICE_TOKEN_PREFIX = 'jhd_';

export interface AuthSettings {
  readonly lockoutAttempts: number;
  readonly lockoutMinutes: number;
  readonly sessionHours: number;
  readonly scryptCost: number;
}

// A fixed hash to compare against when the user does not exist, so timing does not tell.
const dummyHash = (cost: number) => `scrypt$${cost}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$` + Buffer.alloc(64).toString('base64');

const SYSTEM: Principal = { kind: 'system' };

function audit(ctx: Ctx, staff: Staff): void {
  ctx.emit({ type: 'staff:changed', reason: null, data: { staff: { id: staff.id, role: staff.role, active: staff.active } } });
}

export class AuthService {
  private readonly store: Store;
  private readonly clock: Clock;

  constructor(
    private readonly engine: Engine,
    private readonly settings: AuthSettings,
  ) {
    this.store = engine.store;
    this.clock = engine.clock;
  }

  async login(username: string, password: string): Promise<{ token: string; staff: Staff; expiresAt: string }> {
    const now = this.clock();
    const row = this.store.staff.byUsername(username);
    if (row && row.locked_until !== null && row.locked_until > now) {
      throw new DomainError('locked_out', 'Too many failed logins; try again later', {
        retryAfterSeconds: Math.ceil((row.locked_until - now) / 1000),
      });
    }
    const ok = await verifyPassword(password, row?.password_hash ?? dummyHash(this.settings.scryptCost));
    // Read again: another login may have changed the row while scrypt ran.
    const fresh = row ? this.store.staff.byId(row.id) : undefined;
    if (!fresh || !ok || fresh.active !== 1) {
      if (fresh) {
        // A lockout that has run out starts the count again.
        const expired = fresh.locked_until !== null && fresh.locked_until <= now;
        const failures = (expired ? 0 : fresh.failed_logins) + 1;
        const lock = failures >= this.settings.lockoutAttempts ? now + this.settings.lockoutMinutes * 60_000 : null;
        this.store.staff.recordFailure(fresh.id, lock);
      }
      throw new DomainError('invalid_credentials', 'Wrong username or password');
    }
    this.store.staff.recordSuccess(fresh.id);
    const token = STAFF_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const expiresAt = now + this.settings.sessionHours * 3_600_000;
    this.store.staff.createSession(hashToken(token), fresh.id, now, expiresAt);
    return { token, staff: toStaff(fresh), expiresAt: new Date(expiresAt).toISOString() };
  }

  logout(token: string): void {
    this.store.staff.deleteSession(hashToken(token));
  }

  /** The principal behind a staff session token or a device token, or null. */
  resolve(token: string | undefined): Principal | null {
    if (!token) return null;
    if (token.startsWith(STAFF_TOKEN_PREFIX)) {
      const row = this.store.staff.sessionStaff(hashToken(token), this.clock());
      return row ? { kind: 'staff', id: row.id, role: row.role } : null;
    }
    if (token.startsWith(DEVICE_TOKEN_PREFIX)) {
      const device = this.store.devices.byTokenHash(hashToken(token));
      return device ? { kind: 'device', id: device.id, deviceKind: device.kind } : null;
    }
    return null;
  }

  /** Creates an account; the change is in the event log with who made it. */
  async createStaff(input: { username: string; displayName: string; role: Role; password: string }, by: Principal = SYSTEM): Promise<Staff> {
    if (this.store.staff.byUsername(input.username)) throw new DomainError('conflict', `Username ${input.username} is taken`);
    const passwordHash = await hashPassword(input.password, this.settings.scryptCost);
    const row = {
      id: randomUUID(),
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      password_hash: passwordHash,
      active: 1,
      created_at: new Date(this.clock()).toISOString(),
    };
    const staff = toStaff({ ...row, failed_logins: 0, locked_until: null });
    this.engine.run(actorOf(by), (ctx) => {
      // Checked again inside the transaction: another request may have taken the name during scrypt.
      if (this.store.staff.byUsername(input.username)) throw new DomainError('conflict', `Username ${input.username} is taken`);
      this.store.staff.insert(row);
      audit(ctx, staff);
    });
    return staff;
  }

  async updateStaff(
    id: string,
    patch: { displayName?: string; role?: Role; password?: string; active?: boolean; unlock?: boolean },
    by: Principal = SYSTEM,
  ): Promise<Staff> {
    if (!this.store.staff.byId(id)) throw new DomainError('not_found', `No staff member ${id}`);
    const passwordHash = patch.password ? await hashPassword(patch.password, this.settings.scryptCost) : null;
    return this.engine.run(actorOf(by), (ctx) => {
      const row = this.store.staff.byId(id);
      if (!row) throw new DomainError('not_found', `No staff member ${id}`);
      const next = {
        id,
        display_name: patch.displayName ?? row.display_name,
        role: patch.role ?? row.role,
        password_hash: passwordHash ?? row.password_hash,
        active: patch.active === undefined ? row.active : patch.active ? 1 : 0,
      };
      this.store.staff.update(next, patch.unlock === true || patch.password !== undefined);
      const staff = toStaff({ ...row, ...next });
      audit(ctx, staff);
      return staff;
    });
  }

  listStaff(): Staff[] {
    return this.store.staff.list().map(toStaff);
  }

  /**
   * On an empty database, creates the admin account. Returns the password when it was generated
   * (the caller prints it once), null when it came from the configuration or the admin exists.
   */
  async ensureAdmin(configured: string | null): Promise<{ created: boolean; generatedPassword: string | null }> {
    if (this.store.staff.count() > 0) return { created: false, generatedPassword: null };
    const password = configured ?? randomPassword();
    await this.createStaff({ username: 'admin', displayName: 'Administrator', role: 'admin', password });
    return { created: true, generatedPassword: configured ? null : password };
  }
}
