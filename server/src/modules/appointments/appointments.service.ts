// Bookings (網路／電話預約): what can be booked, booking a slot (residents on the web, clerks for a
// phone call), the holder's manage link, cancelling, the day's list and the no-show counts; and the
// booking rules (the booking:update command). A booking is not an event: its name and contact stay in
// the appointments table and are deleted retentionDays after its date. Each write is one transaction
// through the engine (the single writer), so the one-per-day rule and the capacity are checked and
// the row inserted with nothing in between; the table's unique indexes are the last word.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  bookableDates,
  bookableStarts,
  codeFromBytes,
  contactHint,
  contactOf,
  DomainError,
  formatCode,
  instantAt,
  isDateOpen,
  lineCapacity,
  shiftDate,
  slotRefusal,
  type Appointment,
  type BookableLine,
  type BookBody,
  type Booked,
  type BookingOffer,
  type BookingSettings,
  type BookingSettingsPatch,
  type Office,
  type Slot,
  type SlotsQuery,
} from '@jiaohao/shared';
import type { AppCtx as Ctx, AppEngine, Store } from '../../store';
import { SYSTEM, type Principal } from '../../core/principal';
import { at } from '../../core/refusals';
import { hashToken } from '../../core/tokens';
import { currentBusinessDate } from '../office/office.queries';
import type { StoredAppointment } from './appointments.repo';

/** The holder's view of a stored booking (the contact partly hidden). */
export function appointmentView(a: StoredAppointment): Appointment {
  return {
    id: a.id,
    code: formatCode(a.code),
    serviceId: a.serviceId,
    date: a.date,
    start: a.start,
    at: a.at,
    name: a.name,
    contactHint: contactHint({ kind: a.contactKind, value: a.contact }),
    language: a.language,
    channel: a.channel,
    state: a.state,
    createdAt: a.createdAt,
    ticketId: a.ticketId,
  };
}

function officeOf(store: Store): Office {
  const office = store.office.office();
  if (!office) throw new DomainError('not_found', 'The office is not set up');
  return office;
}

/** The lines that take bookings now: listed in the settings, and still in use and allowing appointments. */
function bookableLines(store: Store, settings: BookingSettings): BookableLine[] {
  if (!settings.enabled) return [];
  return settings.lines.filter((l) => {
    const s = store.services.byId(l.serviceId);
    return s !== undefined && s.active && s.allowAppointment;
  });
}

/** What better-sqlite3 throws when a unique index refuses a row, and which index it was. */
function uniqueRefusal(err: unknown): 'day' | 'place' | null {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (e?.code !== 'SQLITE_CONSTRAINT_UNIQUE' || typeof e.message !== 'string') return null;
  if (e.message.includes('appointments.contact')) return 'day';
  if (e.message.includes('appointments.place')) return 'place';
  return null;
}

const alreadyBooked = (date: string) => new DomainError('already_booked', `This phone number or e-mail address already holds a booking on ${date}: one booking per person per day`);
const slotFull = (date: string, start: string) => new DomainError('slot_full', `Every place of ${date} ${start} is taken; choose another slot`);

/** Codes are 8 of 32 characters (10^12): a clash with one still stored is rare, and drawn again. */
function newCode(store: Store): string {
  for (let i = 0; i < 20; i++) {
    const code = codeFromBytes(randomBytes(8));
    if (!store.appointments.codeTaken(code)) return code;
  }
  throw new Error('could not draw a free booking code');
}

/**
 * The day roll-over's part: bookings of past dates nobody checked in become missed, and bookings
 * more than retentionDays old are deleted with their names and contacts. Also run at start-up.
 */
export function sweepBookings(ctx: Ctx): void {
  const { appointments, office } = ctx.store;
  appointments.missBefore(ctx.businessDate, ctx.at);
  appointments.deleteBefore(shiftDate(ctx.businessDate, -office.booking().retentionDays));
}

/** booking:update: the rules checked as a whole (each line bookable, the days in order), stored, announced to staff. */
export function updateBooking(ctx: Ctx, patch: BookingSettingsPatch): BookingSettings {
  const next: BookingSettings = { ...ctx.store.office.booking(), ...patch };
  const seen = new Set<string>();
  next.lines.forEach((line, i) => {
    const path = `/lines/${i}/serviceId`;
    if (seen.has(line.serviceId)) throw new DomainError('validation_failed', `${line.serviceId} is in the list twice`, at(path, 'duplicate line'));
    seen.add(line.serviceId);
    const s = ctx.store.services.byId(line.serviceId);
    if (!s) throw new DomainError('validation_failed', `There is no line ${line.serviceId}`, at(path, 'no such line'));
    if (!s.allowAppointment) {
      throw new DomainError('class_not_allowed', `${s.names['zh-TW']} takes no appointments: allow appointments on the line first`, at(path, 'the line takes no appointments'));
    }
    if (line.maxDaysAhead !== null && line.maxDaysAhead < next.minDaysAhead) {
      throw new DomainError('validation_failed', `${line.serviceId}: maxDaysAhead ${line.maxDaysAhead} is before minDaysAhead ${next.minDaysAhead}`, at(`/lines/${i}/maxDaysAhead`, 'must not be less than minDaysAhead'));
    }
  });
  if (next.maxDaysAhead < next.minDaysAhead) {
    throw new DomainError('validation_failed', `maxDaysAhead ${next.maxDaysAhead} is before minDaysAhead ${next.minDaysAhead}`, at('/maxDaysAhead', 'must not be less than minDaysAhead'));
  }
  ctx.store.office.saveBooking(next);
  ctx.emit({ type: 'booking:updated', data: { settings: next } });
  return next;
}

export class AppointmentsService {
  constructor(private readonly engine: AppEngine) {}

  private get store(): Store {
    return this.engine.store;
  }

  settings(): BookingSettings {
    return this.store.office.booking();
  }

  /** The bookable lines with their bookable dates, and the rules a booking page tells residents. */
  offer(): BookingOffer {
    const settings = this.settings();
    const office = officeOf(this.store);
    const now = this.engine.clock();
    const today = currentBusinessDate(this.store, now, office.timeZone);
    return {
      lines: bookableLines(this.store, settings).map((line) => ({ serviceId: line.serviceId, dates: bookableDates(office, settings, line, now, office.timeZone) })),
      // Switched off, the kiosks still check in the bookings made before for today.
      checkIn: settings.enabled || this.store.appointments.onDate(today).some((a) => a.state === 'booked'),
      settings: { slotMinutes: settings.slotMinutes, checkInEarlyMinutes: settings.checkInEarlyMinutes, lateMinutes: settings.lateMinutes, retentionDays: settings.retentionDays },
    };
  }

  /** Every slot of the line's day that can be booked now, with its places left (0 when full); none on a day that cannot be booked. */
  slots({ serviceId, date }: SlotsQuery): { slots: Slot[] } {
    if (!this.store.services.byId(serviceId)) throw new DomainError('not_found', `No service ${serviceId}`);
    const settings = this.settings();
    const office = officeOf(this.store);
    const now = this.engine.clock();
    const line = bookableLines(this.store, settings).find((l) => l.serviceId === serviceId);
    if (!line || !isDateOpen(settings, line, date, now, office.timeZone)) return { slots: [] };
    const taken = this.store.appointments.takenOn(serviceId, date);
    const capacity = lineCapacity(settings, line);
    return {
      slots: bookableStarts(office, settings, serviceId, date, now, office.timeZone).map((start) => ({
        start,
        at: new Date(instantAt(date, start, office.timeZone)).toISOString(),
        left: Math.max(0, capacity - (taken.get(start) ?? 0)),
      })),
    };
  }

  /**
   * Books a slot: for a resident on the web (`who` null) or by a clerk taking a phone call (channel
   * staff, the clerk kept as booked_by). Exactly one contact, valid; then, in one transaction, the
   * slot must be open, the contact free that day and a place left. The manage token is in the answer
   * only: the table keeps its hash.
   */
  book(who: Principal | null, body: BookBody): Booked {
    const contact = contactOf(body);
    if (!contact.ok) throw new DomainError('validation_failed', `${contact.path.slice(1)} ${contact.message}`, at(contact.path, contact.message));
    const name = body.name.trim();
    if (name === '') throw new DomainError('validation_failed', 'name is empty', at('/name', 'must not be empty'));
    const staff = who?.kind === 'staff' ? who : null;
    const manageToken = randomBytes(24).toString('base64url');
    const stored = this.engine.run(staff ?? SYSTEM, (ctx) => {
      const { store } = ctx;
      const service = store.services.byId(body.serviceId);
      if (!service) throw new DomainError('not_found', `No service ${body.serviceId}`);
      const settings = store.office.booking();
      const office = officeOf(store);
      const line = bookableLines(store, settings).find((l) => l.serviceId === service.id);
      const refusal = slotRefusal(office, settings, line, body.date, body.start, ctx.now, office.timeZone);
      if (refusal !== null || !line) throw new DomainError('booking_closed', refusal ?? 'This line takes no bookings');
      const { kind, value } = contact.contact;
      if (store.appointments.holdsDay(body.date, kind, value)) throw alreadyBooked(body.date);
      const held = new Set(store.appointments.placesHeld(service.id, body.date, body.start));
      const capacity = lineCapacity(settings, line);
      let place = 1;
      while (held.has(place)) place++;
      if (place > capacity) throw slotFull(body.date, body.start);
      const a: StoredAppointment = {
        id: randomUUID(),
        code: newCode(store),
        serviceId: service.id,
        date: body.date,
        start: body.start,
        at: new Date(instantAt(body.date, body.start, office.timeZone)).toISOString(),
        place,
        name,
        contactKind: kind,
        contact: value,
        language: body.language ?? 'zh-TW',
        channel: staff ? 'staff' : 'web',
        bookedBy: staff?.id ?? null,
        state: 'booked',
        createdAt: ctx.at,
        endedAt: null,
        ticketId: null,
      };
      try {
        store.appointments.insert(a, hashToken(manageToken));
      } catch (err) {
        const which = uniqueRefusal(err);
        if (which === 'day') throw alreadyBooked(body.date);
        if (which === 'place') throw slotFull(body.date, body.start);
        throw err;
      }
      return a;
    });
    return { appointment: appointmentView(stored), manageToken };
  }

  /** The booking of a manage link; not_found (the same for every unknown token) otherwise. */
  byManageToken(token: string): Appointment {
    const a = this.store.appointments.byManageHash(hashToken(token));
    if (!a) throw new DomainError('not_found', 'No such booking');
    return appointmentView(a);
  }

  /** The holder cancels by the manage link. */
  cancelByToken(token: string): Appointment {
    return this.cancel(SYSTEM, (store) => store.appointments.byManageHash(hashToken(token)));
  }

  /** Staff cancel a booking (the resident phoned). */
  cancelById(who: Principal, id: string): Appointment {
    return this.cancel(who, (store) => store.appointments.byId(id));
  }

  private cancel(who: Principal, find: (store: Store) => StoredAppointment | undefined): Appointment {
    const cancelled = this.engine.run(who, (ctx) => {
      const a = find(ctx.store);
      if (!a) throw new DomainError('not_found', 'No such booking');
      if (a.state !== 'booked') throw new DomainError('booking_not_active', `This booking is ${a.state.replace('_', ' ')}: only a booking not yet used can be cancelled`, { state: a.state });
      ctx.store.appointments.end(a.id, 'cancelled', ctx.at);
      return { ...a, state: 'cancelled' as const, endedAt: ctx.at };
    });
    return appointmentView(cancelled);
  }

  /** A day's bookings, by slot (staff). */
  onDate(date: string): { appointments: Appointment[] } {
    return { appointments: this.store.appointments.onDate(date).map(appointmentView) };
  }

  /** Contacts with at least `min` missed bookings within the retention period (supervisor). */
  noShows(min: number): { contacts: { contactHint: string; missed: number; lastDate: string }[] } {
    const office = officeOf(this.store);
    const today = currentBusinessDate(this.store, this.engine.clock(), office.timeZone);
    const since = shiftDate(today, -this.settings().retentionDays);
    return {
      contacts: this.store.appointments.missedSince(since, min).map((c) => ({
        contactHint: contactHint({ kind: c.contactKind, value: c.contact }),
        missed: c.missed,
        lastDate: c.lastDate,
      })),
    };
  }

  /** Marks and deletes what the roll-over would (start-up: a server that was off at midnight). */
  sweep(): void {
    this.engine.run(SYSTEM, (ctx) => sweepBookings(ctx));
  }
}
