// Which calls to announce, in what order, each once (pure; the announcer plays them). A call is
// known by its event seq, so a snapshot after a reconnect, which lists calls already heard, adds
// nothing; a recall is its own event, so it is announced again. The calls of the first state a
// display sees (its first snapshot, after it starts or reloads) are history: listed, not spoken,
// so a reload never says a call twice. Calls older than FRESH_MS when first seen (missed while
// disconnected) join the history too: nobody waits for a number called a minute ago to be read out.
import type { RecentCall } from '@jiaohao/shared/schemas';

/** A call seen later than this after it was made is shown, not spoken. */
export const FRESH_MS = 5_000;
/** A backlog longer than this is cut to its newest calls: a long silence is better than a queue read out for minutes. */
export const MAX_PENDING = 12;

export interface CallJob {
  readonly seq: number;
  readonly number: string;
  readonly counterId: string;
  readonly language: RecentCall['language'];
  readonly recall: boolean;
}

export interface CallQueue {
  /** The highest office seq whose calls were seen (spoken or not); -1 before the first state. */
  readonly heard: number;
  /** Calls to speak, oldest first. */
  readonly pending: readonly CallJob[];
}

export const EMPTY_QUEUE: CallQueue = { heard: -1, pending: [] };
/** A queue that saw a new database start from nothing: every call in it is new. */
const NEW_DATABASE: CallQueue = { heard: 0, pending: [] };

/**
 * The queue after seeing `calls` (the zone's recent calls, in any order) in a state at `officeSeq`,
 * at `serverNow` (the server's clock, so a display whose own clock is wrong still tells fresh from
 * old). An office whose seq went back below what was heard is a new database: hearing starts over.
 */
export function observeCalls(queue: CallQueue, calls: readonly RecentCall[], officeSeq: number, serverNow: number, freshMs = FRESH_MS): CallQueue {
  if (queue.heard < 0) return { heard: officeSeq, pending: [] };
  if (officeSeq < queue.heard) queue = NEW_DATABASE;
  const unseen = calls.filter((c) => c.seq > queue.heard).sort((a, b) => a.seq - b.seq);
  if (unseen.length === 0) return queue;
  const fresh = unseen
    .filter((c) => serverNow - Date.parse(c.at) <= freshMs)
    .map((c): CallJob => ({ seq: c.seq, number: c.number, counterId: c.counterId, language: c.language, recall: c.recall }));
  return {
    heard: unseen[unseen.length - 1]!.seq,
    pending: [...queue.pending, ...fresh].slice(-MAX_PENDING),
  };
}

/** The next call to speak and the queue without it. */
export function takeNext(queue: CallQueue): [CallJob | null, CallQueue] {
  const [next, ...rest] = queue.pending;
  return next ? [next, { ...queue, pending: rest }] : [null, queue];
}

/** Drops what waits to be spoken but remembers it was heard (sound blocked or switched off). */
export const dropPending = (queue: CallQueue): CallQueue => (queue.pending.length === 0 ? queue : { ...queue, pending: [] });
