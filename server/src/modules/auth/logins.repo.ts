// Failed logins per (username, address) and the addresses each account logged in from.
import type { Db } from '../../db/database';

/** The pseudo-address that counts one username's failures from every address together. */
export const ANY_ADDRESS = '*';

export interface FailureRow {
  failures: number;
  last_at: number;
  blocked_until: number | null;
}

export class LoginsRepo {
  private readonly getStmt;
  private readonly putStmt;
  private readonly clearStmt;
  private readonly clearNameStmt;
  private readonly purgeStmt;
  private readonly knownStmt;
  private readonly rememberStmt;
  private readonly forgetStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string, string]>('SELECT failures, last_at, blocked_until FROM login_failures WHERE username = ? AND address = ?');
    this.putStmt = db.prepare(
      `INSERT INTO login_failures (username, address, failures, last_at, blocked_until) VALUES (@username, @address, @failures, @last_at, @blocked_until)
       ON CONFLICT (username, address) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at, blocked_until = excluded.blocked_until`,
    );
    this.clearStmt = db.prepare<[string, string]>('DELETE FROM login_failures WHERE username = ? AND address = ?');
    this.clearNameStmt = db.prepare<[string]>('DELETE FROM login_failures WHERE username = ?');
    this.purgeStmt = db.prepare<[number]>('DELETE FROM login_failures WHERE last_at < ?');
    this.knownStmt = db.prepare<[string, string, number]>('SELECT 1 FROM staff_login_addresses WHERE staff_id = ? AND address = ? AND last_login_at >= ?').pluck();
    this.rememberStmt = db.prepare<[string, string, number]>(
      `INSERT INTO staff_login_addresses (staff_id, address, last_login_at) VALUES (?, ?, ?)
       ON CONFLICT (staff_id, address) DO UPDATE SET last_login_at = excluded.last_login_at`,
    );
    this.forgetStmt = db.prepare<[number]>('DELETE FROM staff_login_addresses WHERE last_login_at < ?');
  }

  failures(username: string, address: string): FailureRow | undefined {
    return this.getStmt.get(username, address) as FailureRow | undefined;
  }
  saveFailures(username: string, address: string, row: FailureRow): void {
    this.putStmt.run({ username, address, ...row });
  }
  clear(username: string, address: string): void {
    this.clearStmt.run(username, address);
  }
  /** An admin lifts every block on this username. */
  clearUsername(username: string): void {
    this.clearNameStmt.run(username);
  }
  /** Drops counts nobody added to since `before` (they would be forgiven anyway). */
  purge(before: number): void {
    this.purgeStmt.run(before);
  }
  isKnownAddress(staffId: string, address: string, since: number): boolean {
    return this.knownStmt.get(staffId, address, since) !== undefined;
  }
  rememberAddress(staffId: string, address: string, at: number, forgetBefore: number): void {
    this.rememberStmt.run(staffId, address, at);
    this.forgetStmt.run(forgetBefore);
  }
}
