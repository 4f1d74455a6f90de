// Appointments (網路／電話預約): the office's booking rules, a booking as the resident and staff see it,
// and the bodies of the booking, cancelling and check-in requests. A booking's personal data (a name
// and one phone number or e-mail address) lives only in the appointments table and is deleted
// `retentionDays` after the booked date; no event, ticket, display or feed ever carries it.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { BusinessDate, ClockTime, Id, IsoDateTime, Language, Ticket, WaitEstimate } from './domain.schemas';
import { Count, Int } from './formats';
import { IdempotencyKey } from './commands.schemas';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A line that takes bookings, and its own limits where they differ from the office's. */
export const BookableLine = Type.Object(
  {
    serviceId: Id,
    /** How far ahead this line can be booked (holiday marriage registration: 30 days), or the office's. */
    maxDaysAhead: Nullable(Int(0, 90)),
    /** Residents per slot in this line, or the office's. */
    capacityPerSlot: Nullable(Int(1, 50)),
  },
  strict,
);
export type BookableLine = Static<typeof BookableLine>;

export const OPENING_KINDS_BOOKABLE = ['regular', 'noon', 'evening', 'weekend'] as const;

/** The office's booking rules (admin). The defaults follow the Ministry of the Interior's service. */
export const BookingSettings = Type.Object(
  {
    enabled: Type.Boolean(),
    lines: Type.Array(BookableLine, { maxItems: 50 }),
    slotMinutes: Int(5, 120, { description: 'Length of a slot' }),
    capacityPerSlot: Int(1, 50, { description: 'Residents per slot and line' }),
    minDaysAhead: Int(0, 30, { description: 'The first bookable day, in days from today (1: from tomorrow)' }),
    /** Bookings for the first bookable day close at this time of the day before it (e.g. 15:00), or never. */
    cutoffTime: Nullable(ClockTime),
    maxDaysAhead: Int(0, 90, { description: 'The last bookable day, in days from today (7: a week ahead)' }),
    /** Which kinds of opening session take bookings (the slots are cut from those sessions). */
    sessionKinds: Type.Array(Type.Union(OPENING_KINDS_BOOKABLE.map((k) => Type.Literal(k))), { minItems: 1, maxItems: 4, uniqueItems: true }),
    checkInEarlyMinutes: Int(0, 180, { description: 'How long before the slot the kiosk checks a booking in' }),
    lateMinutes: Int(0, 120, { description: 'More than this many minutes late: the booking becomes an ordinary (walk-in) ticket' }),
    retentionDays: Int(1, 365, { description: 'A booking, with its name and contact, is deleted this many days after its date' }),
  },
  strict,
);
export type BookingSettings = Static<typeof BookingSettings>;

export const DEFAULT_BOOKING_SETTINGS: BookingSettings = {
  enabled: true,
  lines: [],
  slotMinutes: 15,
  capacityPerSlot: 2,
  minDaysAhead: 1,
  cutoffTime: '15:00',
  maxDaysAhead: 7,
  sessionKinds: ['regular', 'weekend'],
  checkInEarlyMinutes: 30,
  lateMinutes: 15,
  retentionDays: 30,
};

export const BookingSettingsPatch = Type.Partial(BookingSettings, strict);
export type BookingSettingsPatch = Static<typeof BookingSettingsPatch>;

/** A slot of one line on one day, and how many places are left. */
export const Slot = Type.Object({
  start: ClockTime,
  at: IsoDateTime,
  left: Count(),
});
export type Slot = Static<typeof Slot>;

export const SlotsQuery = Type.Object({ serviceId: Id, date: BusinessDate }, strict);
export type SlotsQuery = Static<typeof SlotsQuery>;

/**
 * What the /book page offers: the bookable lines and, per line, the bookable dates; and whether the
 * kiosks offer check-in (我有預約) today: bookings are on, or bookings of today still wait for it.
 */
export const BookingOffer = Type.Object({
  lines: Type.Array(Type.Object({ serviceId: Id, dates: Type.Array(BusinessDate) })),
  checkIn: Type.Boolean({ description: 'Kiosks offer check-in now: bookings are on, or bookings of today wait to be checked in' }),
  settings: Type.Pick(BookingSettings, ['slotMinutes', 'checkInEarlyMinutes', 'lateMinutes', 'retentionDays']),
});
export type BookingOffer = Static<typeof BookingOffer>;

/** Taiwanese phone numbers as people write them (09xx-xxx-xxx, 04-2222-3333, +886…): checked again on the server. */
export const Phone = Type.String({ minLength: 8, maxLength: 20, pattern: '^\\+?[0-9][0-9 ()-]{6,18}[0-9]$' });
export const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' });

/** A booking request: the line, the slot, a name and exactly one way to reach the resident. */
export const BookBody = Type.Object(
  {
    serviceId: Id,
    date: BusinessDate,
    start: ClockTime,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    phone: Type.Optional(Phone),
    email: Type.Optional(Email),
    language: Type.Optional(Language),
  },
  strict,
);
export type BookBody = Static<typeof BookBody>;

export const APPOINTMENT_STATES = ['booked', 'cancelled', 'checked_in', 'late', 'missed'] as const;
export const AppointmentState = Type.Union(APPOINTMENT_STATES.map((s) => Type.Literal(s)), {
  description: 'booked; cancelled (by the resident or staff); checked_in (an appointment ticket was issued); late (checked in too late: an ordinary ticket); missed (never came)',
});
export type AppointmentState = Static<typeof AppointmentState>;

/** A booking as its holder (the manage link) and staff see it. */
export const Appointment = Type.Object({
  id: Type.String(),
  /** What the resident types at the kiosk (8 letters and digits, no look-alikes), shown as XXXX-XXXX. */
  code: Type.String(),
  serviceId: Type.String(),
  date: BusinessDate,
  start: ClockTime,
  at: IsoDateTime,
  name: Type.String(),
  /** The contact, partly hidden (0912-***-678, w***@example.com): the holder knows the rest. */
  contactHint: Type.String(),
  language: Language,
  channel: Type.Union([Type.Literal('web'), Type.Literal('staff')]),
  state: AppointmentState,
  createdAt: IsoDateTime,
  /** The ticket the check-in issued. */
  ticketId: Nullable(Type.String()),
});
export type Appointment = Static<typeof Appointment>;

/** The answer to a booking: the booking and the secret of its manage link (/book/m/<token>), shown once. */
export const Booked = Type.Object({ appointment: Appointment, manageToken: Type.String() });
export type Booked = Static<typeof Booked>;

/** Check-in at the kiosk: the code as typed or scanned (a QR code holds the code, or a URL ending with it). */
export const CheckInBody = Type.Object(
  {
    code: Type.String({ minLength: 4, maxLength: 200 }),
    language: Type.Optional(Language),
    /** The same check-in sent again after a lost answer (same code and key) gets the same ticket back. */
    idempotencyKey: Type.Optional(IdempotencyKey()),
  },
  strict,
);
export type CheckInBody = Static<typeof CheckInBody>;

export const CheckInResult = Type.Object({
  appointment: Type.Object({ code: Type.String(), serviceId: Type.String(), at: IsoDateTime, state: AppointmentState }),
  /** The ticket, as an issue answer gives it (with its tracking token, for the printed QR code). */
  ticket: Ticket,
  ahead: Count(),
  estimate: WaitEstimate,
  /** More than lateMinutes late: the ticket is an ordinary one, and the kiosk says so. */
  late: Type.Boolean(),
});
export type CheckInResult = Static<typeof CheckInResult>;
