import type { Role, Staff } from '@jiaohao/shared';
import type { Db } from '../../db/database';

export interface StaffRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: number;
  failed_logins: number;
  locked_until: number | null;
  created_at: string;
}

export function toStaff(r: StaffRow): Staff {
  return { id: r.id, username: r.username, displayName: r.display_name, role: r.role, active: r.active === 1 };
}

export class StaffRepo {
  private readonly byUsernameStmt;
  private readonly byIdStmt;
  private readonly listStmt;
  private readonly namesStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly failStmt;
  private readonly okStmt;
  private readonly sessionInsert;
  private readonly sessionGet;
  private readonly sessionDelete;
  private readonly sessionsPurge;
  private readonly sessionsOfDelete;
  private readonly countStmt;
  private readonly adminsStmt;

  constructor(db: Db) {
    this.byUsernameStmt = db.prepare<[string]>('SELECT * FROM staff WHERE username = ?');
    this.byIdStmt = db.prepare<[string]>('SELECT * FROM staff WHERE id = ?');
    this.listStmt = db.prepare('SELECT * FROM staff ORDER BY username');
    this.namesStmt = db.prepare('SELECT id, display_name AS displayName FROM staff WHERE active = 1 ORDER BY display_name, id');
    this.countStmt = db.prepare('SELECT COUNT(*) FROM staff').pluck();
    this.adminsStmt = db.prepare("SELECT COUNT(*) FROM staff WHERE role = 'admin' AND active = 1").pluck();
    this.insertStmt = db.prepare(
      `INSERT INTO staff (id, username, display_name, role, password_hash, active, created_at)
       VALUES (@id, @username, @display_name, @role, @password_hash, @active, @created_at)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE staff SET display_name = @display_name, role = @role, password_hash = @password_hash, active = @active,
         failed_logins = CASE WHEN @unlock THEN 0 ELSE failed_logins END,
         locked_until = CASE WHEN @unlock THEN NULL ELSE locked_until END
       WHERE id = @id`,
    );
    this.failStmt = db.prepare<[number | null, string]>(
      'UPDATE staff SET failed_logins = failed_logins + 1, locked_until = ? WHERE id = ?',
    );
    this.okStmt = db.prepare<[string]>('UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?');
    this.sessionInsert = db.prepare<[string, string, number, number]>(
      'INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.sessionGet = db.prepare<[string, number]>(
      `SELECT staff.* FROM staff_sessions JOIN staff ON staff.id = staff_sessions.staff_id
       WHERE token_hash = ? AND expires_at > ? AND staff.active = 1`,
    );
    this.sessionDelete = db.prepare<[string]>('DELETE FROM staff_sessions WHERE token_hash = ?');
    this.sessionsPurge = db.prepare<[number]>('DELETE FROM staff_sessions WHERE expires_at <= ?');
    this.sessionsOfDelete = db.prepare<[string]>('DELETE FROM staff_sessions WHERE staff_id = ?');
  }

  count(): number {
    return this.countStmt.get() as number;
  }
  activeAdmins(): number {
    return this.adminsStmt.get() as number;
  }
  byUsername(username: string): StaffRow | undefined {
    return this.byUsernameStmt.get(username) as StaffRow | undefined;
  }
  byId(id: string): StaffRow | undefined {
    return this.byIdStmt.get(id) as StaffRow | undefined;
  }
  list(): StaffRow[] {
    return this.listStmt.all() as StaffRow[];
  }
  /** Active accounts by name only, for colleagues (who holds a counter). */
  activeNames(): { id: string; displayName: string }[] {
    return this.namesStmt.all() as { id: string; displayName: string }[];
  }
  insert(row: Omit<StaffRow, 'failed_logins' | 'locked_until'>): void {
    this.insertStmt.run(row);
  }
  update(row: Pick<StaffRow, 'id' | 'display_name' | 'role' | 'password_hash' | 'active'>, unlock: boolean): void {
    this.updateStmt.run({ ...row, unlock: unlock ? 1 : 0 });
  }
  recordFailure(id: string, lockedUntil: number | null): void {
    this.failStmt.run(lockedUntil, id);
  }
  recordSuccess(id: string): void {
    this.okStmt.run(id);
  }
  createSession(tokenHash: string, staffId: string, now: number, expiresAt: number): void {
    this.sessionsPurge.run(now);
    this.sessionInsert.run(tokenHash, staffId, now, expiresAt);
  }
  sessionStaff(tokenHash: string, now: number): StaffRow | undefined {
    return this.sessionGet.get(tokenHash, now) as StaffRow | undefined;
  }
  deleteSession(tokenHash: string): void {
    this.sessionDelete.run(tokenHash);
  }
  deleteSessionsOf(staffId: string): void {
    this.sessionsOfDelete.run(staffId);
  }
}
