// Command payloads and results, shared by REST bodies and socket messages.
import { Type, type Static } from '@sinclair/typebox';
import {
  Closure,
  ClosureWaiting,
  Counter,
  Id,
  IsoDateTime,
  IssuingStop,
  IssuingUntil,
  Language,
  LocalizedText,
  Ticket,
  TicketClass,
  WaitEstimate,
} from './domain.schemas';
import { Count } from './formats';
import { PICK_REASONS } from './pick-next';

// Optional in every schema: a move that needs one answers reason_required (a code clients can act on).
const Reason = Type.Optional(Type.String({ maxLength: 40, description: 'A reason code from the transition table (REASONS)' }));
const Note = Type.Optional(Type.String({ maxLength: 500 }));
const strict = { additionalProperties: false } as const;

/**
 * Chosen by the client, new for each resident (a UUID): the same request sent again with the same
 * key, after a lost answer, gets the first answer back instead of a second ticket.
 */
export const IdempotencyKey = () =>
  Type.String({
    minLength: 8,
    maxLength: 64,
    pattern: '^[A-Za-z0-9_.:-]+$',
    description:
      'Chosen by the client, new for each resident (a UUID): the same request sent again with the same key, ' +
      'after a lost answer, returns the first ticket instead of issuing a second. Also accepted as the Idempotency-Key header.',
  });

export const IssueTicketBody = Type.Object(
  {
    serviceId: Id,
    class: Type.Optional(TicketClass),
    language: Type.Optional(Language),
    appointmentAt: Type.Optional(IsoDateTime),
    idempotencyKey: Type.Optional(IdempotencyKey()),
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

/**
 * Per active line, the range a resident taking a number now would be given, per class: the issue
 * answer's estimate before the ticket exists (the kiosk's confirm screen, the supervisor's floor).
 */
export const LineEstimates = Type.Record(Type.String(), Type.Object({ normal: WaitEstimate, priority: WaitEstimate }, strict));
export type LineEstimates = Static<typeof LineEstimates>;

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

/** Why a kiosk could not print a ticket (its Electron shell's PrintResult reasons). */
export const PRINT_FAILURES = ['no_printer', 'printer_error', 'download_failed', 'timeout'] as const;
export const PrintFailure = Type.Union(PRINT_FAILURES.map((r) => Type.Literal(r)), {
  description: 'no_printer: none set or it does not exist; printer_error: the spooler or printer failed (out of paper, paused); download_failed: the PDF did not arrive; timeout: the job did not finish and was cancelled',
});
export type PrintFailure = Static<typeof PrintFailure>;

export const PrintFailedPayload = Type.Object({ ticketId: Id, reason: PrintFailure }, { ...strict, description: 'The kiosk that issued the ticket could not print it' });
export type PrintFailedPayload = Static<typeof PrintFailedPayload>;
export const PrintFailedResult = Type.Object({ ticketId: Type.String() });
export type PrintFailedResult = Static<typeof PrintFailedResult>;
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

// The supervisor's switches: announcements to the displays, stops of the issuing, emergency closure.

/** The most announcements shown at once; one more must wait until one ends or is withdrawn. */
export const MAX_ANNOUNCEMENTS = 20;
/** How far ahead an announcement may end. */
export const MAX_ANNOUNCEMENT_DAYS = 7;

export const PostAnnouncementPayload = Type.Object(
  {
    texts: LocalizedText,
    serviceIds: Type.Optional(
      Type.Union([Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }), Type.Null()], {
        description: 'The lines it concerns (a display may show it beside them); null or left out: every line',
      }),
    ),
    endsAt: Type.String({ format: 'date-time', description: `When it stops being shown: in the future, at most ${MAX_ANNOUNCEMENT_DAYS} days ahead` }),
  },
  strict,
);
export type PostAnnouncementPayload = Static<typeof PostAnnouncementPayload>;
export const AnnouncementRef = Type.Object({ announcementId: Id }, strict);
export type AnnouncementRef = Static<typeof AnnouncementRef>;

export const StopIssuingPayload = Type.Object(
  {
    serviceId: Type.Union([Id, Type.Null()], { description: 'The line to stop; null: the whole office' }),
    reason: Type.Optional(Type.String({ maxLength: 40, description: 'A reason code (REASONS.issuing_stop); required' })),
    until: IssuingUntil,
    note: Note,
  },
  { ...strict, description: 'Kiosks stop issuing for the line (staff still can); a second stop of the same line replaces the first' },
);
export type StopIssuingPayload = Static<typeof StopIssuingPayload>;
export const ResumeIssuingPayload = Type.Object(
  { serviceId: Type.Union([Id, Type.Null()], { description: 'The line to start again; null: the whole office (stops of single lines stay)' }) },
  strict,
);
export type ResumeIssuingPayload = Static<typeof ResumeIssuingPayload>;
export const IssuingStopsResult = Type.Object({ stops: Type.Array(IssuingStop, { description: 'The stops in force after the command' }) });
export type IssuingStopsResult = Static<typeof IssuingStopsResult>;

export const EmergencyClosePayload = Type.Object(
  { reason: LocalizedText, waiting: ClosureWaiting },
  { ...strict, description: 'Closing again while closed changes the reason (and, with waiting close, sends the waiting home); since stays' },
);
export type EmergencyClosePayload = Static<typeof EmergencyClosePayload>;
export const EmergencyCloseResult = Type.Object({
  closure: Closure,
  cancelled: Count({ description: 'Waiting tickets of today this command cancelled' }),
});
export type EmergencyCloseResult = Static<typeof EmergencyCloseResult>;
export const EmergencyEndResult = Type.Object({
  ended: Type.Union([Closure, Type.Null()], { description: 'The closure that ended; null when the office was not closed' }),
});
export type EmergencyEndResult = Static<typeof EmergencyEndResult>;
