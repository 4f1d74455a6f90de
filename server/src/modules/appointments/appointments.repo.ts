// The bookings table (migration 0011): the only place a booking's name and contact are kept. Every
// statement runs inside a transaction the service (or a command) opened.
import type { AppointmentState, Channel, Language } from '@jiaohao/shared';
import type { Db } from '../../db/database';

/** A booking as stored. */
export interface StoredAppointment {
  readonly id: string;
  /** 8 characters, without the dash. */
  readonly code: string;
  readonly serviceId: string;
  readonly date: string;
  readonly start: string;
  readonly at: string;
  readonly place: number;
  readonly name: string;
  readonly contactKind: 'phone' | 'email';
  /** Normalised (shared/booking.ts). */
  readonly contact: string;
  readonly language: Language;
  readonly channel: Extract<Channel, 'web' | 'staff'>;
  readonly bookedBy: string | null;
  readonly state: AppointmentState;
  readonly createdAt: string;
  readonly endedAt: string | null;
  readonly ticketId: string | null;
}

/** A row of the appointments table, as stored. */
export interface AppointmentRow {
  id: string;
  code: string;
  manage_hash: string;
  service_id: string;
  date: string;
  start: string;
  at: string;
  place: number;
  name: string;
  contact_kind: 'phone' | 'email';
  contact: string;
  language: string;
  channel: 'web' | 'staff';
  booked_by: string | null;
  state: AppointmentState;
  created_at: string;
  ended_at: string | null;
  ticket_id: string | null;
}

const toAppointment = (r: AppointmentRow): StoredAppointment => ({
  id: r.id,
  code: r.code,
  serviceId: r.service_id,
  date: r.date,
  start: r.start,
  at: r.at,
  place: r.place,
  name: r.name,
  contactKind: r.contact_kind,
  contact: r.contact,
  language: r.language as Language,
  channel: r.channel,
  bookedBy: r.booked_by,
  state: r.state,
  createdAt: r.created_at,
  endedAt: r.ended_at,
  ticketId: r.ticket_id,
});

/** A contact's missed bookings (the supervisor's no-show list). */
export interface MissedContact {
  readonly contactKind: 'phone' | 'email';
  readonly contact: string;
  readonly missed: number;
  readonly lastDate: string;
}

export class AppointmentsRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byCodeStmt;
  private readonly byManageStmt;
  private readonly codeTakenStmt;
  private readonly placesStmt;
  private readonly takenStmt;
  private readonly holdsDayStmt;
  private readonly onDateStmt;
  private readonly endStmt;
  private readonly missPastStmt;
  private readonly deleteBeforeStmt;
  private readonly missedStmt;
  private readonly statesStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO appointments (id, code, manage_hash, service_id, date, start, at, place, name, contact_kind, contact, language, channel, booked_by, state, created_at, ended_at, ticket_id)
       VALUES (@id, @code, @manageHash, @serviceId, @date, @start, @at, @place, @name, @contactKind, @contact, @language, @channel, @bookedBy, @state, @createdAt, @endedAt, @ticketId)`,
    );
    this.byIdStmt = db.prepare<[string]>('SELECT * FROM appointments WHERE id = ?');
    this.byCodeStmt = db.prepare<[string]>('SELECT * FROM appointments WHERE code = ?');
    this.byManageStmt = db.prepare<[string]>('SELECT * FROM appointments WHERE manage_hash = ?');
    this.codeTakenStmt = db.prepare<[string]>('SELECT 1 FROM appointments WHERE code = ?').pluck();
    this.placesStmt = db
      .prepare<[string, string, string]>(`SELECT place FROM appointments WHERE service_id = ? AND date = ? AND start = ? AND state <> 'cancelled' ORDER BY place`)
      .pluck();
    this.takenStmt = db.prepare<[string, string]>(
      `SELECT start, count(*) AS n FROM appointments WHERE service_id = ? AND date = ? AND state <> 'cancelled' GROUP BY start`,
    );
    this.holdsDayStmt = db
      .prepare<[string, string, string]>(`SELECT 1 FROM appointments WHERE date = ? AND contact_kind = ? AND contact = ? AND state <> 'cancelled'`)
      .pluck();
    this.onDateStmt = db.prepare<[string]>('SELECT * FROM appointments WHERE date = ? ORDER BY start, service_id, created_at, id');
    this.endStmt = db.prepare<[AppointmentState, string | null, string | null, string]>('UPDATE appointments SET state = ?, ended_at = ?, ticket_id = ? WHERE id = ?');
    this.missPastStmt = db.prepare<[string, string]>(`UPDATE appointments SET state = 'missed', ended_at = ? WHERE date < ? AND state = 'booked'`);
    this.deleteBeforeStmt = db.prepare<[string]>('DELETE FROM appointments WHERE date < ?');
    this.missedStmt = db.prepare<[string, number]>(
      `SELECT contact_kind AS contactKind, contact, count(*) AS missed, max(date) AS lastDate FROM appointments
       WHERE state = 'missed' AND date >= ? GROUP BY contact_kind, contact HAVING count(*) >= ? ORDER BY missed DESC, lastDate DESC, contact`,
    );
    this.statesStmt = db.prepare<[string, string]>('SELECT date, service_id AS serviceId, state FROM appointments WHERE date BETWEEN ? AND ?');
  }

  /** Stores a booking; the partial unique indexes refuse a second one of the day or a place taken twice (SQLITE_CONSTRAINT_UNIQUE). */
  insert(a: StoredAppointment, manageHash: string): void {
    this.insertStmt.run({ ...a, manageHash });
  }

  byId(id: string): StoredAppointment | undefined {
    const row = this.byIdStmt.get(id) as AppointmentRow | undefined;
    return row && toAppointment(row);
  }
  byCode(code: string): StoredAppointment | undefined {
    const row = this.byCodeStmt.get(code) as AppointmentRow | undefined;
    return row && toAppointment(row);
  }
  byManageHash(hash: string): StoredAppointment | undefined {
    const row = this.byManageStmt.get(hash) as AppointmentRow | undefined;
    return row && toAppointment(row);
  }
  codeTaken(code: string): boolean {
    return this.codeTakenStmt.get(code) !== undefined;
  }

  /** The places of a slot that are held (not cancelled), lowest first. */
  placesHeld(serviceId: string, date: string, start: string): number[] {
    return this.placesStmt.all(serviceId, date, start) as number[];
  }
  /** How many places each slot of a line's day has taken. */
  takenOn(serviceId: string, date: string): Map<string, number> {
    return new Map((this.takenStmt.all(serviceId, date) as { start: string; n: number }[]).map((r) => [r.start, r.n]));
  }
  /** Whether this contact holds a booking (not cancelled) on that date. */
  holdsDay(date: string, contactKind: 'phone' | 'email', contact: string): boolean {
    return this.holdsDayStmt.get(date, contactKind, contact) !== undefined;
  }

  /** A day's bookings, by slot. */
  onDate(date: string): StoredAppointment[] {
    return (this.onDateStmt.all(date) as AppointmentRow[]).map(toAppointment);
  }

  /** Moves a booking to its end state (cancelled, checked in, late), with the ticket a check-in issued. */
  end(id: string, state: AppointmentState, at: string, ticketId: string | null = null): void {
    this.endStmt.run(state, at, ticketId, id);
  }

  /** Bookings of dates before `date` still booked: nobody came. How many. */
  missBefore(date: string, at: string): number {
    return this.missPastStmt.run(at, date).changes;
  }
  /** Deletes the bookings of dates before `date`, names and contacts with them. How many. */
  deleteBefore(date: string): number {
    return this.deleteBeforeStmt.run(date).changes;
  }

  /** Contacts with at least `min` missed bookings of dates from `since` on. */
  missedSince(since: string, min: number): MissedContact[] {
    return this.missedStmt.all(since, min) as MissedContact[];
  }

  /** The bookings of dates `from` to `to` (both included), line and state only (a report). */
  statesBetween(from: string, to: string): { date: string; serviceId: string; state: AppointmentState }[] {
    return this.statesStmt.all(from, to) as { date: string; serviceId: string; state: AppointmentState }[];
  }
}
