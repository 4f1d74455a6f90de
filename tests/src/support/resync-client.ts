// Socket.IO clients that follow the office the way the real ones do, and note every place the
// protocol is broken. QueueClient is web/src/connection/store.ts in miniature (/staff, /display):
// the snapshot the server pushes on every (re)connect replaces the state, events go through the
// shared reducer, seq:skipped moves the seq on, and a gap asks for a snapshot (snapshot:request).
// PublicClient is display/src/status/connection.ts: a whole PublicStatus on connect and on every
// change, and asked for again (public:status) on every connect. Both reconnect by themselves, as
// socket.io-client does in a browser. Nothing here sleeps: until() waits for a condition, checked
// on every message.
import { io, type Socket } from 'socket.io-client';
import { applyEvent, CLIENT_EVENTS, fromSnapshot, NAMESPACES, SERVER_EVENTS, skipSeq, type Ack, type DomainEvent, type OfficeState, type PublicStatus, type Snapshot } from '@jiaohao/shared';

const NOT_EVENTS = new Set<string>([SERVER_EVENTS.snapshot, SERVER_EVENTS.device, SERVER_EVENTS.publicStatus, SERVER_EVENTS.ticketView]);

/** Long enough for a restart of the server under load (a tsx start takes a few seconds). */
export const UNTIL_MS = 30_000;

/** One snapshot the client took: pushed on connect, or asked for after a gap. */
export interface Taken {
  readonly seq: number;
  readonly connect: number;
  readonly how: 'pushed' | 'asked';
}

abstract class FollowingClient {
  protected readonly socket: Socket;
  /** How many times the socket connected (1 at first, 2 after a reconnect, …). */
  connects = 0;
  disconnects = 0;
  /** What broke the protocol: an event the server sent twice, a snapshot older than the state. */
  readonly problems: string[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly name: string,
    origin: string,
    nsp: string,
    token?: string,
  ) {
    this.socket = io(origin + nsp, {
      forceNew: true,
      transports: ['websocket'],
      // As a browser's socket: it reconnects by itself, quickly here so a restart is caught soon.
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      ...(token === undefined ? {} : { auth: { token } }),
    });
    this.socket.on('connect', () => {
      this.connects++;
      this.onConnect();
      this.changed();
    });
    this.socket.on('disconnect', () => {
      this.disconnects++;
      this.changed();
    });
  }

  protected abstract onConnect(): void;
  abstract get seq(): number;

  protected changed(): void {
    for (const w of this.waiters) w();
  }

  /** Resolves once `pred` holds (checked now and on every message); rejects after `ms`. */
  until(what: string, pred: () => boolean, ms = UNTIL_MS): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!pred()) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${this.name}: not ${what} within ${ms} ms (seq ${this.seq}, ${this.connects} connects)`));
      }, ms);
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** A clerk's counter client (/staff) or a wall display (/display). */
export class QueueClient extends FollowingClient {
  state: OfficeState | null = null;
  readonly snapshots: Taken[] = [];
  /** Events (and skipped seqs) the reducer applied, in order. */
  readonly applied: number[] = [];
  private asking = false;

  constructor(name: string, origin: string, nsp: typeof NAMESPACES.staff | typeof NAMESPACES.display, token: string) {
    super(name, origin, nsp, token);
    this.socket.on(SERVER_EVENTS.snapshot, (s: Snapshot) => this.take(s, 'pushed'));
    this.socket.onAny((type: string, payload: unknown) => {
      if (NOT_EVENTS.has(type)) return;
      this.event(type, payload as DomainEvent);
    });
  }

  get seq(): number {
    return this.state?.seq ?? 0;
  }

  protected onConnect(): void {
    // Nothing to ask: the server pushes a snapshot on every connect.
  }

  private take(snapshot: Snapshot, how: Taken['how']): void {
    if (this.state && snapshot.seq < this.state.seq) {
      this.problems.push(`${this.name}: ${how} snapshot at seq ${snapshot.seq} is older than the state at ${this.state.seq}`);
    }
    this.snapshots.push({ seq: snapshot.seq, connect: this.connects, how });
    this.state = fromSnapshot(snapshot);
    this.changed();
  }

  private event(type: string, e: DomainEvent): void {
    const office = this.state;
    if (!office) return;
    // While a snapshot is on its way the state is stale and applies nothing; once it is replaced,
    // an event at or below its seq would be one the server sent twice.
    if (!office.stale && e.seq <= office.seq) {
      this.problems.push(`${this.name}: ${type} with seq ${e.seq} after seq ${office.seq} was applied`);
    }
    const next = type === SERVER_EVENTS.skipped ? skipSeq(office, e.seq) : applyEvent(office, e);
    if (next.seq !== office.seq) this.applied.push(next.seq);
    this.state = next;
    if (next.stale && !this.asking) this.ask();
    this.changed();
  }

  private ask(): void {
    this.asking = true;
    this.socket.emit(CLIENT_EVENTS.snapshotRequest, (ack: Ack<Snapshot>) => {
      this.asking = false;
      if (ack.ok) this.take(ack.data, 'asked');
      else this.problems.push(`${this.name}: snapshot:request refused: ${ack.error.code}`);
    });
  }
}

/** A public status page (/public). */
export class PublicClient extends FollowingClient {
  status: PublicStatus | null = null;
  /** Every status taken: [seq, connect]. */
  readonly taken: Array<{ seq: number; connect: number; how: 'pushed' | 'asked' }> = [];

  constructor(name: string, origin: string) {
    super(name, origin, NAMESPACES.public);
    this.socket.on(SERVER_EVENTS.snapshot, (s: PublicStatus) => this.take(s, 'pushed'));
    this.socket.on(SERVER_EVENTS.publicStatus, (s: PublicStatus) => this.take(s, 'pushed'));
  }

  get seq(): number {
    return this.status?.seq ?? 0;
  }

  protected onConnect(): void {
    this.socket.emit(CLIENT_EVENTS.publicStatus, (ack: Ack<PublicStatus>) => {
      if (ack.ok) this.take(ack.data, 'asked');
    });
  }

  private take(status: PublicStatus, how: 'pushed' | 'asked'): void {
    // A status is the whole state, not a change: the same seq again (a push and the ack of the
    // same moment, or the minute's refresh) applies nothing twice. An older one would go back.
    if (this.status && status.seq < this.status.seq) {
      this.problems.push(`${this.name}: ${how} status at seq ${status.seq} after seq ${this.status.seq}`);
      return;
    }
    this.taken.push({ seq: status.seq, connect: this.connects, how });
    this.status = status;
    this.changed();
  }
}
