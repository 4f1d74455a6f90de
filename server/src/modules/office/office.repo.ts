// Office-wide settings kept as small JSON documents: the office itself, the queue policy and the
// business date the data is open for.
import { DEFAULT_POLICY, type Office, type QueuePolicy } from '@jiaohao/shared';
import type { Db } from '../../db/database';

export class OfficeRepo {
  private readonly get;
  private readonly put;
  private cache = new Map<string, unknown>();

  constructor(db: Db) {
    this.get = db.prepare<[string]>('SELECT value FROM settings WHERE key = ?').pluck();
    this.put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  private read<T>(key: string): T | null {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const raw = this.get.get(key) as string | undefined;
    const value = raw === undefined ? null : (JSON.parse(raw) as T);
    this.cache.set(key, value);
    return value;
  }

  private write(key: string, value: unknown): void {
    this.put.run(key, JSON.stringify(value));
    // Only this process writes the file; a rolled-back write is undone by forget().
    this.cache.set(key, value);
  }

  /** Drops cached values (after a transaction rolled back). */
  forget(): void {
    this.cache.clear();
  }

  office(): Office | null {
    return this.read<Office>('office');
  }
  saveOffice(office: Office): void {
    this.write('office', office);
  }
  policy(): QueuePolicy {
    return this.read<QueuePolicy>('policy') ?? DEFAULT_POLICY;
  }
  savePolicy(policy: QueuePolicy): void {
    this.write('policy', policy);
  }
  businessDate(): string | null {
    return this.read<string>('business_date');
  }
  saveBusinessDate(date: string): void {
    this.write('business_date', date);
  }
  /** The business date a supervisor closed (no ticket is issued into it again), or null. */
  closedDate(): string | null {
    return this.read<string>('closed_date');
  }
  saveClosedDate(date: string): void {
    this.write('closed_date', date);
  }
}
