// Runs each command as one synchronous transaction: rules are checked, state is written and events
// are appended together, and only after the commit are the events handed to the listeners.
import { businessDate, type Actor, type DomainEvent, type Snapshot } from '@jiaohao/shared';
import type { AppendInput } from '../modules/events/events.repo';
import { publicTicket } from '../modules/tickets/tickets.repo';
import type { Store } from './store';
import { rollDay } from '../modules/tickets/day.service';

export type Clock = () => number;
export type EventsListener = (events: readonly DomainEvent[]) => void;

export interface Ctx {
  readonly now: number;
  /** `now` as an ISO string, the form every timestamp is stored in. */
  readonly at: string;
  readonly businessDate: string;
  readonly timeZone: string;
  readonly actor: Actor;
  readonly store: Store;
  emit(input: Omit<AppendInput, 'at' | 'businessDate' | 'actor'>): DomainEvent;
}

export class Engine {
  private readonly listeners = new Set<EventsListener>();

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    private readonly onListenerError: (err: unknown) => void = (err) => console.error('event listener failed', err),
  ) {}

  get timeZone(): string {
    return this.store.office.office()?.timeZone ?? 'Asia/Taipei';
  }

  onEvents(listener: EventsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One command: one transaction. Throws DomainError (nothing written) when a rule refuses it. */
  run<T>(actor: Actor, command: (ctx: Ctx) => T): T {
    const { store } = this;
    const now = this.clock();
    const events: DomainEvent[] = [];
    const timeZone = this.timeZone;
    const ctx: Ctx = {
      now,
      at: new Date(now).toISOString(),
      businessDate: businessDate(now, timeZone),
      timeZone,
      actor,
      store,
      emit: (input) => {
        const event = store.events.append({ ...input, at: ctx.at, businessDate: ctx.businessDate, actor: ctx.actor });
        events.push(event);
        return event;
      },
    };
    const mark = store.events.mark();
    let result: T;
    try {
      result = store.db.transaction(() => {
        rollDay(ctx);
        return command(ctx);
      })();
    } catch (err) {
      store.events.restore(mark);
      store.forget();
      throw err;
    }
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

  /** The state a client starts from; consistent because nothing else writes between these reads. */
  snapshot(): Snapshot {
    const head = this.snapshotHead();
    return { ...head, tickets: this.store.tickets.activeOn(head.businessDate).map(publicTicket) };
  }

  /** The snapshot without its tickets (for views that only count them). */
  snapshotHead(): Omit<Snapshot, 'tickets'> {
    const { store } = this;
    const now = this.clock();
    const office = store.office.office();
    if (!office) throw new Error('the office is not set up');
    return {
      seq: store.events.lastSeq,
      at: new Date(now).toISOString(),
      businessDate: businessDate(now, office.timeZone),
      office,
      services: store.services.list(),
      counters: store.counters.list(),
    };
  }
}
