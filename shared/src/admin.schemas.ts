// Admin and account bodies: services, counters, the office, staff, devices, login; health and audit answers.
import { Type, type Static } from '@sinclair/typebox';
import { Count } from './formats';
import { MAX_FIGURE_MINUTES } from './figures';
import {
  CounterNumber,
  DailyCap,
  DeviceKind,
  Device,
  DisplaySettings,
  BusinessDate,
  Id,
  IsoDateTime,
  IssuingMode,
  Language,
  LocalizedList,
  LocalizedText,
  NumberRange,
  OpeningSession,
  QueuePolicy,
  Role,
  ServiceIcon,
  SortOrder,
  SpecialDays,
  Staff,
  TargetMinutes,
} from './domain.schemas';

const serviceFields = {
  code: Type.String({ minLength: 1, maxLength: 8 }),
  names: LocalizedText,
  summary: LocalizedText,
  icon: ServiceIcon,
  numbering: NumberRange,
  priorityNumbering: Type.Union([NumberRange, Type.Null()]),
  appointmentNumbering: Type.Union([NumberRange, Type.Null()]),
  targetWaitMinutes: TargetMinutes,
  targetHandlingMinutes: TargetMinutes,
  documents: LocalizedList,
  dailyCap: Type.Union([DailyCap, Type.Null()]),
  allowPriority: Type.Boolean(),
  allowAppointment: Type.Boolean(),
  active: Type.Boolean(),
  sortOrder: SortOrder,
};

export const ServiceCreate = Type.Object(
  {
    id: Id,
    code: serviceFields.code,
    names: serviceFields.names,
    summary: Type.Optional(serviceFields.summary),
    icon: Type.Optional(serviceFields.icon),
    numbering: serviceFields.numbering,
    priorityNumbering: Type.Optional(serviceFields.priorityNumbering),
    appointmentNumbering: Type.Optional(serviceFields.appointmentNumbering),
    targetWaitMinutes: Type.Optional(serviceFields.targetWaitMinutes),
    targetHandlingMinutes: Type.Optional(serviceFields.targetHandlingMinutes),
    documents: Type.Optional(serviceFields.documents),
    dailyCap: Type.Optional(serviceFields.dailyCap),
    allowPriority: Type.Optional(serviceFields.allowPriority),
    allowAppointment: Type.Optional(serviceFields.allowAppointment),
    active: Type.Optional(serviceFields.active),
    sortOrder: Type.Optional(serviceFields.sortOrder),
  },
  { additionalProperties: false },
);
export type ServiceCreate = Static<typeof ServiceCreate>;

export const ServicePatch = Type.Partial(Type.Object(serviceFields, { additionalProperties: false }), {
  additionalProperties: false,
  minProperties: 1,
});
export type ServicePatch = Static<typeof ServicePatch>;

export const CounterCreate = Type.Object(
  {
    id: Type.Optional(Id),
    number: CounterNumber,
    names: LocalizedText,
    serviceIds: Type.Array(Id, { minItems: 1, maxItems: 50 }),
    isPriority: Type.Optional(Type.Boolean()),
    languages: Type.Optional(Type.Array(Language, { minItems: 1, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CounterCreate = Static<typeof CounterCreate>;

export const CounterPatch = Type.Partial(
  Type.Object(
    {
      number: CounterNumber,
      names: LocalizedText,
      serviceIds: Type.Array(Id, { minItems: 1, maxItems: 50 }),
      isPriority: Type.Boolean(),
      languages: Type.Array(Language, { minItems: 1, uniqueItems: true }),
      active: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
  { additionalProperties: false, minProperties: 1 },
);
export type CounterPatch = Static<typeof CounterPatch>;

export const OfficePatch = Type.Partial(
  Type.Object(
    {
      names: LocalizedText,
      address: Type.String({ maxLength: 200 }),
      tel: Type.String({ maxLength: 40 }),
      fax: Type.String({ maxLength: 40 }),
      issuingMode: IssuingMode,
      sessions: Type.Array(OpeningSession, { maxItems: 100 }),
      specialDays: SpecialDays,
    },
    { additionalProperties: false },
  ),
  { additionalProperties: false, minProperties: 1 },
);
export type OfficePatch = Static<typeof OfficePatch>;

const Username = Type.String({ minLength: 2, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$' });
const Password = Type.String({ minLength: 12, maxLength: 200 });
export const LoginBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 40 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const LoginResult = Type.Object({ token: Type.String({ description: 'Bearer token for sockets and API clients' }), staff: Staff, expiresAt: IsoDateTime });
export const StaffCreate = Type.Object({ username: Username, displayName: Type.String({ minLength: 1, maxLength: 80 }), role: Role, password: Password }, { additionalProperties: false });
export const StaffPatch = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    role: Type.Optional(Role),
    password: Type.Optional(Password),
    active: Type.Optional(Type.Boolean()),
    unlock: Type.Optional(Type.Boolean({ description: 'Clear a lockout after failed logins' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type LoginBody = Static<typeof LoginBody>;
export type LoginResult = Static<typeof LoginResult>;
export type StaffCreate = Static<typeof StaffCreate>;
export type StaffPatch = Static<typeof StaffPatch>;

const DeviceName = Type.String({ minLength: 1, maxLength: 80 });
export const DeviceCreate = Type.Object({ kind: DeviceKind, name: DeviceName }, { additionalProperties: false });
export type DeviceCreate = Static<typeof DeviceCreate>;
export const DeviceCreated = Type.Object({ device: Device, token: Type.String({ description: 'Shown this once' }) });
export type DeviceCreated = Static<typeof DeviceCreated>;
export const DevicePatch = Type.Object(
  {
    name: Type.Optional(DeviceName),
    revoked: Type.Optional(Type.Boolean()),
    // A display's whole settings, replacing those it had; refused for a kiosk.
    display: Type.Optional(DisplaySettings),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type DevicePatch = Static<typeof DevicePatch>;

// Admin command payloads: the id of what changes, then the patch (REST has the id in the path).
const withId = { additionalProperties: false, minProperties: 2 } as const;
export const ServiceUpdatePayload = Type.Composite([Type.Object({ serviceId: Id }), ServicePatch], withId);
export type ServiceUpdatePayload = Static<typeof ServiceUpdatePayload>;
export const CounterUpdatePayload = Type.Composite([Type.Object({ counterId: Id }), CounterPatch], withId);
export type CounterUpdatePayload = Static<typeof CounterUpdatePayload>;
export const StaffUpdatePayload = Type.Composite([Type.Object({ staffId: Id }), StaffPatch], withId);
export type StaffUpdatePayload = Static<typeof StaffUpdatePayload>;
export const DeviceUpdatePayload = Type.Composite([Type.Object({ deviceId: Id }), DevicePatch], withId);
export type DeviceUpdatePayload = Static<typeof DeviceUpdatePayload>;

export const SetIssuingPayload = Type.Object({ mode: IssuingMode }, { additionalProperties: false });
export type SetIssuingPayload = Static<typeof SetIssuingPayload>;

export const PolicyPatch = Type.Partial(QueuePolicy, { additionalProperties: false, minProperties: 1 });
export type PolicyPatch = Static<typeof PolicyPatch>;

export const HealthResult = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  seq: Count(),
  businessDate: BusinessDate,
});
export type HealthResult = Static<typeof HealthResult>;

export const ChainCheck = Type.Object({
  ok: Type.Boolean(),
  checked: Count(),
  brokenAt: Type.Union([Count(), Type.Null()], { description: 'The first event whose row does not match its hash' }),
  // ok is false whenever problems is not empty; brokenAt also covers events missing or not as anchored.
  anchoredSeq: Type.Union([Count(), Type.Null()], { description: 'The newest anchored event, below brokenAt, that the log still matches: sealed and intact up to here' }),
  anchoredAt: Type.Union([IsoDateTime, Type.Null()]),
  problems: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('chain'), Type.Literal('anchor'), Type.Literal('read_model')]),
      seq: Type.Union([Count(), Type.Null()], { description: 'The event concerned, when there is one' }),
      message: Type.String(),
    }),
  ),
});
export type ChainCheck = Static<typeof ChainCheck>;

/** Staff as colleagues see them: who holds a counter, by name (active accounts only). */
export const StaffName = Type.Object({ id: Type.String(), displayName: Type.String() });
export type StaffName = Static<typeof StaffName>;

const Minutes = (description: string) => Type.Union([Type.Number({ minimum: 0, maximum: MAX_FIGURE_MINUTES }), Type.Null()], { description });

const lineFigures = {
  issued: Count({ description: 'Numbers this line gave today (a ticket transferred away still counts here)' }),
  served: Count({ description: 'Finished (done) in this line' }),
  noShows: Count({ description: 'Called and did not come (and not put back in line)' }),
  cancelled: Count(),
  waiting: Count({ description: 'Waiting now' }),
  waitMinutes: Type.Object({
    mean: Minutes('Mean minutes from issue to call, over the tickets called today (their last call); null when none was'),
    p90: Minutes('90th percentile (nearest rank) of the same'),
  }),
  handlingMinutes: Type.Object({ mean: Minutes('Mean minutes from start to finish of the tickets done today; null when none') }),
  ratings: Type.Object(
    {
      count: Count({ description: "Today's finished tickets their residents rated on the e-ticket page" }),
      mean: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], { description: 'Their mean score (1–5) to a tenth; null when none was rated' }),
    },
    { description: 'Satisfaction ratings (滿意度), counted in the line that finished the ticket' },
  ),
};
export const LineFigures = Type.Object(lineFigures);
export type LineFigures = Static<typeof LineFigures>;
export const ServiceFigures = Type.Object({ serviceId: Type.String(), ...lineFigures });
export type ServiceFigures = Static<typeof ServiceFigures>;

/** Today's figures (supervisor): per line, in the lines' order, and for the whole office. */
export const TodayStats = Type.Object({
  businessDate: BusinessDate,
  at: IsoDateTime,
  services: Type.Array(ServiceFigures),
  totals: LineFigures,
});
export type TodayStats = Static<typeof TodayStats>;
