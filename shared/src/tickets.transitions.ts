// The ticket lifecycle as one table: the server validates every command against it and the
// clients use it to enable buttons.
import type { TicketState } from './domain.schemas';

export const MOVES = [
  'call',
  'recall',
  'start',
  'finish',
  'no_show',
  'requeue',
  'transfer',
  'cancel',
  'expire',
  'return',
] as const;
export type Move = (typeof MOVES)[number];

export const REASONS = {
  /** Calling a particular ticket out of order. */
  call: ['resident_present', 'appointment', 'priority_need', 'supervisor_request', 'returning_resident', 'other'],
  no_show: ['not_present_after_recalls', 'left_office', 'other'],
  requeue: ['resident_returned', 'missing_documents', 'called_in_error', 'other'],
  transfer: ['other_service_needed', 'specialist_counter', 'language_support', 'other'],
  cancel: ['resident_request', 'duplicate_ticket', 'issued_in_error', 'other'],
  expire: ['day_closed'],
  /** Set by the server: the counter a ticket was sent to closed. */
  return: ['counter_closed'],
  pause: ['break', 'meal', 'meeting', 'system_issue', 'other'],
  /** A supervisor stopping the issuing of tickets, for one line or the whole office. */
  issuing_stop: ['capacity_reached', 'staff_shortage', 'system_issue', 'closing_early', 'other'],
} as const satisfies Record<string, readonly string[]>;
export type ReasonMove = keyof typeof REASONS;

/**
 * Reasons only the server records, for moves it makes itself on a supervisor's command; a person
 * cannot give them (checkReason refuses them unless `by` is 'system'). Kept apart from REASONS,
 * which are the choices a clerk is offered.
 */
export const SYSTEM_REASONS = {
  /** A supervisor released the counter the ticket was called to: it goes back to its place in line. */
  requeue: ['counter_released'],
  /** The office closed in an emergency and sent the waiting home. */
  cancel: ['office_closed'],
} as const satisfies Partial<Record<Move, readonly string[]>>;

interface MoveRule {
  readonly from: readonly TicketState[];
  readonly to: TicketState;
  /** The reason codes this move accepts, or null when it takes none. */
  readonly reasons: readonly string[] | null;
}

export const TRANSITIONS: Readonly<Record<Move, MoveRule>> = {
  // A call by pickNext needs no reason; calling a particular ticket does (checked by the command).
  call: { from: ['waiting'], to: 'called', reasons: null },
  recall: { from: ['called'], to: 'called', reasons: null },
  start: { from: ['called'], to: 'serving', reasons: null },
  finish: { from: ['serving'], to: 'done', reasons: null },
  no_show: { from: ['called'], to: 'no_show', reasons: REASONS.no_show },
  requeue: { from: ['called', 'no_show'], to: 'waiting', reasons: REASONS.requeue },
  // Transfer keeps the original issue time, so the resident keeps their place in the new line.
  transfer: { from: ['serving'], to: 'waiting', reasons: REASONS.transfer },
  cancel: { from: ['waiting'], to: 'cancelled', reasons: REASONS.cancel },
  // At the close of the day whatever is still open ends; nothing carries over to the next day.
  expire: { from: ['waiting', 'called', 'serving'], to: 'expired', reasons: REASONS.expire },
  // A ticket sent to a counter goes back into its line, at its place, when that counter closes.
  return: { from: ['waiting'], to: 'waiting', reasons: REASONS.return },
};

export const ACTIVE_STATES: readonly TicketState[] = ['waiting', 'called', 'serving'];
/** States in which a ticket occupies a counter. */
export const AT_COUNTER_STATES: readonly TicketState[] = ['called', 'serving'];
export const FINAL_STATES: readonly TicketState[] = ['done', 'cancelled', 'expired'];

export function canMove(state: TicketState, move: Move): boolean {
  return TRANSITIONS[move].from.includes(state);
}

/** The state a move leads to, or null when the move is not allowed from `state`. */
export function nextState(state: TicketState, move: Move): TicketState | null {
  return canMove(state, move) ? TRANSITIONS[move].to : null;
}

/** The moves allowed from a state, in table order (for enabling buttons). */
export function allowedMoves(state: TicketState): Move[] {
  return MOVES.filter((m) => canMove(state, m));
}

export type ReasonCheck = { ok: true } | { ok: false; code: 'reason_required' | 'invalid_reason' };

/**
 * Whether `reason` is acceptable for `move` (a move without a reason list accepts none). `by`
 * 'system' also accepts the SYSTEM_REASONS of the move: the server's own moves.
 */
export function checkReason(
  move: Move | 'pause' | 'issuing_stop',
  reason: string | null | undefined,
  required = true,
  by: 'person' | 'system' = 'person',
): ReasonCheck {
  const own: readonly string[] | null = move === 'pause' || move === 'issuing_stop' ? REASONS[move] : moveReasons(move);
  const system: readonly string[] = by === 'system' ? (SYSTEM_REASONS as Partial<Record<string, readonly string[]>>)[move] ?? [] : [];
  const list = own === null && system.length === 0 ? null : [...(own ?? []), ...system];
  if (list === null) return reason == null ? { ok: true } : { ok: false, code: 'invalid_reason' };
  if (reason == null || reason === '') return required ? { ok: false, code: 'reason_required' } : { ok: true };
  return list.includes(reason) ? { ok: true } : { ok: false, code: 'invalid_reason' };
}

function moveReasons(move: Move): readonly string[] | null {
  return move === 'call' ? REASONS.call : TRANSITIONS[move].reasons;
}

export function isActive(state: TicketState): boolean {
  return ACTIVE_STATES.includes(state);
}
