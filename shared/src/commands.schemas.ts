// Command payloads and results, shared by REST bodies and socket messages.
import { Type, type Static } from '@sinclair/typebox';
import { Counter, Id, IsoDateTime, Language, Ticket, TicketClass, WaitEstimate } from './domain.schemas';
import { Count } from './formats';
import { PICK_REASONS } from './pick-next';

// Optional in every schema: a move that needs one answers reason_required (a code clients can act on).
const Reason = Type.Optional(Type.String({ maxLength: 40, description: 'A reason code from the transition table (REASONS)' }));
const Note = Type.Optional(Type.String({ maxLength: 500 }));
const strict = { additionalProperties: false } as const;

export const IssueTicketBody = Type.Object(
  {
    serviceId: Id,
    class: Type.Optional(TicketClass),
    language: Type.Optional(Language),
    appointmentAt: Type.Optional(IsoDateTime),
    idempotencyKey: Type.Optional(
      Type.String({
        minLength: 8,
        maxLength: 64,
        pattern: '^[A-Za-z0-9_.:-]+$',
        description:
          'Chosen by the client, new for each resident (a UUID): the same request sent again with the same key, ' +
          'after a lost answer, returns the first ticket instead of issuing a second. Also accepted as the Idempotency-Key header.',
      }),
    ),
  },
  strict,
);
export type IssueTicketBody = Static<typeof IssueTicketBody>;

export const IssueTicketResult = Type.Object({
  ticket: Ticket,
  ahead: Count({ description: 'People waiting in the same line before this ticket' }),
  estimate: WaitEstimate,
});
export type IssueTicketResult = Static<typeof IssueTicketResult>;

export const PickReasonSchema = Type.Union(PICK_REASONS.map((r) => Type.Literal(r)));

export const CallNextResult = Type.Object({
  ticket: Type.Union([Ticket, Type.Null()]),
  reason: Type.Union([PickReasonSchema, Type.Null()]),
});
export type CallNextResult = Static<typeof CallNextResult>;

export const TicketResult = Type.Object({ ticket: Ticket });
export type TicketResult = Static<typeof TicketResult>;
export const CounterResult = Type.Object({ counter: Counter });
export type CounterResult = Static<typeof CounterResult>;

export const EmptyPayload = Type.Object({}, strict);
export type EmptyPayload = Static<typeof EmptyPayload>;

// Command payloads: the socket message as it is; REST takes the ids from the path and the rest as
// the body (see commands.registry.ts).
export const CounterRef = Type.Object({ counterId: Id }, strict);
export type CounterRef = Static<typeof CounterRef>;
export const TicketRef = Type.Object({ ticketId: Id }, strict);
export type TicketRef = Static<typeof TicketRef>;
export const TicketReasonPayload = Type.Object({ ticketId: Id, reason: Reason, note: Note }, strict);
export type TicketReasonPayload = Static<typeof TicketReasonPayload>;
export const CallTicketPayload = Type.Object({ ticketId: Id, counterId: Id, reason: Reason, note: Note }, strict);
export type CallTicketPayload = Static<typeof CallTicketPayload>;
export const TransferPayload = Type.Object(
  { ticketId: Id, reason: Reason, serviceId: Type.Optional(Id), counterId: Type.Optional(Id), note: Note },
  { ...strict, description: 'To another service, another counter, or both (at least one)' },
);
export type TransferPayload = Static<typeof TransferPayload>;
export const CancelPayload = Type.Object(
  {
    ticketId: Id,
    reason: Reason,
    trackingToken: Type.Optional(Type.String({ minLength: 16, maxLength: 64, description: 'A resident cancels with the token from their ticket' })),
    note: Note,
  },
  strict,
);
export type CancelPayload = Static<typeof CancelPayload>;
export const PausePayload = Type.Object({ counterId: Id, reason: Reason, note: Note }, strict);
export type PausePayload = Static<typeof PausePayload>;

export const CloseDayResult = Type.Object({ businessDate: Type.String(), expired: Count() });
export type CloseDayResult = Static<typeof CloseDayResult>;
