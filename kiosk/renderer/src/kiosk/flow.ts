// The resident's way through the kiosk, as a pure reducer: start → confirm → ticket → start. What
// they chose is cleared on every return to the start, by hand or after a short idle time, so the
// next resident never sees it. One idempotency key per confirm screen: a double tap, or a retry
// after no answer, can only ever give the same one ticket.
import type { IssueTicketResult, Language } from '@jiaohao/shared/schemas';

/** How the resident takes the number. */
export type How = 'phone' | 'print' | 'both';

export type PrintState = 'none' | 'printing' | 'printed' | 'failed';

export type Screen =
  | { readonly kind: 'start' }
  | { readonly kind: 'confirm'; readonly serviceId: string; readonly key: string }
  | { readonly kind: 'ticket'; readonly issued: IssueTicketResult; readonly how: How; readonly print: PrintState };

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
      return state.screen.kind === 'confirm' ? { ...state, screen: { kind: 'start' } } : state;
    case 'issued': {
      // Only from the confirm screen: an answer arriving after the resident left is dropped.
      if (state.screen.kind !== 'confirm') return state;
      const print: PrintState = action.how === 'phone' ? 'none' : 'printing';
      return { ...state, screen: { kind: 'ticket', issued: action.issued, how: action.how, print } };
    }
    case 'printed':
      return state.screen.kind === 'ticket' && state.screen.print === 'printing'
        ? { ...state, screen: { ...state.screen, print: action.ok ? 'printed' : 'failed' } }
        : state;
    case 'reset':
      return START;
  }
}

/** How long the current screen waits before going back to the start by itself; null: it stays. */
export function idleTimeout(state: Flow): number | null {
  if (state.screen.kind === 'ticket') return state.screen.print === 'printing' ? null : TICKET_MS;
  // The start screen, untouched, is where the kiosk rests; chosen anything, it is cleared too.
  if (state.screen.kind === 'start' && state.lang === START.lang && !state.priority) return null;
  return IDLE_MS;
}
