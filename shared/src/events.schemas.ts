// The event stream: what the server appends to the log and broadcasts, the snapshot a client starts
// from, and the public (aggregate, non-personal) status.
import { Type, type Static, type TLiteral, type TObject, type TProperties } from '@sinclair/typebox';
import {
  Announcement,
  BusinessDate,
  Closure,
  Counter,
  CounterNumber,
  CounterStatus,
  DeviceKind,
  IsoDateTime,
  IssuingMode,
  IssuingStop,
  Language,
  LocalizedText,
  Office,
  OpeningSession,
  QueuePolicy,
  Role,
  Service,
  SpecialDay,
  Ticket,
  TicketClass,
  TicketState,
  WaitEstimate,
} from './domain.schemas';
import { PickReasonSchema, PrintFailure } from './commands.schemas';
import { BookingSettings } from './appointments.schemas';
import { Count, Int, MAX_INTEGER } from './formats';
import { REASONS } from './tickets.transitions';
import { ISSUING_CLOSED_REASONS } from './sessions';
import { MAX_RECENT_CALLS } from './office-state.reducer';

export const ACTOR_KINDS = ['staff', 'device', 'resident', 'system'] as const;
export const Actor = Type.Object({
  kind: Type.Union(ACTOR_KINDS.map((k) => Type.Literal(k))),
  id: Type.Union([Type.String(), Type.Null()]),
});
export type Actor = Static<typeof Actor>;

export const TICKET_EVENT_TYPES = [
  'ticket:issued',
  'ticket:called',
  'ticket:recalled',
  'ticket:started',
  'ticket:finished',
  'ticket:missed',
  'ticket:requeued',
  'ticket:transferred',
  'ticket:cancelled',
  'ticket:expired',
  'ticket:returned',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];
export const COUNTER_EVENT_TYPES = ['counter:opened', 'counter:paused', 'counter:closed', 'counter:updated'] as const;
export type CounterEventType = (typeof COUNTER_EVENT_TYPES)[number];

function event<K extends string, P extends TProperties>(type: K, data: TObject<P>) {
  return Type.Object({
    seq: Int(1, MAX_INTEGER),
    type: Type.Literal(type) as TLiteral<K>,
    at: IsoDateTime,
    actor: Actor,
    reason: Type.Union([Type.String(), Type.Null()]),
    data,
  });
}

const TicketData = Type.Object({ ticket: Ticket });
// A call also moves the counter's every-Nth priority count, so the counter travels with it.
const CalledData = Type.Object({ ticket: Ticket, counter: Counter, pickReason: Type.Union([PickReasonSchema, Type.Null()]) });
const CounterData = Type.Object({ counter: Counter });

export const TicketEvent = Type.Union([
  event('ticket:issued', TicketData),
  event('ticket:called', CalledData),
  event('ticket:recalled', TicketData),
  event('ticket:started', TicketData),
  event('ticket:finished', TicketData),
  event('ticket:missed', TicketData),
  event('ticket:requeued', TicketData),
  event('ticket:transferred', TicketData),
  event('ticket:cancelled', TicketData),
  event('ticket:expired', TicketData),
  event('ticket:returned', TicketData),
]);
export type TicketEvent = Static<typeof TicketEvent>;

// Spelled out rather than mapped: a map gives one object whose type is the union of the four names,
// so EventOf<'counter:opened'> (and the socket listener for it) would be never.
export const CounterEvent = Type.Union([
  event('counter:opened', CounterData),
  event('counter:paused', CounterData),
  event('counter:closed', CounterData),
  event('counter:updated', CounterData),
]);
export type CounterEvent = Static<typeof CounterEvent>;

export const ServiceUpdatedEvent = event('service:updated', Type.Object({ service: Service }));
export const OfficeUpdatedEvent = event('office:updated', Type.Object({ office: Office }));
export const PolicyUpdatedEvent = event('policy:updated', Type.Object({ policy: QueuePolicy }));
// The booking rules (no booking, no name: those never enter the log).
export const BookingUpdatedEvent = event('booking:updated', Type.Object({ settings: BookingSettings }));
export const DayClosedEvent = event('day:closed', Type.Object({ businessDate: BusinessDate, expired: Count() }));
export const DayStartedEvent = event('day:started', Type.Object({ businessDate: BusinessDate }));
// Account and device changes are audited like everything else; the events carry no names.
export const StaffChangedEvent = event(
  'staff:changed',
  Type.Object({ staff: Type.Object({ id: Type.String(), role: Role, active: Type.Boolean() }) }),
);
export const DeviceChangedEvent = event(
  'device:changed',
  Type.Object({ device: Type.Object({ id: Type.String(), kind: DeviceKind, revoked: Type.Boolean() }) }),
);

// Raised by the server itself for the supervisors: something a person should look at now. A device
// or account issuing far faster than people walk up is refused, and said so once per burst; a kiosk
// that could not print a resident's ticket says so (the resident was shown the number instead).
export const AlertRaisedEvent = event(
  'alert:raised',
  Type.Object({
    alert: Type.Union([
      Type.Object({
        kind: Type.Literal('command_rate'),
        command: Type.String({ description: 'The command that was refused (a registry name)' }),
        by: Type.Object({ kind: Type.Union([Type.Literal('staff'), Type.Literal('device')]), id: Type.String() }),
        count: Count({ description: 'How many it ran in the window before the refusals' }),
        windowSeconds: Int(1, 86_400),
      }),
      Type.Object({
        kind: Type.Literal('print_failed'),
        by: Type.Object({ kind: Type.Literal('device'), id: Type.String() }),
        deviceName: Type.String({ description: "The kiosk's name, as the admin registered it" }),
        ticketId: Type.String(),
        number: Type.String(),
        reason: PrintFailure,
      }),
    ]),
  }),
);

// The supervisor's switches. Announcements and stops travel whole, so a client keeps them without
// asking; an emergency closure says how many waiting tickets it cancelled (their own events follow).
export const AnnouncementPostedEvent = event('announcement:posted', Type.Object({ announcement: Announcement }));
export const AnnouncementWithdrawnEvent = event('announcement:withdrawn', Type.Object({ announcementId: Type.String() }));
export const IssuingStoppedEvent = event('issuing:stopped', Type.Object({ stop: IssuingStop }));
export const IssuingResumedEvent = event(
  'issuing:resumed',
  Type.Object({ serviceId: Type.Union([Type.String(), Type.Null()], { description: 'The line started again; null: the whole office' }) }),
);
export const EmergencyClosedEvent = event('office:emergency-closed', Type.Object({ closure: Closure, cancelled: Count() }));
export const EmergencyEndedEvent = event('office:emergency-ended', Type.Object({ closure: Closure }));

export const DomainEvent = Type.Union([
  ...TicketEvent.anyOf,
  ...CounterEvent.anyOf,
  ServiceUpdatedEvent,
  OfficeUpdatedEvent,
  PolicyUpdatedEvent,
  BookingUpdatedEvent,
  DayClosedEvent,
  DayStartedEvent,
  StaffChangedEvent,
  DeviceChangedEvent,
  AlertRaisedEvent,
  AnnouncementPostedEvent,
  AnnouncementWithdrawnEvent,
  IssuingStoppedEvent,
  IssuingResumedEvent,
  EmergencyClosedEvent,
  EmergencyEndedEvent,
]);
export type DomainEvent = Static<typeof DomainEvent>;
export type DomainEventType = DomainEvent['type'];
export type EventOf<K extends DomainEventType> = Extract<DomainEvent, { type: K }>;
export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = [
  ...TICKET_EVENT_TYPES,
  ...COUNTER_EVENT_TYPES,
  'service:updated',
  'office:updated',
  'policy:updated',
  'booking:updated',
  'day:closed',
  'day:started',
  'staff:changed',
  'device:changed',
  'alert:raised',
  'announcement:posted',
  'announcement:withdrawn',
  'issuing:stopped',
  'issuing:resumed',
  'office:emergency-closed',
  'office:emergency-ended',
];

/**
 * One call or recall, as a wall display lists and announces it; also for tickets that have since
 * finished, which the snapshot's tickets no longer hold. Numbers and lines only, nothing personal.
 */
export const RecentCall = Type.Object({
  seq: Count({ description: 'The seq of the ticket:called or ticket:recalled event: unique, so a client announces each call once' }),
  at: IsoDateTime,
  ticketId: Type.String(),
  number: Type.String({ description: 'As shown to residents, e.g. "1023"' }),
  serviceId: Type.String(),
  counterId: Type.String(),
  // The language the resident chose at the kiosk: a display also speaks the call in it (DisplaySettings.languages).
  language: Language,
  recall: Type.Boolean({ description: 'true for ticket:recalled' }),
});
export type RecentCall = Static<typeof RecentCall>;
// Defined with the reducer that keeps the list, so a client's bundle of it stays free of TypeBox.
export { MAX_RECENT_CALLS };

/** What a client starts from on every (re)connect; events with seq > snapshot.seq follow. */
export const Snapshot = Type.Object({
  seq: Count(),
  at: IsoDateTime,
  businessDate: BusinessDate,
  office: Office,
  policy: QueuePolicy,
  services: Type.Array(Service),
  counters: Type.Array(Counter),
  tickets: Type.Array(Ticket, { description: "The day's active tickets (waiting, called, serving)" }),
  announcements: Type.Array(Announcement, { description: 'Announcements not yet ended or withdrawn, oldest first (activeAnnouncements drops them by time)' }),
  issuingStops: Type.Array(IssuingStop, {
    description:
      "The supervisors' stops in force (a line's, or the whole office's with serviceId null); issuingStatus (shared/sessions.ts) tells from these, the office and the closure whether a line issues now, and why not",
  }),
  closure: Type.Union([Closure, Type.Null()], { description: 'The emergency closure in force, or null' }),
  recentCalls: Type.Array(RecentCall, { maxItems: MAX_RECENT_CALLS, description: "Today's newest calls and recalls, newest first" }),
});
export type Snapshot = Static<typeof Snapshot>;

/** Why kiosks issue nothing for a line: ISSUING_CLOSED_REASONS, or a supervisor's stop reason (REASONS.issuing_stop). */
export const IssuingClosedReason = Type.Union([...ISSUING_CLOSED_REASONS, ...REASONS.issuing_stop].map((r) => Type.Literal(r)));
/** Whether kiosks issue tickets now; when not, why. */
export const IssuingStatus = Type.Object(
  {
    open: Type.Boolean(),
    reason: Type.Union([IssuingClosedReason, Type.Null()], {
      description:
        "null when open; otherwise day_closed (today's queue was closed), office_closed (emergency closure, see closure), a supervisor's stop reason code (REASONS.issuing_stop: the line, or the whole office, is stopped), issuing_closed (switched off by hand), outside_session (no opening session now)",
    }),
  },
  { description: 'Kiosks and the web follow this; staff can still hand out a number (except after the day was closed)' },
);
export type IssuingClosedReason = Static<typeof IssuingClosedReason>;
export type IssuingStatus = Static<typeof IssuingStatus>;

export const PublicServiceStatus = Type.Object({
  id: Type.String(),
  code: Type.String(),
  names: LocalizedText,
  waiting: Count(),
  nowServing: Type.Union([Type.String(), Type.Null()]),
  estimatedWait: WaitEstimate,
  issuing: IssuingStatus,
});
export const PublicCounterStatus = Type.Object({
  id: Type.String(),
  number: CounterNumber,
  names: LocalizedText,
  nowServing: Type.Union([Type.String(), Type.Null()]),
  status: CounterStatus,
});
/** A session as the public sees it on a date: its hours, and the lines it issues for (null: all). */
export const PublicSession = Type.Object({
  start: OpeningSession.properties.start,
  end: OpeningSession.properties.end,
  kind: OpeningSession.properties.kind,
  serviceIds: OpeningSession.properties.serviceIds,
});
export const PublicOpening = Type.Object(
  {
    open: Type.Boolean({ description: 'An opening session runs now and the office is not closed in an emergency' }),
    nextOpening: Type.Union([IsoDateTime, Type.Null()], {
      description: 'When the next opening session starts, after now (holidays and make-up days followed); null when none starts within three weeks',
    }),
    today: Type.Object({
      date: BusinessDate,
      specialDay: Type.Union([SpecialDay, Type.Null()], { description: 'Today is a holiday (closed) or a make-up working day (open); null on an ordinary day' }),
      sessions: Type.Array(PublicSession, { description: "Today's sessions, by start" }),
    }),
    weekly: Type.Array(OpeningSession, { description: 'The usual week: every session by weekday (0 = Sunday) and start' }),
    specialDays: Type.Array(SpecialDay, { description: 'Holidays and make-up days from today to three weeks ahead, by date' }),
  },
  { description: "The office's opening sessions: whether it is open now, when it opens next, today's and the week's hours" },
);
export const PublicStatus = Type.Object({
  office: Type.Object({
    id: Type.String(),
    names: LocalizedText,
    timeZone: Type.String({ description: 'IANA time zone the hours are in, e.g. Asia/Taipei' }),
    address: Type.String(),
    tel: Type.String(),
  }),
  opening: PublicOpening,
  updatedAt: IsoDateTime,
  seq: Count(),
  businessDate: BusinessDate,
  issuing: Type.Object(
    { open: Type.Boolean(), mode: IssuingMode, reason: IssuingStatus.properties.reason },
    { description: 'The office as a whole (a line may still be stopped on its own: see services[].issuing)' },
  ),
  closure: Type.Union([Type.Object({ reason: LocalizedText, since: IsoDateTime }), Type.Null()], {
    description: 'The office is closed in an emergency (typhoon day) since then, for this reason; null when not',
  }),
  announcements: Type.Array(Announcement, { description: 'Announcements shown now' }),
  services: Type.Array(PublicServiceStatus),
  counters: Type.Array(PublicCounterStatus),
});
export type PublicStatus = Static<typeof PublicStatus>;

/**
 * A tracking token as the issue answer hands it out (URL-safe base64): what a resident's link carries.
 * The pattern holds the length too, so whatever builds values from the pattern alone builds valid ones.
 */
export const TrackingToken = Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]{16,64}$', description: 'The tracking token of the ticket' });

/** How satisfied the resident was with the service: 1 (very dissatisfied) to 5 (very satisfied). */
export const RatingScore = Type.Integer({ minimum: 1, maximum: 5, description: '1 (very dissatisfied) to 5 (very satisfied)' });

/**
 * What the resident's phone page (/t/:token) shows of their own ticket: GET /public/tickets/:token,
 * and ticket:view on /public once they follow it. Of other residents only a count, of nobody a name.
 */
export const ETicketView = Type.Object({
  ticketId: Type.String({ description: 'The ticket, to cancel it: POST /tickets/:ticketId/cancel with { trackingToken }' }),
  number: Type.String({ description: 'As shown to residents, e.g. "1023"' }),
  state: TicketState,
  class: TicketClass,
  language: Language,
  issuedAt: IsoDateTime,
  calledAt: Type.Union([IsoDateTime, Type.Null()], { description: 'The last call; a recall keeps it and counts up recallCount' }),
  recallCount: Count(),
  endedAt: Type.Union([IsoDateTime, Type.Null()], { description: 'When it was finished, missed, cancelled or expired' }),
  service: Type.Object({ id: Type.String(), names: LocalizedText }, { description: 'The line it waits in now (a transfer moves it)' }),
  counter: Type.Union([Type.Object({ id: Type.String(), number: CounterNumber, names: LocalizedText }), Type.Null()], {
    description: 'Where to go, while called or being served; null otherwise',
  }),
  ahead: Type.Union([Count(), Type.Null()], {
    description: 'Waiting tickets of the same line queued before this one (roughly the order they are called in); null unless waiting',
  }),
  estimatedWait: Type.Union([WaitEstimate.anyOf[0], Type.Null()], {
    description: 'The wait range in minutes while waiting; null when not waiting or unknown (no open counter serves the line)',
  }),
  office: Type.Object({ id: Type.String(), names: LocalizedText, timeZone: Type.String() }),
  rating: Type.Union([Type.Object({ score: RatingScore, ratedAt: IsoDateTime }), Type.Null()], {
    description: "The resident's rating once given (POST /public/tickets/:token/rating), without its comment; null before",
  }),
  updatedAt: IsoDateTime,
  seq: Count({ description: 'The event log position this view was read at' }),
});
export type ETicketView = Static<typeof ETicketView>;

/** The longest comment a rating may carry, in characters. */
export const RATING_COMMENT_MAX = 500;

/** POST /public/tickets/:token/rating: once per finished ticket. */
export const RatingBody = Type.Object(
  {
    score: RatingScore,
    comment: Type.Optional(
      Type.String({ maxLength: RATING_COMMENT_MAX, description: `At most ${RATING_COMMENT_MAX} characters; trimmed, and an empty one is stored as none` }),
    ),
  },
  { additionalProperties: false },
);
export type RatingBody = Static<typeof RatingBody>;

/** The rating as stored, the answer to the resident who gave it. */
export const Rating = Type.Object({
  score: RatingScore,
  comment: Type.Union([Type.String(), Type.Null()]),
  language: Language,
  ratedAt: IsoDateTime,
});
export type Rating = Static<typeof Rating>;

/** ticket:follow on /public: the token of the resident's link. */
export const TicketFollowPayload = Type.Object({ token: TrackingToken }, { additionalProperties: false });
export type TicketFollowPayload = Static<typeof TicketFollowPayload>;
