// The supervisor's audit trail of a business date: every move that took a ticket out of the fair
// order of the line (a call out of turn, a no-show, a requeue, a transfer, a cancel, a recall with
// a reason), with who made it and why. GET /api/v1/audit/trail; the counter client's 'audit' view.
import { Type, type Static } from '@sinclair/typebox';
import { BusinessDate, CalendarDate, IsoDateTime } from './domain.schemas';
import { PickReasonSchema } from './commands.schemas';
import { ACTOR_KINDS } from './events.schemas';
import { Count } from './formats';

/** What happened, one word per kind of move (named after the move, not the event). */
export const AUDIT_ENTRY_KINDS = ['call', 'recall', 'no_show', 'requeue', 'transfer', 'cancel'] as const;
export type AuditEntryKind = (typeof AUDIT_ENTRY_KINDS)[number];

export const AuditEntry = Type.Object({
  seq: Count({ description: 'The event in the log (GET /events?after=seq-1 shows it whole)' }),
  at: IsoDateTime,
  kind: Type.Union(AUDIT_ENTRY_KINDS.map((k) => Type.Literal(k))),
  ticket: Type.Object({
    id: Type.String(),
    number: Type.String({ description: 'As shown to residents, e.g. "1023"' }),
    serviceId: Type.String({ description: 'The line it was in when this happened (a transfer: the line it left)' }),
  }),
  counterId: Type.Union([Type.String(), Type.Null()], { description: 'The counter it happened at; null for a ticket not at a counter (a cancel)' }),
  actor: Type.Object({
    kind: Type.Union(ACTOR_KINDS.map((k) => Type.Literal(k))),
    id: Type.Union([Type.String(), Type.Null()]),
    name: Type.Union([Type.String(), Type.Null()], { description: "The staff member's display name or the device's name; null for a resident or the server" }),
  }),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'The reason code given (REASONS in tickets.transitions, or a server reason such as counter_released)' }),
  note: Type.Union([Type.String(), Type.Null()], { description: 'The free text given with the reason, if any' }),
  pickReason: Type.Union([PickReasonSchema, Type.Null()], {
    description: 'A call by "call next" that was not the longest wait: the rule that chose it; null for a call of a named ticket and every other kind',
  }),
  transferTo: Type.Union([Type.Object({ serviceId: Type.String(), counterId: Type.Union([Type.String(), Type.Null()]) }), Type.Null()], {
    description: 'Where a transfer sent the ticket; null for other kinds',
  }),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditTrailQuery = Type.Object(
  // A real date (no Feb 30): anything else is 400 validation_failed. Default: today's business date.
  { date: Type.Optional(CalendarDate) },
  { additionalProperties: false },
);
export type AuditTrailQuery = Static<typeof AuditTrailQuery>;

export const AuditTrailDay = Type.Object({
  businessDate: BusinessDate,
  entries: Type.Array(AuditEntry, { description: 'Oldest first' }),
});
export type AuditTrailDay = Static<typeof AuditTrailDay>;
