// Speaks the calls the queue lets through, one after another: a call is never cut off by the next,
// and calls that arrive together wait their turn. While sound is blocked (or the volume is 0) the
// calls are only marked heard: nobody wants a backlog read out when someone finally clicks.
import type { RecentCall } from '@jiaohao/shared/schemas';
import type { SoundOutput } from './output';
import { planCall, type SpeechSettings } from './plan';
import { dropPending, EMPTY_QUEUE, observeCalls, takeNext, type CallJob, type CallQueue } from './queue';

export interface AnnouncerSettings extends SpeechSettings {
  readonly volume: number;
}

export interface Announcer {
  /** Offers the zone's recent calls of the state at `officeSeq`, seen at `serverNow`. */
  offer(calls: readonly RecentCall[], officeSeq: number, serverNow: number): void;
  /** Resolves when nothing is playing or waiting (for tests). */
  idle(): Promise<void>;
}

export interface AnnouncerDeps {
  readonly output: SoundOutput;
  readonly settings: () => AnnouncerSettings;
  /** A counter's number, as said ("5號櫃台"); undefined when the counter is unknown. */
  readonly counterNumber: (counterId: string) => number | undefined;
  /** Told each call as it starts being spoken (the screen highlights it, tests listen). */
  readonly onSpeak?: (job: CallJob) => void;
}

export function createAnnouncer(deps: AnnouncerDeps): Announcer {
  let queue: CallQueue = EMPTY_QUEUE;
  let playing = false;
  let idleWaiters: (() => void)[] = [];

  const settle = () => {
    if (playing || queue.pending.length > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const pump = async () => {
    if (playing) return;
    playing = true;
    try {
      for (;;) {
        const settings = deps.settings();
        if (deps.output.blocked || settings.volume === 0) {
          queue = dropPending(queue);
          break;
        }
        const [job, rest] = takeNext(queue);
        queue = rest;
        if (!job) break;
        const counter = deps.counterNumber(job.counterId);
        if (counter === undefined) continue;
        deps.output.setVolume(settings.volume);
        deps.onSpeak?.(job);
        for (const step of planCall(job, counter, settings, deps.output)) await deps.output.play(step);
      }
    } finally {
      playing = false;
      settle();
    }
  };

  return {
    offer(calls, officeSeq, serverNow) {
      const before = queue;
      queue = observeCalls(queue, calls, officeSeq, serverNow);
      if (queue !== before) void pump();
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settle();
      });
    },
  };
}
