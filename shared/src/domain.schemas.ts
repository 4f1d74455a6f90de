// The domain objects as TypeBox schemas; every TypeScript type is derived from these.
import { Type, type SchemaOptions, type Static, type TSchema } from '@sinclair/typebox';
// Imported, not only re-exported: whoever uses these schemas has the date-time format registered.
import { Count, Int } from './formats';
import { REASONS } from './tickets.transitions';

const Nullable = <T extends TSchema>(schema: T, options?: SchemaOptions) => Type.Union([schema, Type.Null()], options);

export const LANGUAGES = ['zh-TW', 'en', 'vi', 'id', 'th'] as const;
export const Language = Type.Union(LANGUAGES.map((l) => Type.Literal(l)));
export type Language = Static<typeof Language>;

/** Text in the office's languages; Traditional Chinese is always present. */
export const LocalizedText = Type.Object(
  {
    'zh-TW': Type.String({ minLength: 1, maxLength: 200 }),
    en: Type.Optional(Type.String({ maxLength: 200 })),
    vi: Type.Optional(Type.String({ maxLength: 200 })),
    id: Type.Optional(Type.String({ maxLength: 200 })),
    th: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type LocalizedText = Static<typeof LocalizedText>;

export const LocalizedList = Type.Object(
  {
    'zh-TW': Type.Array(Type.String({ maxLength: 300 }), { maxItems: 40 }),
    en: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 40 })),
    vi: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 40 })),
    id: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 40 })),
    th: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 40 })),
  },
  { additionalProperties: false },
);
export type LocalizedList = Static<typeof LocalizedList>;

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
/** An instant with its zone; a date that does not exist (Feb 30, 24:00, a leap second) is refused (formats.ts). */
export const IsoDateTime = Type.String({ format: 'date-time' });
export const BusinessDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** A day of the calendar, YYYY-MM-DD, that exists (formats.ts: no Feb 30). */
export const CalendarDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, a real date' });
export const ClockTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' });

export const TICKET_STATES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired'] as const;
export const TicketState = Type.Union(TICKET_STATES.map((s) => Type.Literal(s)));
export type TicketState = Static<typeof TicketState>;

export const TICKET_CLASSES = ['normal', 'priority', 'appointment'] as const;
export const TicketClass = Type.Union(TICKET_CLASSES.map((c) => Type.Literal(c)));
export type TicketClass = Static<typeof TicketClass>;

export const CHANNELS = ['kiosk', 'web', 'staff'] as const;
export const Channel = Type.Union(CHANNELS.map((c) => Type.Literal(c)));
export type Channel = Static<typeof Channel>;

/** The largest numeric part of a ticket number (six digits). */
export const MAX_NUMBER_VALUE = 999_999;
/** Minutes a service aims to keep residents waiting, or to serve one. */
export const TargetMinutes = Int(1, 600);
/** At most this many tickets a day; a line cannot issue more numbers than six digits hold anyway. */
export const DailyCap = Int(1, MAX_NUMBER_VALUE);
/** Where a service is listed among the others (lower first); room for gaps, nothing that overflows. */
export const SortOrder = Int(-1_000_000, 1_000_000, { description: 'Lower first' });
/** A counter's number as the displays show it. */
export const CounterNumber = Int(1, 999);

/** A number series: e.g. 1001–1999 shown as four digits, optionally behind a letter prefix. */
export const NumberRange = Type.Object(
  {
    start: Int(0, MAX_NUMBER_VALUE),
    end: Int(0, MAX_NUMBER_VALUE),
    digits: Int(1, 6),
    prefix: Type.String({ maxLength: 2, pattern: '^[A-Z]*$' }),
    onExhausted: Type.Union([Type.Literal('wrap'), Type.Literal('refuse')]),
  },
  { additionalProperties: false },
);
export type NumberRange = Static<typeof NumberRange>;

export const WaitEstimate = Nullable(
  Type.Object({ min: Count(), max: Count() }, { additionalProperties: false }),
);
export type WaitEstimate = Static<typeof WaitEstimate>;

export const TransferStep = Type.Object({
  at: IsoDateTime,
  fromServiceId: Type.String(),
  fromCounterId: Nullable(Type.String()),
  toServiceId: Type.String(),
  toCounterId: Nullable(Type.String()),
});
export type TransferStep = Static<typeof TransferStep>;

export const Ticket = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'As shown to residents, e.g. "1023"' }),
  value: Int(0, MAX_NUMBER_VALUE, { description: 'The numeric part of the number' }),
  cycle: Count({ description: 'How many times this series wrapped today before this ticket' }),
  serviceId: Type.String(),
  class: TicketClass,
  language: Language,
  channel: Channel,
  state: TicketState,
  businessDate: BusinessDate,
  issuedAt: IsoDateTime,
  queuedAt: IsoDateTime,
  calledAt: Nullable(IsoDateTime),
  startedAt: Nullable(IsoDateTime),
  endedAt: Nullable(IsoDateTime),
  counterId: Nullable(Type.String()),
  targetCounterId: Nullable(Type.String()),
  recallCount: Count(),
  transfers: Type.Array(TransferStep),
  appointmentAt: Nullable(IsoDateTime),
  estimateAtIssue: WaitEstimate,
  trackingToken: Type.Optional(Type.String({ description: 'Only in the answer to whoever issued the ticket' })),
});
export type Ticket = Static<typeof Ticket>;

/** The pictures a kiosk can show on a line's button (drawn by the kiosk; `general` when none fits). */
export const SERVICE_ICONS = ['household', 'id-card', 'certificate', 'passport', 'marriage', 'appointment', 'transcript', 'general'] as const;
export const ServiceIcon = Type.Union(SERVICE_ICONS.map((i) => Type.Literal(i)), { description: 'The picture on the kiosk button' });
export type ServiceIcon = Static<typeof ServiceIcon>;

export const Service = Type.Object({
  id: Id,
  code: Type.String({ minLength: 1, maxLength: 8 }),
  names: LocalizedText,
  // Optional: lines stored before these existed have neither; the kiosk then shows the name alone.
  summary: Type.Optional(LocalizedText),
  icon: Type.Optional(ServiceIcon),
  numbering: NumberRange,
  priorityNumbering: Nullable(NumberRange),
  appointmentNumbering: Nullable(NumberRange),
  targetWaitMinutes: TargetMinutes,
  targetHandlingMinutes: TargetMinutes,
  documents: LocalizedList,
  dailyCap: Nullable(DailyCap),
  allowPriority: Type.Boolean(),
  allowAppointment: Type.Boolean(),
  active: Type.Boolean(),
  sortOrder: SortOrder,
});
export type Service = Static<typeof Service>;

export const COUNTER_STATUSES = ['open', 'paused', 'closed'] as const;
export const CounterStatus = Type.Union(COUNTER_STATUSES.map((s) => Type.Literal(s)));
export type CounterStatus = Static<typeof CounterStatus>;

export const Counter = Type.Object({
  id: Id,
  number: CounterNumber,
  names: LocalizedText,
  serviceIds: Type.Array(Type.String(), { description: 'Services it serves, in order' }),
  isPriority: Type.Boolean({ description: '愛心櫃臺' }),
  languages: Type.Array(Language),
  status: CounterStatus,
  pauseReason: Nullable(Type.String()),
  staffId: Nullable(Type.String()),
  callsSincePriority: Count(),
  active: Type.Boolean(),
});
export type Counter = Static<typeof Counter>;

export const ROLES = ['clerk', 'supervisor', 'admin'] as const;
export const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
export type Role = Static<typeof Role>;

export const Staff = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  active: Type.Boolean(),
});
export type Staff = Static<typeof Staff>;

export const DEVICE_KINDS = ['kiosk', 'display'] as const;
export const DeviceKind = Type.Union(DEVICE_KINDS.map((k) => Type.Literal(k)));
export type DeviceKind = Static<typeof DeviceKind>;

export const DISPLAY_ORIENTATIONS = ['auto', 'landscape', 'portrait'] as const;
export const DisplayOrientation = Type.Union(DISPLAY_ORIENTATIONS.map((o) => Type.Literal(o)), {
  description: "auto: from the screen's shape; landscape, portrait: that layout whatever shape the screen reports (a screen mounted on its side)",
});
export type DisplayOrientation = Static<typeof DisplayOrientation>;

export const DISPLAY_VOICES = ['auto', 'clips'] as const;
export const DisplayVoice = Type.Union(DISPLAY_VOICES.map((v) => Type.Literal(v)), {
  description: "auto: the browser's speech synthesis where it has a voice for the language, else the shipped clips; clips: always the clips (an office's own recordings)",
});
export type DisplayVoice = Static<typeof DisplayVoice>;

/** How many lines and counters a display's settings may name. */
export const MAX_DISPLAY_SERVICES = 100;
export const MAX_DISPLAY_COUNTERS = 200;

/** What a wall display shows and how it speaks; set by an admin per display (one per zone in a big office). */
export const DisplaySettings = Type.Object(
  {
    serviceIds: Nullable(Type.Array(Type.String(), { maxItems: MAX_DISPLAY_SERVICES, uniqueItems: true }), {
      description: 'The lines it shows; null: every line',
    }),
    counterIds: Nullable(Type.Array(Type.String(), { maxItems: MAX_DISPLAY_COUNTERS, uniqueItems: true }), {
      description: 'The counters whose calls it shows; null: every counter',
    }),
    orientation: DisplayOrientation,
    volume: Int(0, 100, { description: 'Loudness of the chime and the spoken calls, in percent' }),
    repeat: Int(1, 3, { description: 'How many times each call is spoken' }),
    languages: Type.Array(Language, {
      maxItems: LANGUAGES.length,
      uniqueItems: true,
      description:
        "The residents' languages it also speaks a call in, after Mandarin (always spoken), when the ticket was issued in one of them; e.g. ['en']",
    }),
    voice: DisplayVoice,
  },
  { additionalProperties: false },
);
export type DisplaySettings = Static<typeof DisplaySettings>;

/** What a new display starts with, and what a display stored before it had settings reads as. */
export const DEFAULT_DISPLAY_SETTINGS: DisplaySettings = {
  serviceIds: null,
  counterIds: null,
  orientation: 'auto',
  volume: 80,
  repeat: 1,
  languages: ['en'],
  voice: 'auto',
};

export const Device = Type.Object({
  id: Type.String(),
  kind: DeviceKind,
  name: Type.String(),
  createdAt: IsoDateTime,
  revokedAt: Nullable(IsoDateTime),
  lastSeenAt: Nullable(IsoDateTime),
  display: Nullable(DisplaySettings, { description: 'The settings of a display; null for a kiosk' }),
});
export type Device = Static<typeof Device>;

export const ISSUING_MODES = ['schedule', 'open', 'closed'] as const;
export const IssuingMode = Type.Union(ISSUING_MODES.map((m) => Type.Literal(m)), {
  description: 'schedule: follow the opening sessions; open/closed: set by hand',
});
export type IssuingMode = Static<typeof IssuingMode>;

export const OpeningSession = Type.Object(
  {
    weekday: Int(0, 6, { description: '0 = Sunday' }),
    start: ClockTime,
    end: ClockTime,
    kind: Type.Union([Type.Literal('regular'), Type.Literal('noon'), Type.Literal('evening'), Type.Literal('weekend')]),
    serviceIds: Nullable(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type OpeningSession = Static<typeof OpeningSession>;

/** How many holidays and make-up days an office keeps: years of them (Taiwan closes about 15 days a year). */
export const MAX_SPECIAL_DAYS = 100;

export const SPECIAL_DAY_KINDS = ['closed', 'open'] as const;
export type SpecialDayKind = (typeof SPECIAL_DAY_KINDS)[number];

/** The weekdays whose sessions a make-up day can follow: Monday (1) to Friday (5). */
export const MakeUpWeekday = Int(1, 5, { description: 'The date runs the sessions of this weekday: 1 = Monday … 5 = Friday' });

/**
 * A date that does not follow the weekly sessions (the office's local date). `closed`: no session
 * runs, a national holiday (國定假日) or a day off the office announced. `open`: a make-up working
 * day (補班, often a Saturday), running the sessions the office has on weekday `sessionsOf`, so it
 * follows when those sessions change. Each date is in the list once, and the list is by date.
 */
export const SpecialDay = Type.Union(
  [
    Type.Object({ date: CalendarDate, kind: Type.Literal('closed'), name: LocalizedText }, { additionalProperties: false }),
    Type.Object({ date: CalendarDate, kind: Type.Literal('open'), name: LocalizedText, sessionsOf: MakeUpWeekday }, { additionalProperties: false }),
  ],
  { description: 'closed: no session that date; open: the sessions of weekday sessionsOf that date' },
);
export type SpecialDay = Static<typeof SpecialDay>;

/** The holidays and make-up days, by date, each date once. */
export const SpecialDays = Type.Array(SpecialDay, { maxItems: MAX_SPECIAL_DAYS, description: 'Holidays and make-up days, by date, each date once' });

export const Office = Type.Object({
  id: Type.String(),
  names: LocalizedText,
  address: Type.String(),
  tel: Type.String(),
  fax: Type.String(),
  timeZone: Type.String(),
  location: Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }) }),
  postalCode: Type.String(),
  locality: Type.String(),
  region: Type.String(),
  issuingMode: IssuingMode,
  sessions: Type.Array(OpeningSession),
  // Stored offices from before it existed have none (OfficeRepo, and the v1 → v2 event upgrade).
  specialDays: SpecialDays,
});
export type Office = Static<typeof Office>;

export const QueuePolicy = Type.Object(
  {
    priorityMaxWaitMinutes: Int(0, 600, { description: 'A priority ticket at an ordinary counter goes first once it has waited this long' }),
    priorityEveryNth: Int(0, 100, { description: 'An ordinary counter takes a waiting priority ticket every Nth call (0: never by count)' }),
    appointmentEarlyMinutes: Int(0, 120, { description: 'An appointment is due from this many minutes before its slot…' }),
    appointmentLateMinutes: Int(0, 120, { description: '…until this many minutes after it; later, it waits like a walk-in' }),
  },
  { additionalProperties: false },
);
export type QueuePolicy = Static<typeof QueuePolicy>;

/** A message to the wall displays, kiosks and the public page, shown until it ends or is withdrawn. */
export const Announcement = Type.Object({
  id: Type.String(),
  texts: LocalizedText,
  serviceIds: Nullable(Type.Array(Type.String()), { description: 'The lines it concerns; null: every line' }),
  postedAt: IsoDateTime,
  endsAt: IsoDateTime,
});
export type Announcement = Static<typeof Announcement>;

export const IssuingStopReason = Type.Union(REASONS.issuing_stop.map((r) => Type.Literal(r)), { description: 'A reason code (REASONS.issuing_stop)' });
export type IssuingStopReason = Static<typeof IssuingStopReason>;
export const ISSUING_UNTIL = ['session_end', 'resumed'] as const;
export const IssuingUntil = Type.Union(ISSUING_UNTIL.map((u) => Type.Literal(u)), {
  description: 'session_end: for the rest of the opening session running now (ends by itself); resumed: until a supervisor starts it again',
});
export type IssuingUntil = Static<typeof IssuingUntil>;

/** A supervisor stopped kiosks issuing tickets for one line or for the whole office (staff still can). */
export const IssuingStop = Type.Object({
  serviceId: Nullable(Type.String(), { description: 'The line stopped; null: the whole office' }),
  reason: IssuingStopReason,
  until: IssuingUntil,
  since: IsoDateTime,
  endsAt: Nullable(IsoDateTime, {
    description:
      'When a session_end stop ends by itself: the end of the session running when it was made (the end of the business day outside any session); null for a stop until resumed',
  }),
});
export type IssuingStop = Static<typeof IssuingStop>;

export const CLOSURE_WAITING = ['serve', 'close'] as const;
export const ClosureWaiting = Type.Union(CLOSURE_WAITING.map((w) => Type.Literal(w)), {
  description: 'serve: those already waiting are still served; close: every waiting ticket of today was cancelled (reason office_closed)',
});
export type ClosureWaiting = Static<typeof ClosureWaiting>;

/** The office closed in an emergency (a typhoon day, 停班停課): kiosks issue nothing until it ends. */
export const Closure = Type.Object({
  reason: LocalizedText,
  since: IsoDateTime,
  waiting: ClosureWaiting,
});
export type Closure = Static<typeof Closure>;
