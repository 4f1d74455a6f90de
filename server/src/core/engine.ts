// Runs each command as one synchronous transaction: rules are checked, state is written and events
// are appended together, and only after the commit are the events handed to the listeners.
// The engine knows no module: the store it hands to commands, the event log and the hooks that run
// before every command (the day roll-over) are given to it by the app.
import { businessDate, type Actor, type DomainEvent, type DomainEventType, type EventOf } from '@jiaohao/shared';
import { actorOf, type Principal } from './principal';

export type Clock = () => number;
export type EventsListener = (events: readonly DomainEvent[]) => void;

/** What an event says besides its data. */
export interface EventMeta {
  readonly reason?: string | null;
  readonly note?: string | null;
  readonly ticketId?: string | null;
  readonly counterId?: string | null;
}

/** One event to append: its data must be the data of that event type (checked by the compiler). */
export type EmitInput = { [K in DomainEventType]: { readonly type: K; readonly data: EventOf<K>['data'] } & EventMeta }[DomainEventType];

/** A row for the log: the event plus what the engine knows about the command. */
export type AppendInput = EmitInput & { readonly at: string; readonly businessDate: string; readonly actor: Actor };

export interface LogPosition {
  readonly seq: number;
  readonly hash: string;
}

/** The append-only event log, as the engine uses it. */
export interface EventLog {
  readonly lastSeq: number;
  /** Appends one event; runs inside the command's transaction. */
  append(input: AppendInput): DomainEvent;
  /** Where the log stands; restored when a command's transaction rolls back. */
  mark(): LogPosition;
  restore(position: LogPosition): void;
}

export interface EngineParts<S> {
  /** What commands read and write (the repositories). */
  readonly store: S;
  readonly log: EventLog;
  /** Runs `fn` in one database transaction (better-sqlite3's `db.transaction(fn)()`). */
  transaction<T>(fn: () => T): T;
  /** The office's time zone, for business dates. */
  timeZone(): string;
  /** The newest business date the data was opened for: a clock stepped back never goes below it. */
  openedDate(): string | null;
  /** Drops in-memory caches after a rolled-back transaction. */
  forget(): void;
}

export interface Ctx<S> {
  readonly now: number;
  /** `now` as an ISO string, the form every timestamp is stored in. */
  readonly at: string;
  readonly businessDate: string;
  readonly timeZone: string;
  /** Who runs the command (never defaulted: every command names its principal). */
  readonly principal: Principal;
  readonly actor: Actor;
  readonly store: S;
  emit(input: EmitInput): DomainEvent;
}

export type CommandHook<S> = (ctx: Ctx<S>) => void;

export class Engine<S> {
  private readonly listeners = new Set<EventsListener>();
  private readonly hooks: CommandHook<S>[] = [];
  /** The time of the last command that committed (see run: the office's time never goes back). */
  private lastNow = -Infinity;

  constructor(
    private readonly parts: EngineParts<S>,
    readonly clock: Clock,
    private readonly onListenerError: (err: unknown) => void = (err) => console.error('event listener failed', err),
  ) {}

  get store(): S {
    return this.parts.store;
  }

  /** Runs inside every command's transaction, before the command (the day roll-over). */
  beforeEachCommand(hook: CommandHook<S>): void {
    this.hooks.push(hook);
  }

  onEvents(listener: EventsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One command: one transaction. Throws DomainError (nothing written) when a rule refuses it. */
  run<T>(principal: Principal, command: (ctx: Ctx<S>) => T): T {
    const { parts } = this;
    // A clock stepped back (an NTP correction after a wrong jump ahead) would stamp the next ticket
    // earlier than those already waiting, and call-next (queue time first) would let it jump the
    // line; handling times would come out negative and the log would run back in time. So the
    // office's time stands still instead, moving on by 1 ms a command to keep their order, until
    // the clock catches up: the hold lasts as long as the step back was, and adds at most 1 ms per
    // command made meanwhile. (In memory only: after a restart the business date still holds, below.)
    const raw = this.clock();
    const now = raw >= this.lastNow ? raw : this.lastNow + 1;
    const events: DomainEvent[] = [];
    const timeZone = parts.timeZone();
    const at = new Date(now).toISOString();
    // A clock stepped back across midnight (NTP, a dead CMOS battery) stays in the newest day: a
    // ticket issued into the day before would wait where no snapshot or call-next looks.
    const opened = parts.openedDate();
    const today = businessDate(now, timeZone);
    const date = opened !== null && opened > today ? opened : today;
    const actor = actorOf(principal);
    const ctx: Ctx<S> = {
      now,
      at,
      businessDate: date,
      timeZone,
      principal,
      actor,
      store: parts.store,
      emit: (input) => {
        const event = parts.log.append({ ...input, at, businessDate: date, actor });
        events.push(event);
        return event;
      },
    };
    const mark = parts.log.mark();
    let result: T;
    try {
      result = parts.transaction(() => {
        for (const hook of this.hooks) hook(ctx);
        return command(ctx);
      });
    } catch (err) {
      parts.log.restore(mark);
      parts.forget();
      throw err;
    }
    this.lastNow = now;
    if (events.length > 0) {
      for (const listener of this.listeners) {
        // The command has committed: a failing listener (a broadcast) must not turn it into an
        // error, or the caller would retry and, say, take a second ticket.
        try {
          listener(events);
        } catch (err) {
          this.onListenerError(err);
        }
      }
    }
    return result;
  }
}
