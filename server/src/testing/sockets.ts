// Socket.IO test harness: real socket.io-client connections against a test app listening on port 0.
// Nothing here sleeps: every wait is for an event or an ack, with a timeout that fails the test.
// `socketTestbed()` at the top of a test file starts a fresh office before each test and closes it
// (and every socket it opened) after.
import { afterEach, beforeEach } from 'vitest';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import {
  NAMESPACES,
  SERVER_EVENTS,
  type Ack,
  type DisplayClientToServer,
  type DisplayServerToClient,
  type DomainEvent,
  type KioskClientToServer,
  type KioskServerToClient,
  type PublicClientToServer,
  type PublicServerToClient,
  type PublicStatus,
  type Snapshot,
  type StaffClientToServer,
  type StaffServerToClient,
} from '@jiaohao/shared';
import { bearerHeader, testApp, type TestApp } from './fixtures';

export type StaffClient = ClientSocket<StaffServerToClient, StaffClientToServer>;
export type DisplayClient = ClientSocket<DisplayServerToClient, DisplayClientToServer>;
export type KioskClient = ClientSocket<KioskServerToClient, KioskClientToServer>;
export type PublicClient = ClientSocket<PublicServerToClient, PublicClientToServer>;

/** Long enough for a loaded CI machine, short enough that a missing event fails fast. */
export const WAIT_MS = 5_000;

// ---- helpers ------------------------------------------------------------------------------------

type Maps<S> = S extends ClientSocket<infer L, infer E> ? { listen: L; emit: E } : never;
type ListenMap<S> = Maps<S>['listen'];
type EmitMap<S> = Maps<S>['emit'];
type FirstArg<F> = F extends (arg: infer A, ...rest: never[]) => void ? A : never;
type Params<F> = F extends (...args: infer P) => void ? P : never;
/** The arguments of a client → server message, without its ack callback. */
type PayloadOf<F> = Params<F> extends [...infer Head, unknown] ? Head : never;
/** What the ack callback of a client → server message receives. */
type AckOf<F> = Params<F> extends [...unknown[], infer Last] ? FirstArg<Last> : never;

/** The untyped view of a typed client socket, for the few generic helpers below. */
export const untyped = (socket: object) => socket as unknown as ClientSocket;
/** The namespace each socket was opened on, for timeout messages (Socket#nsp is private). */
const labels = new WeakMap<object, string>();
const label = (socket: object) => labels.get(socket) ?? 'socket';

/** Resolves with the first payload of `event`; rejects after `ms`. */
export function once<S extends object, K extends keyof ListenMap<S> & string>(socket: S, event: K, ms = WAIT_MS): Promise<FirstArg<ListenMap<S>[K]>> {
  const raw = untyped(socket);
  return new Promise((resolve, reject) => {
    const onEvent = (payload: FirstArg<ListenMap<S>[K]>) => {
      clearTimeout(timer);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      raw.off(event as string, onEvent);
      reject(new Error(`timed out after ${ms} ms waiting for "${event}" on ${label(socket)}`));
    }, ms);
    raw.once(event as string, onEvent);
  });
}

/** Resolves with the disconnect reason; rejects after `ms`. */
export function disconnected(socket: object, ms = WAIT_MS): Promise<string> {
  const raw = untyped(socket);
  return new Promise((resolve, reject) => {
    const onEvent = (reason: string) => {
      clearTimeout(timer);
      resolve(reason);
    };
    const timer = setTimeout(() => {
      raw.off('disconnect', onEvent);
      reject(new Error(`${label(socket)} was not disconnected within ${ms} ms`));
    }, ms);
    raw.once('disconnect', onEvent);
  });
}

/** Sends a client → server message and resolves with its ack; rejects when no ack comes within WAIT_MS. */
export function ask<S extends object, K extends keyof EmitMap<S> & string>(socket: S, event: K, ...payload: PayloadOf<EmitMap<S>[K]>): Promise<AckOf<EmitMap<S>[K]>> {
  return untyped(socket)
    .timeout(WAIT_MS)
    .emitWithAck(event, ...(payload as unknown[])) as Promise<AckOf<EmitMap<S>[K]>>;
}

export function expectOk<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

export function expectError<T>(ack: Ack<T>): string {
  if (ack.ok) throw new Error(`expected an error, got ${JSON.stringify(ack.data)}`);
  return ack.error.code;
}

export const byId = <T extends { id: string }>(items: readonly T[]): Record<string, T> => Object.fromEntries(items.map((x) => [x.id, x]));

/** Everything one socket received, in order, with a way to wait until a given seq has arrived. */
export interface Recorder {
  /** Every message: [event name, payload]. */
  readonly all: Array<[string, unknown]>;
  /** Domain events (and seq:skipped) only, in arrival order: no snapshot, public status or device:self. */
  readonly events: DomainEvent[];
  untilSeq(seq: number, ms?: number): Promise<void>;
}

export function record(socket: object): Recorder {
  const raw = untyped(socket);
  const all: Array<[string, unknown]> = [];
  const events: DomainEvent[] = [];
  let lastSeq = 0;
  const waiters = new Set<() => void>();
  raw.onAny((name: string, payload: unknown) => {
    all.push([name, payload]);
    if (name !== SERVER_EVENTS.snapshot && name !== SERVER_EVENTS.publicStatus && name !== SERVER_EVENTS.device) {
      const e = payload as DomainEvent;
      events.push(e);
      lastSeq = Math.max(lastSeq, e.seq);
    }
    for (const w of waiters) w();
  });
  return {
    all,
    events,
    untilSeq(seq, ms = WAIT_MS) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (lastSeq < seq) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out on ${label(socket)} waiting for seq ${seq}; last seen ${lastSeq}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
  };
}

export interface SocketTestbed {
  /** The office of the running test. */
  readonly t: TestApp;
  readonly baseUrl: string;
  /** Closes the office and starts another with these options (and listens again). */
  restart(options?: Parameters<typeof testApp>[0]): Promise<void>;
  /** A socket that has not connected yet, so listeners can be in place before the snapshot arrives. */
  client<S>(nsp: string, token?: string, headers?: Record<string, string>): S;
  join(socket: StaffClient | DisplayClient | KioskClient): Promise<Snapshot>;
  joinPublic(socket: PublicClient): Promise<PublicStatus>;
  connectFirst<T>(socket: object): Promise<T>;
  staff(role?: 'clerk' | 'supervisor' | 'admin'): Promise<StaffClient>;
  display(): DisplayClient;
  kiosk(): KioskClient;
  publicClient(): PublicClient;
  serverSeq(): number;
  rest<T>(method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object): Promise<T>;
}

export function socketTestbed(options?: Parameters<typeof testApp>[0]): SocketTestbed {
  let t: TestApp;
  let baseUrl: string;
  const clients: ClientSocket[] = [];
  const start = async (opts: Parameters<typeof testApp>[0]) => {
    t = await testApp(opts);
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  };
  beforeEach(() => start(options));
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await t.close();
  });

  function client<S>(nsp: string, token?: string, headers?: Record<string, string>): S {
    const socket = io(baseUrl + nsp, {
      forceNew: true,
      transports: ['websocket'],
      autoConnect: false,
      // The tests reconnect by hand, so a reconnect never happens behind their back.
      reconnection: false,
      auth: token === undefined ? {} : { token },
      ...(headers ? { extraHeaders: headers } : {}),
    });
    clients.push(socket);
    labels.set(socket, nsp);
    return socket as unknown as S;
  }

  /** Connects; resolves with the snapshot the server sends first, or rejects with the connect_error. */
  function connectFirst<T>(socket: object): Promise<T> {
    const raw = untyped(socket);
    const first = new Promise<T>((resolve, reject) => {
      const fail = (err: Error) => {
        clearTimeout(timer);
        raw.off(SERVER_EVENTS.snapshot, ok);
        raw.off('connect_error', fail);
        reject(err);
      };
      const ok = (snapshot: T) => {
        clearTimeout(timer);
        raw.off('connect_error', fail);
        resolve(snapshot);
      };
      const timer = setTimeout(() => fail(new Error(`no snapshot on ${label(socket)} within ${WAIT_MS} ms`)), WAIT_MS);
      raw.once(SERVER_EVENTS.snapshot, ok);
      raw.once('connect_error', fail);
    });
    raw.connect();
    return first;
  }

  return {
    get t() {
      return t;
    },
    get baseUrl() {
      return baseUrl;
    },
    async restart(opts) {
      for (const c of clients.splice(0)) c.disconnect();
      await t.close();
      await start(opts);
    },
    client,
    connectFirst,
    join: (socket) => connectFirst<Snapshot>(socket),
    joinPublic: (socket) => connectFirst<PublicStatus>(socket),
    staff: async (role = 'clerk') => client<StaffClient>(NAMESPACES.staff, await t.staffToken(role)),
    display: () => client<DisplayClient>(NAMESPACES.display, t.deviceToken('display')),
    kiosk: () => client<KioskClient>(NAMESPACES.kiosk, t.deviceToken('kiosk')),
    publicClient: () => client<PublicClient>(NAMESPACES.public),
    serverSeq: () => t.services.queries.snapshot().seq,
    async rest<T>(method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object): Promise<T> {
      const res = await t.app.inject({ method, url, headers: bearerHeader(token), ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
      return res.json<T>();
    },
  };
}
