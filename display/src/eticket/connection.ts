// The e-ticket page's one connection (STYLE.md habit 13): the /public namespace, following the
// resident's own ticket. On every (re)connect it asks for the ticket (ticket:follow, whose ack is the
// view), then takes each ticket:view the server pushes. The view is the whole truth each time, so a
// missed push costs nothing: the next connect asks again. Components read it with useTicket().
import { useSyncExternalStore } from 'react';
import { CLIENT_EVENTS, SERVER_EVENTS, type Ack, type ETicketView } from '@jiaohao/shared/schemas';
import type { Transport } from '@jiaohao/web';

export type TicketStatus = 'connecting' | 'online' | 'reconnecting';

export interface TicketConnection {
  readonly status: TicketStatus;
  /** Null until the server answered. */
  readonly view: ETicketView | null;
  /** The server knows no ticket by this token. */
  readonly missing: boolean;
  /** How far the server's clock is ahead of the phone's, from the last view. */
  readonly clockOffsetMs: number;
}

export interface TicketStore {
  getState(): TicketConnection;
  subscribe(listener: () => void): () => void;
  /** Asks for the ticket again now (after a cancel, so the page does not wait for the push). */
  refresh(): void;
  close(): void;
}

export interface TicketStoreOptions {
  readonly now?: () => number;
  /** After the server closed the socket (a restart), how long before connecting again. */
  readonly reconnectAfterMs?: number;
}

export function createTicketStore(transport: Transport, token: string, options: TicketStoreOptions = {}): TicketStore {
  const now = options.now ?? Date.now;
  const listeners = new Set<() => void>();
  let state: TicketConnection = { status: 'connecting', view: null, missing: false, clockOffsetMs: 0 };
  let closed = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) fn();
    }, ms);
    timers.add(timer);
  };

  const set = (patch: Partial<TicketConnection>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };

  const take = (view: ETicketView) => {
    // A view older than the one shown (a push overtaken by an ack) is dropped.
    if (state.view && (state.view.ticketId !== view.ticketId || view.seq < state.view.seq)) return;
    set({ view, missing: false, clockOffsetMs: Date.parse(view.updatedAt) - now() });
  };

  const follow = () => {
    transport.emit(CLIENT_EVENTS.ticketFollow, { token }, (ack: Ack<ETicketView>) => {
      if (closed) return;
      if (ack.ok) return take(ack.data);
      if (ack.error.code === 'not_found' || ack.error.code === 'validation_failed') return set({ missing: true });
      // Rate limited or a passing failure: ask again in a moment.
      const retry = (ack.error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 5;
      later(retry * 1000, follow);
    });
  };

  transport.on('connect', () => {
    set({ status: 'online' });
    follow();
  });
  transport.on('disconnect', ((reason: string) => {
    set({ status: 'reconnecting' });
    // The server closed the socket (it is restarting): Socket.IO does not reconnect by itself then.
    if (reason === 'io server disconnect') later(options.reconnectAfterMs ?? 2_000, () => transport.connect());
  }) as (...args: never[]) => void);
  transport.on('connect_error', () => set({ status: state.view ? 'reconnecting' : 'connecting' }));
  transport.on(SERVER_EVENTS.ticketView, ((view: ETicketView) => take(view)) as (...args: never[]) => void);
  transport.connect();

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh() {
      if (state.status === 'online') follow();
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      listeners.clear();
      transport.disconnect();
    },
  };
}

export function useTicket(store: TicketStore): TicketConnection {
  return useSyncExternalStore(store.subscribe, store.getState);
}
