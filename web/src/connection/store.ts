// The one place a web client holds server state (STYLE.md habit 13): a snapshot from its namespace
// (/staff, /display, /kiosk), kept current by the shared reducer; a gap in seq asks for a new
// snapshot. Views read it through useConnection(); they never open sockets or keep their own copies
// of tickets.
import {
  applyEvent,
  fromSnapshot,
  skipSeq,
  type OfficeState,
} from '@jiaohao/shared/reducer';
import {
  CLIENT_EVENTS,
  DOMAIN_EVENT_TYPES,
  SERVER_EVENTS,
  type Ack,
  type CommandPayload,
  type CommandResult,
  type Device,
  type DomainEvent,
  type EventOf,
  type Snapshot,
  type CommandName,
} from '@jiaohao/shared/schemas';
import type { PickReason } from '@jiaohao/shared/rules';

/** What a socket must offer the store (a socket.io-client Socket does; tests pass a fake). */
export interface Transport {
  on(event: string, listener: (...args: never[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'ended';

/**
 * Why the connection ended: `refused`, the handshake refused the session or device token (signed
 * out, revoked: connecting again will not help); `server`, the server closed this socket (a sign-out,
 * a revocation, or the server shutting down: connecting again tells which).
 */
export type EndedBy = 'refused' | 'server';

export interface LastCall {
  readonly ticketId: string;
  readonly reason: PickReason | null;
}

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Null until the first snapshot. */
  readonly office: OfficeState | null;
  /** Asking for a fresh snapshot after a missed event. */
  readonly resyncing: boolean;
  /** Why each counter's ticket was called (from ticket:called), while it is at the counter. */
  readonly lastCalls: Readonly<Record<string, LastCall>>;
  /** When the state was last confirmed by the server. */
  readonly receivedAt: number;
  /** The server's alerts for supervisors (alert:raised), newest first, the last MAX_ALERTS of today. */
  readonly alerts: readonly EventOf<'alert:raised'>[];
  /** Set when status is `ended`. */
  readonly endedBy: EndedBy | null;
  /** How far the server's clock is ahead of this machine's, from the last snapshot (a wall clock shows server time). */
  readonly clockOffsetMs: number;
  /** A display's or kiosk's own record and settings (SERVER_EVENTS.device); null for staff. */
  readonly device: Device | null;
}

const MAX_ALERTS = 20;

/** A command's answer, or why it never reached the server or never came back. */
export type ClientAck<T> = Ack<T> | { ok: false; error: { code: 'not_connected' | 'no_answer'; message: string } };

export interface OfficeStore {
  getState(): ConnectionState;
  subscribe(listener: () => void): () => void;
  /**
   * Sends a command; refused at once while offline (never queued, so never applied twice). Any
   * registry command: the server refuses what this connection's principal may not do.
   */
  send<K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<ClientAck<CommandResult<K>>>;
  /** Connects again after the connection ended (Socket.IO does not, once the server closed it). */
  reconnect(): void;
  close(): void;
}

export interface StoreOptions {
  readonly now?: () => number;
  /** How long to wait for a command's answer. */
  readonly ackTimeoutMs?: number;
}

export function createOfficeStore(transport: Transport, options: StoreOptions = {}): OfficeStore {
  const now = options.now ?? Date.now;
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  const listeners = new Set<() => void>();
  let state: ConnectionState = {
    status: 'connecting',
    office: null,
    resyncing: false,
    lastCalls: {},
    receivedAt: 0,
    alerts: [],
    endedBy: null,
    clockOffsetMs: 0,
    device: null,
  };
  const fromServer = (snapshot: Snapshot) => {
    const at = now();
    return { office: fromSnapshot(snapshot), resyncing: false, receivedAt: at, clockOffsetMs: Date.parse(snapshot.at) - at };
  };

  const set = (patch: Partial<ConnectionState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };

  const resync = () => {
    if (state.resyncing) return;
    set({ resyncing: true });
    transport.emit(CLIENT_EVENTS.snapshotRequest, (ack: Ack<Snapshot>) => {
      if (ack.ok) set(fromServer(ack.data));
      else set({ resyncing: false });
    });
  };

  const afterApply = (office: OfficeState) => {
    set({ office, receivedAt: now() });
    if (office.stale) resync();
  };

  transport.on('connect', () => set({ status: 'online', endedBy: null }));
  transport.on('disconnect', ((reason: string) => {
    // The server ended it (sign-out, deactivation, a new password): socket.io does not reconnect.
    if (state.status === 'ended') return;
    if (reason === 'io server disconnect') set({ status: 'ended', endedBy: 'server' });
    else set({ status: 'reconnecting' });
  }) as (...args: never[]) => void);
  transport.on('connect_error', ((err: Error) => {
    // The handshake refused the session: no reconnecting will help; the app signs in again.
    if (err.message === 'unauthenticated' || err.message === 'forbidden') set({ status: 'ended', endedBy: 'refused' });
    else set({ status: state.office ? 'reconnecting' : 'connecting' });
  }) as (...args: never[]) => void);
  transport.on(SERVER_EVENTS.snapshot, ((snapshot: Snapshot) => {
    const lastCalls = pruneCalls(state.lastCalls, snapshot);
    set({ ...fromServer(snapshot), lastCalls });
  }) as (...args: never[]) => void);
  transport.on(SERVER_EVENTS.skipped, ((skipped: { seq: number }) => {
    if (state.office) afterApply(skipSeq(state.office, skipped.seq));
  }) as (...args: never[]) => void);
  transport.on(SERVER_EVENTS.device, ((device: Device) => set({ device })) as (...args: never[]) => void);
  for (const type of DOMAIN_EVENT_TYPES) {
    transport.on(type, ((event: DomainEvent) => {
      const office = state.office;
      if (!office) return;
      if (event.type === 'ticket:called') {
        state = { ...state, lastCalls: { ...state.lastCalls, [event.data.counter.id]: { ticketId: event.data.ticket.id, reason: event.data.pickReason } } };
      }
      // Alerts carry no office state: the store keeps them beside it (a new day starts without).
      if (event.type === 'alert:raised' && event.seq > office.seq) state = { ...state, alerts: [event, ...state.alerts].slice(0, MAX_ALERTS) };
      if (event.type === 'day:started') state = { ...state, alerts: [] };
      afterApply(applyEvent(office, event));
    }) as (...args: never[]) => void);
  }
  transport.connect();

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send(name, payload) {
      if (state.status !== 'online') {
        return Promise.resolve({ ok: false, error: { code: 'not_connected', message: 'not connected' } });
      }
      return new Promise((resolve) => {
        let answered = false;
        const timer = setTimeout(() => {
          answered = true;
          resolve({ ok: false, error: { code: 'no_answer', message: 'no answer' } });
        }, ackTimeoutMs);
        transport.emit(name, payload, (ack: Ack<CommandResult<typeof name>>) => {
          if (answered) return;
          clearTimeout(timer);
          resolve(ack);
        });
      });
    },
    reconnect() {
      if (state.status !== 'ended') return;
      set({ status: state.office ? 'reconnecting' : 'connecting', endedBy: null });
      transport.connect();
    },
    close() {
      listeners.clear();
      transport.disconnect();
    },
  };
}

/** Keeps the call reasons of tickets still at their counter. */
function pruneCalls(calls: Readonly<Record<string, LastCall>>, snapshot: Snapshot): Record<string, LastCall> {
  const out: Record<string, LastCall> = {};
  for (const [counterId, call] of Object.entries(calls)) {
    if (snapshot.tickets.some((t) => t.id === call.ticketId && t.counterId === counterId)) out[counterId] = call;
  }
  return out;
}
