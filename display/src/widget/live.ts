// The widget's one connection: the public status as Server-Sent Events. EventSource needs no
// library on the host page, reconnects by itself (the server asks for 3 s) and sends each whole
// status, so a missed one costs nothing. The connection counts as lost after LOST_AFTER_MS without
// the server, as in every other client.
import type { PublicStatus } from '@jiaohao/shared/schemas';
import { watchLost } from '@jiaohao/web/lost';

export interface LiveState {
  /** Null until the first status arrived. */
  readonly status: PublicStatus | null;
  /** The server has been unreachable for a few seconds: what is shown may be out of date. */
  readonly lost: boolean;
}

/** The part of EventSource this uses (a fake one in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: 'status', listener: (ev: MessageEvent<string>) => void): void;
  close(): void;
}

export interface LiveOptions {
  /** Opens the stream; EventSource by default. */
  readonly open?: (url: string) => EventSourceLike;
  /** After the browser gave up on the stream (an answer that was not a stream: 429, 503), try again after this long. */
  readonly retryAfterMs?: number;
}

const CLOSED = 2;

/** Follows the status at `url` and calls onChange with every new state; returns a stop function. */
export function followStatus(url: string, onChange: (state: LiveState) => void, options: LiveOptions = {}): () => void {
  const open = options.open ?? ((u: string) => new EventSource(u) as EventSourceLike);
  const retryAfterMs = options.retryAfterMs ?? 15_000;
  let state: LiveState = { status: null, lost: false };
  let source: EventSourceLike | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const set = (patch: Partial<LiveState>) => {
    state = { ...state, ...patch };
    onChange(state);
  };
  const lost = watchLost((isLost) => set({ lost: isLost }));

  const connect = () => {
    retry = null;
    const s = open(url);
    source = s;
    s.addEventListener('status', (ev) => {
      let status: PublicStatus;
      try {
        status = JSON.parse(ev.data) as PublicStatus;
      } catch {
        return; // a torn frame: the next one is whole
      }
      lost.set(true);
      set({ status });
    });
    s.onopen = () => lost.set(true);
    s.onerror = () => {
      lost.set(false);
      // EventSource retries a dropped stream itself, but not an answer that was not a stream.
      if (s.readyState === CLOSED && !stopped && retry === null) {
        s.close();
        retry = setTimeout(connect, retryAfterMs);
      }
    };
  };
  connect();
  return () => {
    stopped = true;
    lost.stop();
    if (retry !== null) clearTimeout(retry);
    source?.close();
  };
}
