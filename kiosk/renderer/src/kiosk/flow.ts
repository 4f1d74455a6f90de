// The resident's way through the kiosk, as a pure reducer: start → confirm → ticket → start, or with
// a booking start → check-in → ticket → start. What they chose (and a booking code typed) is cleared
// on every return to the start, by hand or after a short idle time, so the next resident never sees
// it. One idempotency key per confirm screen: a double tap, or a retry after no answer, can only ever
// give the same one ticket.
import type { IssueTicketResult, Language } from '@jiaohao/shared/schemas';
import { deleteLast, typeCode, type BookingTicket, type Refusal } from './checkin';

/** How the resident takes the number. */
export type How = 'phone' | 'print' | 'both';

export type PrintState = 'none' | 'printing' | 'printed' | 'failed';

export type Screen =
  | { readonly kind: 'start' }
  | { readonly kind: 'confirm'; readonly serviceId: string; readonly key: string }
  /** The booking code as typed so far (no dash), and why the last try gave no ticket. */
  /** `key`: this visit's idempotency key, so a check-in sent again after a lost answer gives the same ticket. */
  | { readonly kind: 'checkin'; readonly code: string; readonly refusal: Refusal | null; readonly key: string }
  | {
      readonly kind: 'ticket';
      readonly issued: IssueTicketResult;
      readonly how: How;
      readonly print: PrintState;
      /** A booking checked in: its slot, and whether it came too late for it. */
      readonly booking?: BookingTicket;
    };

export interface Flow {
  readonly lang: Language;
  readonly priority: boolean;
  readonly screen: Screen;
}

export type FlowAction =
  | { readonly type: 'language'; readonly lang: Language }
  | { readonly type: 'priority'; readonly on: boolean }
  | { readonly type: 'line'; readonly serviceId: string; readonly key: string }
  | { readonly type: 'back' }
  | { readonly type: 'issued'; readonly issued: IssueTicketResult; readonly how: How }
  | { readonly type: 'booking'; readonly key: string }
  /** A key of the keypad, or what a keyboard or a barcode scanner typed. */
  | { readonly type: 'code-type'; readonly text: string }
  | { readonly type: 'code-delete' }
  | { readonly type: 'code-clear' }
  /** A whole code read by the camera (checkin.ts codeFromScan). */
  | { readonly type: 'code-scanned'; readonly code: string }
  | { readonly type: 'refused'; readonly refusal: Refusal }
  | { readonly type: 'checked-in'; readonly issued: IssueTicketResult; readonly how: How; readonly booking: BookingTicket }
  | { readonly type: 'printed'; readonly ok: boolean }
  | { readonly type: 'reset' };

export const START: Flow = { lang: 'zh-TW', priority: false, screen: { kind: 'start' } };

/** Back to the start after this long without a touch (the resident walked away). */
export const IDLE_MS = 45_000;
/** The number stays on screen this long after it is issued (time to scan the QR code). */
export const TICKET_MS = 30_000;

export function flow(state: Flow, action: FlowAction): Flow {
  switch (action.type) {
    case 'language':
      return { ...state, lang: action.lang };
    case 'priority':
      return state.screen.kind === 'start' ? { ...state, priority: action.on } : state;
    case 'line':
      return state.screen.kind === 'start' ? { ...state, screen: { kind: 'confirm', serviceId: action.serviceId, key: action.key } } : state;
    case 'back':
      return state.screen.kind === 'confirm' || state.screen.kind === 'checkin' ? { ...state, screen: { kind: 'start' } } : state;
    case 'issued': {
      // Only from the confirm screen: an answer arriving after the resident left is dropped.
      if (state.screen.kind !== 'confirm') return state;
      return { ...state, screen: { kind: 'ticket', issued: action.issued, how: action.how, print: printFor(action.how) } };
    }
    case 'booking':
      return state.screen.kind === 'start' ? { ...state, screen: { kind: 'checkin', code: '', refusal: null, key: action.key } } : state;
    case 'code-type':
    case 'code-delete':
    case 'code-clear':
    case 'code-scanned': {
      if (state.screen.kind !== 'checkin') return state;
      const { code } = state.screen;
      const next =
        action.type === 'code-type' ? typeCode(code, action.text) : action.type === 'code-delete' ? deleteLast(code) : action.type === 'code-clear' ? '' : action.code;
      // A refusal is about the code it was for: a changed code clears it.
      return next === code ? state : { ...state, screen: { ...state.screen, code: next, refusal: null } };
    }
    case 'refused':
      return state.screen.kind === 'checkin' ? { ...state, screen: { ...state.screen, refusal: action.refusal } } : state;
    case 'checked-in':
      // Only from the check-in screen, as for 'issued'.
      if (state.screen.kind !== 'checkin') return state;
      return { ...state, screen: { kind: 'ticket', issued: action.issued, how: action.how, print: printFor(action.how), booking: action.booking } };
    case 'printed':
      return state.screen.kind === 'ticket' && state.screen.print === 'printing'
        ? { ...state, screen: { ...state.screen, print: action.ok ? 'printed' : 'failed' } }
        : state;
    case 'reset':
      return START;
  }
}

const printFor = (how: How): PrintState => (how === 'phone' ? 'none' : 'printing');

/** How long the current screen waits before going back to the start by itself; null: it stays. */
export function idleTimeout(state: Flow): number | null {
  if (state.screen.kind === 'ticket') return state.screen.print === 'printing' ? null : TICKET_MS;
  // The start screen, untouched, is where the kiosk rests; chosen anything, it is cleared too.
  if (state.screen.kind === 'start' && state.lang === START.lang && !state.priority) return null;
  return IDLE_MS;
}
