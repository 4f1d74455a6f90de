// The resident's own ticket, read by the tracking token of their link (the e-ticket page, /t/:token):
// its number and state, where it stands in its line and the wait, and once called, which counter.
// Of other residents only a count. The tickets someone follows on /public are kept current: after
// each committed batch, only those in the lines the batch touched are read again (one query per
// line, one row per ticket), and a view is passed on only when it changed. And the one thing a
// resident writes here: a rating of their finished ticket, once.
import {
  DomainError,
  estimateCall,
  type Counter,
  type DomainEvent,
  type ETicketView,
  type Office,
  type OfficeLoad,
  type Rating,
  type RatingBody,
  type WaitEstimate,
} from '@jiaohao/shared';
import type { AppEngine } from '../../store';
import { hashToken } from '../../core/tokens';
import type { StoredTicket } from '../tickets/tickets.repo';
import { officeLoad } from '../tickets/wait-load';
import { ETicketRepo, ratingsOf, type RatingsRepo, type StoredRating } from './eticket.repo';

/** What a batch of events may have changed: every view (`all`), the views of these lines, of these tickets. */
export interface Touched {
  all: boolean;
  readonly lines: Set<string>;
  readonly tickets: Set<string>;
}

/**
 * Which e-ticket views these events can change. A ticket's events touch its line (and the line a
 * transfer took it from); opening, pausing or closing a counter moves the waits of the lines it
 * serves; a changed line its names and handling time. A counter edited by an admin (its lines, its
 * name), the office and the day touch everything; they are rare. The rest (accounts, devices,
 * announcements, stops of the issuing) touch nothing a ticket shows.
 */
export function touchedBy(events: readonly DomainEvent[]): Touched {
  const into: Touched = { all: false, lines: new Set(), tickets: new Set() };
  for (const e of events) {
    switch (e.type) {
      case 'ticket:issued':
      case 'ticket:called':
      case 'ticket:recalled':
      case 'ticket:started':
      case 'ticket:finished':
      case 'ticket:missed':
      case 'ticket:requeued':
      case 'ticket:transferred':
      case 'ticket:cancelled':
      case 'ticket:expired':
      case 'ticket:returned': {
        const t = e.data.ticket;
        into.tickets.add(t.id);
        into.lines.add(t.serviceId);
        const from = t.transfers.at(-1)?.fromServiceId;
        if (e.type === 'ticket:transferred' && from !== undefined) into.lines.add(from);
        break;
      }
      case 'counter:opened':
      case 'counter:paused':
      case 'counter:closed':
        for (const id of e.data.counter.serviceIds) into.lines.add(id);
        break;
      case 'service:updated':
        into.lines.add(e.data.service.id);
        break;
      case 'counter:updated':
      case 'office:updated':
      case 'day:closed':
      case 'day:started':
      case 'office:emergency-closed':
      case 'office:emergency-ended':
        into.all = true;
        break;
      default:
        break;
    }
  }
  return into;
}

export type ViewListener = (view: ETicketView) => void;

interface Followed {
  /** How many followers (sockets) it has. */
  count: number;
  serviceId: string;
  /** The last view passed on, without seq and updatedAt: a batch that changed nothing here sends nothing. */
  shown: string;
}

/** A view's content, leaving out what moves on every read. */
const contentOf = (view: ETicketView): string => JSON.stringify({ ...view, seq: 0, updatedAt: '' });

/** Reads views at one moment, reading each line, counter list and handling time once. */
class ViewReader {
  private readonly orders = new Map<string, Map<string, number>>();
  private load: OfficeLoad | null = null;
  private countersById: Map<string, Counter> | null = null;
  private readonly office: Office;
  private readonly at: string;
  private readonly seq: number;

  constructor(
    private readonly engine: AppEngine,
    private readonly repo: ETicketRepo,
    private readonly ratings: RatingsRepo,
  ) {
    const { store } = engine;
    const office = store.office.office();
    if (!office) throw new DomainError('not_found', 'The office is not set up');
    this.office = office;
    this.at = new Date(engine.clock()).toISOString();
    this.seq = store.events.lastSeq;
  }

  private counters(): Map<string, Counter> {
    this.countersById ??= new Map(this.engine.store.counters.list().map((c) => [c.id, c]));
    return this.countersById;
  }

  /** A waiting ticket's place: how many of its line queued before it. */
  private ahead(t: StoredTicket): number {
    const key = `${t.businessDate}\u0000${t.serviceId}`;
    let order = this.orders.get(key);
    if (!order) {
      order = new Map(this.repo.lineOrder(t.businessDate, t.serviceId).map((id, i) => [id, i]));
      this.orders.set(key, order);
    }
    return order.get(t.id) ?? 0;
  }

  /** As the issue answer estimates it (wait-model): from the office now, this ticket's place and age. */
  private estimate(t: StoredTicket): WaitEstimate {
    this.load ??= officeLoad(this.engine.store, t.businessDate, this.engine.clock());
    return estimateCall(this.load, { id: t.id, serviceId: t.serviceId, class: t.class === 'priority' ? 'priority' : 'normal', queuedAt: Date.parse(t.queuedAt) });
  }

  view(t: StoredTicket): ETicketView {
    const service = this.engine.store.services.byId(t.serviceId);
    const waiting = t.state === 'waiting';
    const ahead = waiting ? this.ahead(t) : null;
    const atCounter = (t.state === 'called' || t.state === 'serving') && t.counterId !== null ? this.counters().get(t.counterId) : undefined;
    // Only a finished ticket can hold one; the comment stays on the server (the view goes to every follower of the link).
    const rating = t.state === 'done' ? this.ratings.byTicket(t.id) : undefined;
    return {
      ticketId: t.id,
      number: t.number,
      state: t.state,
      class: t.class,
      language: t.language,
      issuedAt: t.issuedAt,
      calledAt: t.calledAt,
      recallCount: t.recallCount,
      endedAt: t.endedAt,
      // A line is never deleted, only made inactive; the id alone would still say which.
      service: { id: t.serviceId, names: service?.names ?? { 'zh-TW': t.serviceId } },
      counter: atCounter ? { id: atCounter.id, number: atCounter.number, names: atCounter.names } : null,
      ahead,
      estimatedWait: waiting && service ? this.estimate(t) : null,
      office: { id: this.office.id, names: this.office.names, timeZone: this.office.timeZone },
      rating: rating ? { score: rating.score, ratedAt: rating.ratedAt } : null,
      updatedAt: this.at,
      seq: this.seq,
    };
  }
}

const ratingOf = (r: StoredRating): Rating => ({ score: r.score, comment: r.comment, language: r.language as Rating['language'], ratedAt: r.ratedAt });

/** What better-sqlite3 throws when the primary key refuses a row. */
const isDuplicateKey = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';

export class ETicketFeed {
  private readonly repo: ETicketRepo;
  private readonly ratings: RatingsRepo;
  private readonly followed = new Map<string, Followed>();
  private readonly listeners = new Set<ViewListener>();
  private readonly unsubscribe: () => void;

  constructor(private readonly engine: AppEngine) {
    this.repo = new ETicketRepo(engine.store.db);
    this.ratings = ratingsOf(engine.store.db);
    // Right after each commit, like the socket broadcasts (a failure is logged as a listener's).
    this.unsubscribe = engine.onEvents((events) => {
      if (this.followed.size > 0) this.refresh(touchedBy(events));
    });
  }

  /** The view of the ticket this tracking token belongs to; not_found (the same for every unknown token) otherwise. */
  byToken(token: string): ETicketView {
    const t = this.engine.store.tickets.byTrackingTokenHash(hashToken(token));
    if (!t) throw new DomainError('not_found', 'No such ticket');
    return this.reader().view(t);
  }

  /**
   * The resident's rating of the ticket this token belongs to: once, and only when it was finished
   * (done). One transaction reads the ticket and stores the rating; of two at once the second is
   * already_rated, and so is any later one, which changes nothing. Followers get the new view.
   */
  rate(token: string, body: RatingBody): Rating {
    const found = this.engine.store.tickets.byTrackingTokenHash(hashToken(token));
    if (!found) throw new DomainError('not_found', 'No such ticket');
    const comment = body.comment?.trim() || null;
    const stored = this.engine.run({ kind: 'resident', ticketId: found.id }, (ctx) => {
      const t = ctx.store.tickets.byId(found.id) ?? found;
      if (t.state !== 'done') throw new DomainError('not_finished', `Ticket ${t.number} is ${t.state}: only a finished ticket can be rated`, { state: t.state });
      if (this.ratings.byTicket(t.id)) throw new DomainError('already_rated', `Ticket ${t.number} was rated before; a rating is given once`);
      const rating: StoredRating = {
        ticketId: t.id,
        businessDate: t.businessDate,
        serviceId: t.serviceId,
        counterId: t.counterId,
        score: body.score,
        comment,
        language: t.language,
        ratedAt: ctx.at,
      };
      try {
        this.ratings.insert(rating);
      } catch (err) {
        // Another writer got there between the read and the insert (the key is the last word).
        if (isDuplicateKey(err)) throw new DomainError('already_rated', `Ticket ${t.number} was rated before; a rating is given once`);
        throw err;
      }
      return rating;
    });
    // No event is appended (see the migration): the followers' refresh is asked for here.
    this.refresh({ all: false, lines: new Set(), tickets: new Set([stored.ticketId]) });
    return ratingOf(stored);
  }

  private reader(): ViewReader {
    return new ViewReader(this.engine, this.repo, this.ratings);
  }

  /** Keeps `view`'s ticket current for one more follower; the returned function lets go (once). */
  follow(view: ETicketView): () => void {
    const id = view.ticketId;
    const known = this.followed.get(id);
    if (known) known.count++;
    else this.followed.set(id, { count: 1, serviceId: view.service.id, shown: contentOf(view) });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const f = this.followed.get(id);
      if (f && --f.count <= 0) this.followed.delete(id);
    };
  }

  /** How many tickets are followed now (tests, and a figure for an operator). */
  get followedCount(): number {
    return this.followed.size;
  }

  /** Called with each followed ticket's new view when it changed. */
  onChange(listener: ViewListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
    this.followed.clear();
  }

  /** Reads again the followed tickets `touched` may have changed, and passes on those that did. */
  private refresh(touched: Touched): void {
    if (!touched.all && touched.lines.size === 0 && touched.tickets.size === 0) return;
    const reader = this.reader();
    for (const [id, f] of this.followed) {
      if (!touched.all && !touched.tickets.has(id) && !touched.lines.has(f.serviceId)) continue;
      const t = this.engine.store.tickets.byId(id);
      if (!t) continue;
      const view = reader.view(t);
      const content = contentOf(view);
      f.serviceId = view.service.id;
      if (content === f.shown) continue;
      f.shown = content;
      for (const l of this.listeners) l(view);
    }
  }
}
