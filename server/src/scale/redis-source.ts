// A public node's PublicSource: every office's snapshot, read from Redis at start and again after
// each reconnect (a message may have been missed meanwhile), and kept current from the channel.
// Two connections: one subscribed (it can do nothing else), one for reading the keys. While the
// subscription is down the node keeps serving what it has, marked stale since the loss; an office
// that has gone silent (its server stopped: no change and no heartbeat for `silentMs`) is marked
// stale since it was last heard from, while the others are not.
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import { DomainError } from '@jiaohao/shared';
import type { PublicView } from '../modules/public/public.service';
import { unknownOffice, type PublicSource } from '../modules/public/public.source';
import { isNewer, parseSnapshot, REDIS_KEYS, type KnownOffice } from './snapshots';
import { REDIS_OPTIONS, watchConnection } from './redis-publisher';

/** An office not heard from (no change, no heartbeat) for this many of its heartbeats is marked out of date. */
export const OFFICE_SILENT_HEARTBEATS = 3;

/**
 * The office `asked` (an id from ?office= or the handshake), or the only one when none is asked:
 * not_found for an id it does not know, validation_failed when several could be meant.
 */
export function selectOffice<T>(offices: ReadonlyMap<string, T>, asked: string | undefined): T {
  if (asked !== undefined) {
    const found = offices.get(asked);
    if (found === undefined) throw unknownOffice(asked);
    return found;
  }
  if (offices.size === 1) return offices.values().next().value as T;
  if (offices.size === 0) throw new DomainError('not_found', 'No office has published its status here yet');
  const ids = [...offices.keys()].sort().slice(0, 40).join(', ');
  throw new DomainError('validation_failed', `This server shows ${offices.size} offices: say which with ?office= (one of ${ids})`);
}

export class RedisPublicSource implements PublicSource {
  private readonly offices = new Map<string, KnownOffice>();
  /** When this node last heard from each office (its clock, not the office's): a change or a heartbeat. */
  private readonly heard = new Map<string, number>();
  private readonly listeners = new Set<(view: PublicView) => void>();
  private readonly sub: Redis;
  private readonly cmd: Redis;
  private subscribed = false;
  /** Since when the subscription is down (ISO); null while it is up. Stale from the start until the first load. */
  private lostAt: string | null;
  private closed = false;
  /** Counts the snapshots taken, a republication of the same view too (the city list shows publishedAt). */
  taken = 0;

  constructor(
    url: string,
    private readonly log: FastifyBaseLogger,
    private readonly clock: () => number = Date.now,
    private readonly silentMs = OFFICE_SILENT_HEARTBEATS * 30_000,
  ) {
    this.lostAt = new Date(clock()).toISOString();
    // Subscribed again by hand at each 'ready', then read in full: ioredis's own resubscribe would
    // not say when to read the keys.
    this.sub = new Redis(url, { ...REDIS_OPTIONS, autoResubscribe: false });
    this.cmd = new Redis(url, REDIS_OPTIONS);
    const what = 'serving the offices as they were, marked stale';
    watchConnection(this.sub, log, what, () => void this.resubscribe());
    watchConnection(this.cmd, log, what, () => void this.load());
    this.sub.on('close', () => {
      this.subscribed = false;
      this.lostAt ??= new Date(this.clock()).toISOString();
    });
    this.sub.on('message', (channel: string, text: string) => {
      if (channel === REDIS_KEYS.changed) this.take(text, 'a message');
    });
  }

  /** Whether the subscription is up (the node hears every change). */
  get connected(): boolean {
    return this.subscribed && this.lostAt === null;
  }

  private async resubscribe(): Promise<void> {
    try {
      await this.sub.subscribe(REDIS_KEYS.changed);
      this.subscribed = true;
      await this.load();
    } catch {
      // Lost again meanwhile: the next 'ready' tries again.
    }
  }

  /** Reads every office's key; only after subscribing, so no change falls between the two. */
  private async load(): Promise<void> {
    if (!this.subscribed || this.cmd.status !== 'ready' || this.closed) return;
    try {
      const ids = await this.cmd.hkeys(REDIS_KEYS.offices);
      const values = ids.length > 0 ? await this.cmd.mget(ids.map((id) => REDIS_KEYS.office(id))) : [];
      values.forEach((text, i) => this.take(text, `the key of office ${ids[i]}`));
      if (this.subscribed) this.lostAt = null;
    } catch {
      // Lost meanwhile: loaded again at the next 'ready'.
    }
  }

  /** Keeps a snapshot that is news, and tells the listeners when the view itself changed. */
  private take(text: unknown, from: string): void {
    if (text === null) return; // listed but its key is gone (Redis flushed): nothing to read
    const next = parseSnapshot(text);
    if (!next) {
      this.log.warn(`ignored ${from} from Redis: not an office snapshot this version reads`);
      return;
    }
    const id = next.view.status.office.id;
    const known = this.offices.get(id);
    if (!isNewer(known, next)) return;
    this.offices.set(id, next);
    this.heard.set(id, this.clock());
    this.taken++;
    // A republication of the same view (the office reconnected, or this node read it again) is no change.
    if (known?.view.etag === next.view.etag) return;
    for (const l of this.listeners) l(next.view);
  }

  current(office: string | undefined): PublicView {
    return selectOffice(this.offices, office).view;
  }

  subscribe(listener: (view: PublicView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Since when what this node shows may be out of date: since it lost Redis, or, for `officeId`,
   * since that office was last heard from when that is longer ago than `silentMs`; else null.
   */
  staleSince(officeId?: string): string | null {
    if (this.lostAt !== null || officeId === undefined) return this.lostAt;
    const heard = this.heard.get(officeId);
    return heard !== undefined && this.clock() - heard > this.silentMs ? new Date(heard).toISOString() : null;
  }

  /** Every office it knows, by name (the city page). */
  all(): KnownOffice[] {
    return [...this.offices.values()].sort((a, b) => a.view.status.office.names['zh-TW'].localeCompare(b.view.status.office.names['zh-TW'], 'zh-TW'));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    for (const r of [this.sub, this.cmd]) {
      if (r.status === 'ready') await r.quit().catch(() => undefined);
      r.disconnect();
    }
  }
}
