// Staff accounts, logins with lockout, sessions, and turning a presented token into a Principal.
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, type Staff, type StaffCreate, type StaffUpdatePayload } from '@jiaohao/shared';
import { at } from '../../core/refusals';
import type { AppCtx, Store } from '../../store';
import type { Principal } from '../../core/principal';
import type { Clock } from '../../core/engine';
import { DEVICE_TOKEN_PREFIX, hashToken, STAFF_TOKEN_PREFIX } from '../../core/tokens';
import { verifyPassword } from './passwords';
import { toStaff } from './auth.repo';
import { ANY_ADDRESS } from './logins.repo';


export interface AuthSettings {
  readonly lockoutAttempts: number;
  readonly lockoutMinutes: number;
  readonly sessionHours: number;
  readonly scryptCost: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How long an address an account logged in from counts as the owner's. */
const KNOWN_ADDRESS_DAYS = 90;
/** Failures from all addresses together before unknown addresses are slowed down too. */
const DISTRIBUTED_FACTOR = 4;

function lockedOut(ms: number): DomainError {
  const seconds = Math.ceil(ms / 1000);
  return new DomainError('locked_out', `Too many failed logins; try again in ${seconds} s`, { retryAfterSeconds: seconds });
}

// A fixed hash to compare against when the user does not exist, so timing does not tell.
const dummyHash = (cost: number) => `scrypt$${cost}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$` + Buffer.alloc(64).toString('base64');

function audit(ctx: AppCtx, staff: Staff): void {
  ctx.emit({ type: 'staff:changed', data: { staff: { id: staff.id, role: staff.role, active: staff.active } } });
}

/** Creates an account (the staff:create command); the password was hashed before the transaction. */
export function createStaff(ctx: AppCtx, input: StaffCreate, passwordHash: string): Staff {
  if (ctx.store.staff.byUsername(input.username)) throw new DomainError('conflict', `Username ${input.username} is taken`, at('/username', 'taken'));
  const row = {
    id: randomUUID(),
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    password_hash: passwordHash,
    active: 1,
    created_at: ctx.at,
  };
  ctx.store.staff.insert(row);
  const staff = toStaff({ ...row, failed_logins: 0, locked_until: null });
  audit(ctx, staff);
  return staff;
}

/** Changes an account (staff:update); a new password, hashed beforehand, also clears a lockout. */
export function updateStaff(ctx: AppCtx, { staffId: id, ...patch }: StaffUpdatePayload, passwordHash: string | null): Staff {
  const row = ctx.store.staff.byId(id);
  if (!row) throw new DomainError('not_found', `No staff member ${id}`);
  const next = {
    id,
    display_name: patch.displayName ?? row.display_name,
    role: patch.role ?? row.role,
    password_hash: passwordHash ?? row.password_hash,
    active: patch.active === undefined ? row.active : patch.active ? 1 : 0,
  };
  // Somebody must always be able to manage accounts: the API offers no other way back.
  const wasAdmin = row.role === 'admin' && row.active === 1;
  if (wasAdmin && (next.role !== 'admin' || next.active !== 1) && ctx.store.staff.activeAdmins() <= 1) {
    throw new DomainError('conflict', 'This is the last active admin account; make someone else an admin first');
  }
  ctx.store.staff.update(next, patch.unlock === true || passwordHash !== null);
  if (patch.unlock === true || passwordHash !== null) ctx.store.logins.clearUsername(row.username.toLowerCase());
  // A deactivated account or a new password ends every session at once (the sockets follow on
  // staff:changed); a stolen session must not outlive the reset meant to stop it.
  if (next.active === 0 || passwordHash !== null) ctx.store.staff.deleteSessionsOf(id);
  const staff = toStaff({ ...row, ...next });
  audit(ctx, staff);
  return staff;
}

export class AuthService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly settings: AuthSettings,
  ) {}

  /**
   * Checks a password and opens a session. Failures slow down the address they come from, not the
   * account: see `recordFailure`. Every refusal reads the same whether the username exists or not.
   */
  async login(username: string, password: string, address: string): Promise<{ token: string; staff: Staff; expiresAt: string }> {
    const now = this.clock();
    const name = username.toLowerCase();
    const logins = this.store.logins;
    const row = this.store.staff.byUsername(username);
    const known = row !== undefined && logins.isKnownAddress(row.id, address, now - KNOWN_ADDRESS_DAYS * DAY);
    // Blocked from here, or (for an address the account never logged in from) blocked everywhere.
    for (const key of known ? [address] : [address, ANY_ADDRESS]) {
      const blocked = logins.failures(name, key)?.blocked_until ?? null;
      if (blocked !== null && blocked > now) throw lockedOut(blocked - now);
    }
    const ok = await verifyPassword(password, row?.password_hash ?? dummyHash(this.settings.scryptCost));
    // Read again: another login may have changed the row while scrypt ran.
    const fresh = row ? this.store.staff.byId(row.id) : undefined;
    if (!fresh || !ok || fresh.active !== 1) {
      this.recordFailure(name, address, now, this.settings.lockoutAttempts);
      this.recordFailure(name, ANY_ADDRESS, now, this.settings.lockoutAttempts * DISTRIBUTED_FACTOR);
      throw new DomainError('invalid_credentials', 'Wrong username or password');
    }
    logins.clear(name, address);
    logins.rememberAddress(fresh.id, address, now, now - KNOWN_ADDRESS_DAYS * DAY);
    const token = STAFF_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const expiresAt = now + this.settings.sessionHours * 3_600_000;
    this.store.staff.createSession(hashToken(token), fresh.id, now, expiresAt);
    return { token, staff: toStaff(fresh), expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * One more failure for a (username, address) pair. The first `free` are only counted; each one
   * after that blocks the pair for twice as long as the last (1, 2, 4… minutes, at most
   * lockoutMinutes), so a guesser gets a handful of tries an hour while the owner, elsewhere, is
   * not shut out. A pair left alone for twice lockoutMinutes is forgiven.
   */
  private recordFailure(name: string, address: string, now: number, free: number): void {
    const { lockoutMinutes } = this.settings;
    const forgiveAfter = 2 * lockoutMinutes * MINUTE;
    const prior = this.store.logins.failures(name, address);
    const failures = (prior && now - prior.last_at < forgiveAfter ? prior.failures : 0) + 1;
    const over = failures - free;
    const blockedUntil = over >= 0 ? now + Math.min(lockoutMinutes, 2 ** over) * MINUTE : null;
    this.store.logins.saveFailures(name, address, { failures, last_at: now, blocked_until: blockedUntil });
    this.store.logins.purge(now - forgiveAfter);
  }

  logout(token: string): void {
    this.store.staff.deleteSession(hashToken(token));
  }

  /** Records when a device last connected (bookkeeping, not an audited change). */
  deviceSeen(id: string): void {
    this.store.devices.seen(id, new Date(this.clock()).toISOString());
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
}
