// Office-wide settings kept as small JSON documents: the office itself, the queue policy, the booking rules, the
// business date the data is open for and an emergency closure; and the supervisors' stops of the
// issuing (a table: one row per line stopped).
import { DEFAULT_BOOKING_SETTINGS, DEFAULT_POLICY, type BookingSettings, type Closure, type IssuingStop, type Office, type QueuePolicy } from '@jiaohao/shared';
import type { Db } from '../../db/database';

interface StopRow {
  scope: string;
  reason: IssuingStop['reason'];
  until: IssuingStop['until'];
  since: string;
  ends_at: string | null;
}

/** The whole office's row in issuing_stops. */
const OFFICE_SCOPE = '*';

const toStop = (r: StopRow): IssuingStop => ({
  serviceId: r.scope === OFFICE_SCOPE ? null : r.scope,
  reason: r.reason,
  until: r.until,
  since: r.since,
  endsAt: r.ends_at,
});

export class OfficeRepo {
  private readonly get;
  private readonly put;
  private readonly stopsStmt;
  private readonly stopPut;
  private readonly stopDelete;
  private cache = new Map<string, unknown>();

  constructor(db: Db) {
    this.get = db.prepare<[string]>('SELECT value FROM settings WHERE key = ?').pluck();
    this.put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    // The office's stop first, then the lines' in the order they were stopped.
    this.stopsStmt = db.prepare<[string]>(
      `SELECT * FROM issuing_stops WHERE ends_at IS NULL OR ends_at > ? ORDER BY scope <> '${OFFICE_SCOPE}', since, scope`,
    );
    this.stopPut = db.prepare(
      `INSERT INTO issuing_stops (scope, reason, until, since, ends_at) VALUES (@scope, @reason, @until, @since, @ends_at)
       ON CONFLICT (scope) DO UPDATE SET reason = excluded.reason, until = excluded.until, since = excluded.since, ends_at = excluded.ends_at`,
    );
    this.stopDelete = db.prepare<[string, string]>('DELETE FROM issuing_stops WHERE scope = ? AND (ends_at IS NULL OR ends_at > ?)');
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
    const stored = this.read<Office>('office');
    // Stored before the office had holidays and make-up days: it has none.
    if (stored && !Array.isArray(stored.specialDays)) {
      const office: Office = { ...stored, specialDays: [] };
      this.cache.set('office', office);
      return office;
    }
    return stored;
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
  /** The booking rules; an office that never set them has the defaults, with no line bookable. */
  booking(): BookingSettings {
    return this.read<BookingSettings>('booking') ?? DEFAULT_BOOKING_SETTINGS;
  }
  saveBooking(settings: BookingSettings): void {
    this.write('booking', settings);
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
  /** The emergency closure in force, or null. */
  closure(): Closure | null {
    return this.read<Closure>('closure');
  }
  saveClosure(closure: Closure | null): void {
    this.write('closure', closure);
  }

  /** The stops in force at `at` (an ISO instant): the office's first, then the lines'. */
  stops(at: string): IssuingStop[] {
    return (this.stopsStmt.all(at) as StopRow[]).map(toStop);
  }
  /** Stops a line (or the office), replacing its earlier stop. */
  saveStop(stop: IssuingStop): void {
    this.stopPut.run({ scope: stop.serviceId ?? OFFICE_SCOPE, reason: stop.reason, until: stop.until, since: stop.since, ends_at: stop.endsAt });
  }
  /** Ends the stop of a line (or the office) that is in force at `at`; whether there was one. */
  deleteStop(serviceId: string | null, at: string): boolean {
    return this.stopDelete.run(serviceId ?? OFFICE_SCOPE, at).changes > 0;
  }
}
