// The status page's one connection (STYLE.md habit 13): the /public namespace. The server sends the
// whole PublicStatus on connect (snapshot) and on every change (public:status); on every (re)connect
// the page also asks for it (public:status with an ack), so a push missed while away costs nothing.
// Components read it with useStatus(); none of them opens a socket.
import { useSyncExternalStore } from 'react';
import { CLIENT_EVENTS, SERVER_EVENTS, type Ack, type PublicStatus } from '@jiaohao/shared/schemas';
import type { Transport } from '@jiaohao/web';

export type StatusLink = 'connecting' | 'online' | 'reconnecting';

export interface StatusConnection {
  /** False for what the server rendered (no script has run): the page then says nothing about a connection. */
  readonly started: boolean;
  readonly link: StatusLink;
  /** The last status the server sent (or rendered the page with); null until there is one. */
  readonly status: PublicStatus | null;
}

export interface StatusStore {
  getState(): StatusConnection;
  /** What the server rendered: the state hydration must start from. */
  getServerState(): StatusConnection;
  subscribe(listener: () => void): () => void;
  close(): void;
}

export interface StatusStoreOptions {
  /** After the server closed the socket (a restart), how long before connecting again. */
  readonly reconnectAfterMs?: number;
}

/** A status that is older than the one held (a push overtaken by an ack) is dropped. */
const isOlder = (next: PublicStatus, held: PublicStatus | null) => held !== null && next.seq < held.seq && next.updatedAt <= held.updatedAt;

export function createStatusStore(transport: Transport, initial: PublicStatus | null, options: StatusStoreOptions = {}): StatusStore {
  const listeners = new Set<() => void>();
  const rendered: StatusConnection = { started: false, link: 'connecting', status: initial };
  let state: StatusConnection = { ...rendered, started: true };
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const set = (patch: Partial<StatusConnection>) => {
    if (closed) return;
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };
  const take = (status: PublicStatus) => {
    if (!isOlder(status, state.status)) set({ status });
  };

  transport.on('connect', () => {
    set({ link: 'online' });
    transport.emit(CLIENT_EVENTS.publicStatus, (ack: Ack<PublicStatus>) => {
      if (ack.ok) take(ack.data);
    });
  });
  transport.on('disconnect', ((reason: string) => {
    set({ link: 'reconnecting' });
    // The server closed the socket (it is restarting): Socket.IO does not reconnect by itself then.
    if (reason === 'io server disconnect' && timer === null) {
      timer = setTimeout(() => {
        timer = null;
        if (!closed) transport.connect();
      }, options.reconnectAfterMs ?? 2_000);
    }
  }) as (...args: never[]) => void);
  transport.on('connect_error', () => set({ link: state.link === 'connecting' ? 'connecting' : 'reconnecting' }));
  transport.on(SERVER_EVENTS.snapshot, ((status: PublicStatus) => take(status)) as (...args: never[]) => void);
  transport.on(SERVER_EVENTS.publicStatus, ((status: PublicStatus) => take(status)) as (...args: never[]) => void);
  transport.connect();

  return {
    getState: () => state,
    getServerState: () => rendered,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      listeners.clear();
      transport.disconnect();
    },
  };
}

/** The store the server renders with: the status it has, no connection. */
export function renderedStatusStore(status: PublicStatus | null): StatusStore {
  const state: StatusConnection = { started: false, link: 'connecting', status };
  return { getState: () => state, getServerState: () => state, subscribe: () => () => undefined, close: () => undefined };
}

export function useStatus(store: StatusStore): StatusConnection {
  return useSyncExternalStore(store.subscribe, store.getState, store.getServerState);
}
