// The public (aggregate) status, rebuilt at most once per change of seq (or minute) and shared by
// the REST feed, the SSE stream and the /public socket namespace; beside it, the residents' own
// tickets by their tracking token (`tickets`, the e-ticket page).
import { createHash } from 'node:crypto';
import { formatNumber, publicStatusOf, queueMonitorOf, rollingHandlingMinutes, townPassFeedOf, type PublicStatus, type WaitEstimate } from '@jiaohao/shared';
import { estimateNew, officeLoad } from '../tickets/wait-load';
import { publicTicket } from '../tickets/tickets.repo';
import type { AppEngine } from '../../store';
import { snapshotHead } from '../office/office.queries';
import { ETicketFeed } from './eticket.service';
import { DailyFiguresFeed } from './open-data.service';

/** A feed's body, serialised once per change, and its ETag. */
export interface FeedBody {
  readonly json: string;
  readonly etag: string;
}

export interface PublicView extends FeedBody {
  readonly status: PublicStatus;
  /** The same status in the TownPass counter-calling shape (GET /public/townpass). */
  readonly townpass: FeedBody;
  /** The same status as FIWARE Smart Data Models QueueMonitor entities (GET /public/queue-monitor). */
  readonly queueMonitor: FeedBody;
}

/** A body already serialised (JSON, or CSV text) with its ETag: the hash of its bytes. */
export const textBody = (text: string): FeedBody => ({ json: text, etag: `"${createHash('sha1').update(text).digest('base64url')}"` });
const bodyOf = (value: unknown): FeedBody => textBody(JSON.stringify(value));

export type PublicListener = (view: PublicView) => void;

/** Pushes to public listeners at most this often: a busy morning is not a broadcast per command. */
const PUSH_INTERVAL_MS = 250;

export class PublicFeed {
  private cached: PublicView | null = null;
  private cachedMinute = -1;
  private readonly listeners = new Set<PublicListener>();
  private timer: NodeJS.Timeout | null = null;
  private lastPush = 0;
  private readonly unsubscribe: () => void;
  /** A resident's ticket by the token of their link, kept current for whoever follows it. */
  readonly tickets: ETicketFeed;
  /** The open-data daily figures per line, kept per day. */
  readonly daily: DailyFiguresFeed;

  constructor(private readonly engine: AppEngine) {
    this.tickets = new ETicketFeed(engine);
    this.daily = new DailyFiguresFeed(engine);
    this.unsubscribe = engine.onEvents(() => {
      if (this.timer || this.listeners.size === 0) return;
      const wait = Math.max(0, this.lastPush + PUSH_INTERVAL_MS - performance.now());
      this.timer = setTimeout(() => this.push(), wait);
    });
  }

  private push(): void {
    this.timer = null;
    this.lastPush = performance.now();
    if (this.listeners.size === 0) return;
    const view = this.current();
    for (const l of this.listeners) l(view);
  }

  subscribe(listener: PublicListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unsubscribe();
    this.tickets.close();
    this.daily.close();
    this.listeners.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  current(): PublicView {
    const { store } = this.engine;
    const now = this.engine.clock();
    // The issuing state follows the clock too (sessions, stops and announcements that end), so the
    // cache also expires every minute.
    const minute = Math.floor(now / 60_000);
    if (this.cached && this.cached.status.seq === store.events.lastSeq && minute === this.cachedMinute) return this.cached;
    // Counts come from the database; the waiting tickets themselves are never read for this.
    const head = snapshotHead(store, now);
    const handlingMinutes: Record<string, number> = {};
    for (const s of head.services) {
      handlingMinutes[s.id] = rollingHandlingMinutes(store.tickets.recentHandlingMs(s.id, head.businessDate), s.targetHandlingMinutes);
    }
    // What a resident taking a number now would be told: the issue answer's estimate (wait-model).
    const load = officeLoad(store, head.businessDate, now);
    const estimates: Record<string, WaitEstimate> = {};
    for (const s of head.services) if (s.active) estimates[s.id] = estimateNew(load, s.id);
    const status = publicStatusOf(
      {
        ...head,
        waiting: store.tickets.waitingCounts(head.businessDate),
        atCounters: store.tickets.atCounters(head.businessDate).map(publicTicket),
      },
      { handlingMinutes, estimates, dayClosed: store.office.closedDate() === head.businessDate },
    );
    // updatedAt is when the data last changed, so an unchanged feed keeps its ETag.
    const stable = { ...status, updatedAt: this.cached?.status.seq === status.seq ? this.cached.status.updatedAt : status.updatedAt };
    // The last number of each line's ordinary series: one primary-key read per line.
    const lastIssued: Record<string, string> = {};
    for (const s of head.services) {
      const { last } = store.tickets.seriesPosition(s.id, head.businessDate, 'normal');
      if (last !== null) lastIssued[s.id] = formatNumber(s.numbering, last);
    }
    this.cached = {
      status: stable,
      ...bodyOf(stable),
      townpass: bodyOf(townPassFeedOf(stable, head.office)),
      queueMonitor: bodyOf(queueMonitorOf(stable, head.office, { now, lastIssued })),
    };
    this.cachedMinute = minute;
    return this.cached;
  }
}
