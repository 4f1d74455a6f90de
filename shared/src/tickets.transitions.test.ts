import { describe, expect, it } from 'vitest';
import { TICKET_STATES, type TicketState } from './domain.schemas';
import {
  ACTIVE_STATES,
  AT_COUNTER_STATES,
  FINAL_STATES,
  MOVES,
  REASONS,
  SYSTEM_REASONS,
  TRANSITIONS,
  allowedMoves,
  canMove,
  checkReason,
  isActive,
  nextState,
  type Move,
} from './tickets.transitions';

// The lifecycle written out independently of TRANSITIONS, from DESIGN §3:
//   waiting → called → serving → done; called → no_show; called|no_show → waiting (requeue);
//   serving → waiting (transfer); waiting → cancelled; waiting → expired (day closed).
// recall keeps a called ticket called. The table also expires tickets left called or serving at the
// close of the day (nothing carries over to the next day), which is written down here too, and sends
// a ticket waiting for a counter that closes back into its line (return).
const LIFECYCLE: Record<TicketState, Partial<Record<Move, TicketState>>> = {
  waiting: { call: 'called', cancel: 'cancelled', expire: 'expired', return: 'waiting' },
  called: { recall: 'called', start: 'serving', no_show: 'no_show', requeue: 'waiting', expire: 'expired' },
  serving: { finish: 'done', transfer: 'waiting', expire: 'expired' },
  no_show: { requeue: 'waiting' },
  done: {},
  cancelled: {},
  expired: {},
};

const pairs = TICKET_STATES.flatMap((state) => MOVES.map((move) => [state, move] as const));

describe('TRANSITIONS table', () => {
  it.each(pairs)('%s + %s matches the lifecycle', (state, move) => {
    const expected = LIFECYCLE[state][move] ?? null;
    expect(canMove(state, move)).toBe(expected !== null);
    expect(nextState(state, move)).toBe(expected);
  });

  it('allows exactly the moves of the lifecycle from every state, and refuses the rest', () => {
    let allowed = 0;
    let refused = 0;
    for (const [state, move] of pairs) {
      if (canMove(state, move)) allowed++;
      else refused++;
    }
    const lifecycleMoves = Object.values(LIFECYCLE).reduce((n, m) => n + Object.keys(m).length, 0);
    expect(allowed).toBe(lifecycleMoves);
    expect(refused).toBe(TICKET_STATES.length * MOVES.length - lifecycleMoves);
  });
});

describe('canMove / nextState on the main paths', () => {
  it('walks the happy path waiting → called → serving → done', () => {
    let state: TicketState = 'waiting';
    for (const move of ['call', 'recall', 'start', 'finish'] as const) {
      const next = nextState(state, move);
      expect(next).not.toBeNull();
      state = next!;
    }
    expect(state).toBe('done');
  });

  it('a no-show can be requeued and called again', () => {
    expect(nextState('called', 'no_show')).toBe('no_show');
    expect(nextState('no_show', 'requeue')).toBe('waiting');
    expect(nextState('waiting', 'call')).toBe('called');
  });

  it('a transfer puts a ticket being served back in a line', () => {
    expect(nextState('serving', 'transfer')).toBe('waiting');
    expect(canMove('called', 'transfer')).toBe(false);
    expect(canMove('waiting', 'transfer')).toBe(false);
  });

  it('a resident can only cancel while waiting', () => {
    expect(canMove('waiting', 'cancel')).toBe(true);
    for (const s of ['called', 'serving', 'no_show', 'done', 'cancelled', 'expired'] as const) {
      expect(canMove(s, 'cancel')).toBe(false);
    }
  });

  it('cannot start or finish a ticket that was never called', () => {
    expect(canMove('waiting', 'start')).toBe(false);
    expect(canMove('waiting', 'finish')).toBe(false);
    expect(canMove('called', 'finish')).toBe(false);
  });

  it('a no-show cannot be started, finished or called directly', () => {
    expect(canMove('no_show', 'start')).toBe(false);
    expect(canMove('no_show', 'finish')).toBe(false);
    expect(canMove('no_show', 'call')).toBe(false);
  });

  it.each(['done', 'cancelled', 'expired'] as const)('nothing leaves the final state %s', (state) => {
    for (const move of MOVES) {
      expect(canMove(state, move)).toBe(false);
      expect(nextState(state, move)).toBeNull();
    }
  });
});

describe('allowedMoves', () => {
  it.each(TICKET_STATES.map((s) => [s] as const))('lists the moves from %s in table order', (state) => {
    const expected = MOVES.filter((m) => LIFECYCLE[state][m] !== undefined);
    expect(allowedMoves(state)).toEqual(expected);
  });

  it('gives the buttons a clerk sees for a called ticket', () => {
    expect(allowedMoves('called')).toEqual(['recall', 'start', 'no_show', 'requeue', 'expire']);
  });

  it('gives nothing for final states', () => {
    for (const s of FINAL_STATES) expect(allowedMoves(s)).toEqual([]);
  });
});

describe('checkReason', () => {
  const withReasons = ['no_show', 'requeue', 'transfer', 'cancel', 'expire', 'return'] as const;
  const withoutReasons = ['recall', 'start', 'finish'] as const;

  it.each(withReasons.map((m) => [m] as const))('%s accepts each of its own reason codes', (move) => {
    for (const reason of REASONS[move]) expect(checkReason(move, reason)).toEqual({ ok: true });
  });

  it.each(withReasons.map((m) => [m] as const))('%s requires a reason by default', (move) => {
    expect(checkReason(move, null)).toEqual({ ok: false, code: 'reason_required' });
    expect(checkReason(move, undefined)).toEqual({ ok: false, code: 'reason_required' });
    expect(checkReason(move, '')).toEqual({ ok: false, code: 'reason_required' });
  });

  it.each(withReasons.map((m) => [m] as const))('%s accepts no reason when not required', (move) => {
    expect(checkReason(move, null, false)).toEqual({ ok: true });
    expect(checkReason(move, undefined, false)).toEqual({ ok: true });
    expect(checkReason(move, '', false)).toEqual({ ok: true });
  });

  it.each(withReasons.map((m) => [m] as const))('%s refuses an unknown code even when not required', (move) => {
    expect(checkReason(move, 'because', true)).toEqual({ ok: false, code: 'invalid_reason' });
    expect(checkReason(move, 'because', false)).toEqual({ ok: false, code: 'invalid_reason' });
  });

  it("refuses another move's reason code", () => {
    expect(checkReason('cancel', 'missing_documents')).toEqual({ ok: false, code: 'invalid_reason' });
    expect(checkReason('requeue', 'resident_request')).toEqual({ ok: false, code: 'invalid_reason' });
    expect(checkReason('no_show', 'day_closed')).toEqual({ ok: false, code: 'invalid_reason' });
    expect(checkReason('expire', 'other')).toEqual({ ok: false, code: 'invalid_reason' });
  });

  it('is case-sensitive', () => {
    expect(checkReason('cancel', 'Resident_Request')).toEqual({ ok: false, code: 'invalid_reason' });
  });

  it.each(withoutReasons.map((m) => [m] as const))('%s takes no reason and refuses one', (move) => {
    expect(checkReason(move, null)).toEqual({ ok: true });
    expect(checkReason(move, undefined)).toEqual({ ok: true });
    expect(checkReason(move, 'other')).toEqual({ ok: false, code: 'invalid_reason' });
  });

  it('a call out of order uses the call reasons, though the call rule itself lists none', () => {
    expect(TRANSITIONS.call.reasons).toBeNull();
    for (const reason of REASONS.call) expect(checkReason('call', reason)).toEqual({ ok: true });
    expect(checkReason('call', null)).toEqual({ ok: false, code: 'reason_required' });
    expect(checkReason('call', null, false)).toEqual({ ok: true });
    expect(checkReason('call', 'left_office')).toEqual({ ok: false, code: 'invalid_reason' });
  });

  it('a pause uses the pause reasons', () => {
    for (const reason of REASONS.pause) expect(checkReason('pause', reason)).toEqual({ ok: true });
    expect(checkReason('pause', null)).toEqual({ ok: false, code: 'reason_required' });
    expect(checkReason('pause', 'left_office')).toEqual({ ok: false, code: 'invalid_reason' });
  });

  it('an issuing stop uses its own reasons', () => {
    for (const reason of REASONS.issuing_stop) expect(checkReason('issuing_stop', reason)).toEqual({ ok: true });
    expect(checkReason('issuing_stop', undefined)).toEqual({ ok: false, code: 'reason_required' });
    expect(checkReason('issuing_stop', 'meal')).toEqual({ ok: false, code: 'invalid_reason' });
  });

  it("the server's own reasons are refused from a person and accepted from the system, with the person's too", () => {
    for (const [move, reasons] of Object.entries(SYSTEM_REASONS) as [keyof typeof SYSTEM_REASONS, readonly string[]][]) {
      for (const reason of reasons) {
        expect(checkReason(move, reason), `${move} ${reason}`).toEqual({ ok: false, code: 'invalid_reason' });
        expect(checkReason(move, reason, true, 'system'), `${move} ${reason}`).toEqual({ ok: true });
        // Not a choice a clerk is offered.
        expect(REASONS[move] as readonly string[]).not.toContain(reason);
      }
      expect(checkReason(move, REASONS[move][0], true, 'system')).toEqual({ ok: true });
      expect(checkReason(move, 'because', true, 'system')).toEqual({ ok: false, code: 'invalid_reason' });
    }
    // A move with no reason list takes none, from the system either.
    expect(checkReason('start', 'office_closed', true, 'system')).toEqual({ ok: false, code: 'invalid_reason' });
    expect(checkReason('requeue', 'office_closed', true, 'system')).toEqual({ ok: false, code: 'invalid_reason' });
  });

  it('every move that records a reason uses the list from REASONS', () => {
    for (const move of withReasons) expect(TRANSITIONS[move].reasons).toBe(REASONS[move]);
    for (const move of withoutReasons) expect(TRANSITIONS[move].reasons).toBeNull();
  });
});

describe('isActive and the state groups', () => {
  it.each([
    ['waiting', true],
    ['called', true],
    ['serving', true],
    ['no_show', false],
    ['done', false],
    ['cancelled', false],
    ['expired', false],
  ] as const)('%s → %s', (state, active) => {
    expect(isActive(state)).toBe(active);
  });

  it('active and final states do not overlap', () => {
    for (const s of ACTIVE_STATES) expect(FINAL_STATES).not.toContain(s);
  });

  it('a ticket at a counter is active', () => {
    expect(AT_COUNTER_STATES).toEqual(['called', 'serving']);
    for (const s of AT_COUNTER_STATES) expect(isActive(s)).toBe(true);
  });

  it('every active state can be expired at the close of the day', () => {
    for (const s of ACTIVE_STATES) expect(nextState(s, 'expire')).toBe('expired');
  });
});
