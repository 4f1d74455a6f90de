// The office side of the city scale-out (DESIGN §7): each new public view goes to Redis, as the
// office's key, its entry in the list of offices and one message on the channel (snapshots.ts).
// The office never depends on it: nothing here is awaited by a command (the feed pushes from its own
// timer, at most every 250 ms), a write while Redis is away fails at once instead of queueing
// (enableOfflineQueue: false), ioredis reconnects by itself, and once it is back ('ready') the
// current view is published again, since Redis may have restarted empty.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { PublicFeed, PublicView } from '../modules/public/public.service';
import { encodeEntry, encodeSnapshot, REDIS_KEYS } from './snapshots';

/** Reconnect delays: quick at first, then every few seconds for as long as it takes. */
export const retryDelay = (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 6), 5_000);

/** The options both sides open Redis with: no queue of commands while it is away, endless retries. */
export const REDIS_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 5_000,
  retryStrategy: retryDelay,
} as const;

/**
 * Logs the loss of Redis once (ioredis reports every failed attempt) and its return once.
 * `what` says what the loss means for this process.
 */
export function watchConnection(redis: Redis, log: FastifyBaseLogger, what: string, onReady: () => void): void {
  let down = false;
  const lost = (reason: string) => {
    if (down) return;
    down = true;
    log.warn({ redis: reason }, `Redis is unreachable: ${what}; reconnecting by itself`);
  };
  redis.on('error', (err: Error) => lost(err.message));
  redis.on('close', () => lost('connection closed'));
  redis.on('ready', () => {
    if (down) log.info('Redis is back');
    down = false;
    onReady();
  });
}

/** The address without its password, for logs and the banner. */
export function shownRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis://(unreadable address)';
  }
}

export interface Publisher {
  close(): Promise<void>;
}

/**
 * Publishes the office's public view to Redis on every change and, as a heartbeat, every
 * `heartbeatMs` besides, changed or not (the status follows the clock too: sessions that start or end).
 * A public node marks an office it has not heard from for OFFICE_SILENT_HEARTBEATS of these as out
 * of date: the office server stopped, or lost Redis while the node did not.
 */
export function publishToRedis(feed: PublicFeed, url: string, log: FastifyBaseLogger, clock: () => number = Date.now, heartbeatMs = 30_000): Publisher {
  const redis = new Redis(url, REDIS_OPTIONS);
  const boot = randomBytes(9).toString('base64url');
  let rev = 0;

  const publish = (view: PublicView) => {
    // Not connected: this view is not kept for later; the one current at 'ready' is published then.
    if (redis.status !== 'ready') return;
    const now = clock();
    const record = encodeSnapshot(view, boot, ++rev, now);
    const id = view.status.office.id;
    // In this order on one connection: a node that hears the message and reads the key gets this one or newer.
    // A connection lost meanwhile is logged once by watchConnection; the view is republished at 'ready'.
    const ignore = () => {};
    redis.set(REDIS_KEYS.office(id), record).catch(ignore);
    redis.hset(REDIS_KEYS.offices, id, encodeEntry(view, now)).catch(ignore);
    redis.publish(REDIS_KEYS.changed, record).catch(ignore);
  };

  watchConnection(redis, log, 'the public nodes show this office as it was until it is back (the office itself is not affected)', () => publish(feed.current()));
  const unsubscribe = feed.subscribe(publish);
  const recheck = setInterval(() => publish(feed.current()), heartbeatMs);
  recheck.unref();

  return {
    async close() {
      clearInterval(recheck);
      unsubscribe();
      if (redis.status !== 'ready') return redis.disconnect();
      // QUIT lets the last writes finish; a Redis that stops answering is not waited for long.
      const quit = redis.quit().then(
        () => undefined,
        () => undefined,
      );
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1_000).unref());
      await Promise.race([quit, timeout]);
      redis.disconnect();
    },
  };
}
