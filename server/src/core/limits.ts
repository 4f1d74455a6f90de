// Rate limits that belong to a command, whichever edge it arrives through (REST, a socket): a
// sliding window of the times each caller ran it. In memory: a restart forgets the counts, which
// only ever lets a caller do more, never less.
export interface Limit {
  readonly max: number;
  readonly windowMs: number;
}

export type Verdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly retryAfterMs: number;
      /** Runs in the window (the limit). */
      readonly count: number;
      /** The first refusal of this burst: the one worth telling someone about. */
      readonly first: boolean;
    };

interface Window {
  readonly times: number[];
  reportedUntil: number;
}

const SWEEP_AT = 1_000;

export class SlidingWindow {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limit: Limit) {}

  /** Counts one run for `key` at `now` if the limit allows it. */
  take(key: string, now: number): Verdict {
    const { max, windowMs } = this.limit;
    let w = this.windows.get(key);
    if (!w) {
      if (this.windows.size >= SWEEP_AT) this.sweep(now);
      w = { times: [], reportedUntil: 0 };
      this.windows.set(key, w);
    }
    while (w.times.length > 0 && w.times[0]! <= now - windowMs) w.times.shift();
    if (w.times.length >= max) {
      const first = now >= w.reportedUntil;
      if (first) w.reportedUntil = w.times[0]! + windowMs;
      return { ok: false, retryAfterMs: w.times[0]! + windowMs - now, count: w.times.length, first };
    }
    w.times.push(now);
    return { ok: true };
  }

  /** Drops callers with nothing left in their window. */
  private sweep(now: number): void {
    for (const [key, w] of this.windows) {
      if ((w.times.at(-1) ?? -Infinity) <= now - this.limit.windowMs && w.reportedUntil <= now) this.windows.delete(key);
    }
  }
}
