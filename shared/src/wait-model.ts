// The wait estimate the kiosk, the e-ticket page and the public feeds give: when will this ticket be
// called? Pure, from what the engine knows at that moment (the office's "load"):
//
// - every waiting ticket of the day, its line, class and queue time, because the counters serve
//   several lines and pickNext weighs each wait by its line's target (a line with a 10-minute target
//   goes ahead of one with 20 minutes once its wait is half as long): the people ahead are not just
//   the ticket's own line;
// - each open counter, the lines it serves and since when its resident has been there, so the first
//   call comes when the first counter frees, not after a whole handling time;
// - per line the recent handling times (mean, spread, and what is left of one already running),
//   the day's share of no-shows (a no-show costs a few minutes of calling, not a handling time), and
//   the last half hour's arrivals (priority tickets and residents of lines with a shorter target
//   come in later and still go ahead).
//
// The call time is where the counters' cumulative working time first covers the work ahead of the
// ticket; the range is that time plus or minus the spread of that work (the handling times vary),
// rounded to 5-minute steps as residents read it ("10–15 min"). bench/simulate.ts measures it on a
// simulated day against the actual waits (README: "Wait estimates").
import type { QueuePolicy, TicketClass, WaitEstimate } from './domain.schemas';
import { DEFAULT_POLICY } from './pick-next';

const MINUTE = 60_000;
const STEP = 5;
/** No estimate is longer than an office day: beyond that the office cannot keep up and says "unknown". */
export const MAX_ESTIMATE_MINUTES = 600;

/** A waiting ticket as the estimate sees it. */
export interface LoadTicket {
  readonly id: string;
  readonly serviceId: string;
  readonly class: TicketClass;
  /** Epoch ms it joined the line (queuedAt). */
  readonly queuedAt: number;
  /** Epoch ms of its slot, for an appointment ticket. */
  readonly appointmentAt: number | null;
  /** Held for one counter (a transfer): only that counter calls it. */
  readonly targetCounterId: string | null;
}

/** An open or paused counter (a paused one comes back once its break should be over). */
export interface LoadCounter {
  readonly id: string;
  readonly serviceIds: readonly string[];
  readonly isPriority: boolean;
  /** The resident at it now: their line, since when (epoch ms), and whether they have come up yet. */
  readonly busy: { readonly serviceId: string; readonly since: number; readonly serving: boolean } | null;
  /** Paused: since when (epoch ms) and why (a pause reason); null or absent when open. */
  readonly pause?: { readonly since: number; readonly reason: string } | null;
}

/** What the day has shown of a line. */
export interface LoadLine {
  readonly targetWaitMinutes: number;
  /** The service's handling-time target, used until enough residents were served today. */
  readonly targetHandlingMinutes: number;
  /** Recent handling times of done tickets, minutes (the newest few dozen). */
  readonly recentHandlingMinutes: readonly number[];
  /** Of the line's tickets called today, how many were no-shows, and of how many. */
  readonly noShows: number;
  readonly called: number;
  /** Tickets issued in the last `ARRIVAL_WINDOW_MINUTES`, per class. */
  readonly recentArrivals: { readonly normal: number; readonly priority: number };
}

export interface OfficeLoad {
  readonly now: number;
  readonly waiting: readonly LoadTicket[];
  /** Open and paused counters (a closed one calls nobody today). */
  readonly counters: readonly LoadCounter[];
  readonly lines: Readonly<Record<string, LoadLine>>;
  readonly policy?: QueuePolicy;
}

/** Whose call is estimated: a ticket waiting now, or one about to be issued (`queuedAt` = now). */
export interface EstimateSubject {
  readonly id?: string;
  readonly serviceId: string;
  readonly class: TicketClass;
  readonly queuedAt: number;
}

/** The arrival rate is read over this many minutes before now. */
export const ARRIVAL_WINDOW_MINUTES = 30;
/** Handling times the mean and spread are taken over (older ones no longer say much about now). */
export const RECENT_HANDLING = 30;
/** Until this many were served today, the line's target handling time counts as much as this many. */
const PRIOR_WEIGHT = 3;
/** Minutes a counter spends on a no-show (calls, recalls, waiting), when the day has not shown it. */
const NO_SHOW_MINUTES = 2;
/** Minutes from a call to the resident reaching the counter. */
const WALK_UP_MINUTES = 0.5;
/** How long a pause of each reason lasts, minutes (a meal break is the longest). */
const PAUSE_MINUTES: Readonly<Record<string, number>> = { meal: 45, break: 15, meeting: 30, system_issue: 15, other: 15 };
/** A pause older than this is not coming back today as far as the estimate knows. */
const PAUSE_GIVE_UP_MINUTES = 120;

/**
 * The range below and above the expected call, in standard deviations of the work ahead: about 80%
 * of waits fall inside. Wider above: a wait runs long (a hard case, a pause) more than it runs short.
 */
const Z_BELOW = 1.3;
const Z_ABOVE = 1.7;
/** What the model does not see (pauses, a long case, a clerk's pace), as a share of the wait. */
const MODEL_ERROR = 0.12;

interface LineModel {
  readonly target: number;
  /** Mean counter minutes a ticket of the line takes (no-shows included), and the variance. */
  readonly work: number;
  readonly variance: number;
  readonly handlingMean: number;
  readonly handlingVar: number;
  readonly recent: readonly number[];
  /** Arrivals per minute. */
  readonly normalRate: number;
  readonly priorityRate: number;
}

function lineModel(line: LoadLine): LineModel {
  const samples = line.recentHandlingMinutes.filter((m) => Number.isFinite(m) && m > 0).slice(0, RECENT_HANDLING);
  const prior = Math.max(1, line.targetHandlingMinutes);
  // The target counts as a few residents until the day has shown its own pace.
  const n = samples.length + PRIOR_WEIGHT;
  const mean = (samples.reduce((a, b) => a + b, 0) + PRIOR_WEIGHT * prior) / n;
  // Spread: the samples' own, with the prior assuming a coefficient of variation of one half.
  const priorVar = (0.5 * prior) ** 2;
  const sq = samples.reduce((a, b) => a + (b - mean) ** 2, 0) + PRIOR_WEIGHT * (priorVar + (prior - mean) ** 2);
  const handlingVar = sq / n;
  const noShowShare = line.called > 0 ? (line.noShows + 0.05 * PRIOR_WEIGHT) / (line.called + PRIOR_WEIGHT) : 0.05;
  // A resident who comes takes the walk up to the counter and the handling; a no-show, the calling.
  const served = mean + WALK_UP_MINUTES;
  const work = (1 - noShowShare) * served + noShowShare * NO_SHOW_MINUTES;
  // E[X²] of the mixture, less the mean squared.
  const second = (1 - noShowShare) * (handlingVar + served * served) + noShowShare * NO_SHOW_MINUTES ** 2;
  return {
    target: line.targetWaitMinutes > 0 ? line.targetWaitMinutes : 15,
    work,
    variance: Math.max(0, second - work * work),
    handlingMean: mean,
    handlingVar,
    recent: samples,
    normalRate: line.recentArrivals.normal / ARRIVAL_WINDOW_MINUTES,
    priorityRate: line.recentArrivals.priority / ARRIVAL_WINDOW_MINUTES,
  };
}

/** Minutes until a counter is free: what is left of its resident's handling, judged by the line's recent ones. */
function residual(counter: LoadCounter, model: LineModel | undefined, now: number): number {
  if (counter.pause) {
    const paused = (now - counter.pause.since) / MINUTE;
    if (paused > PAUSE_GIVE_UP_MINUTES) return Infinity;
    // Back when such a pause is usually over; one that has run long is taken to end within minutes.
    return Math.max(STEP, (PAUSE_MINUTES[counter.pause.reason] ?? 15) - paused);
  }
  if (!counter.busy) return 0;
  const mean = model?.handlingMean ?? 10;
  const elapsed = Math.max(0, (now - counter.busy.since) / MINUTE);
  if (!counter.busy.serving) return Math.max(0, WALK_UP_MINUTES - elapsed) + mean;
  // The mean of what remains of the recent handling times longer than this one has run so far.
  const longer = (model?.recent ?? []).filter((m) => m > elapsed);
  if (longer.length > 0) return longer.reduce((a, b) => a + (b - elapsed), 0) / longer.length;
  // Longer than every recent one: it should end soon, though nobody knows when.
  return mean > elapsed ? mean - elapsed : Math.max(1, 0.25 * mean);
}

interface Ahead {
  /** Counter minutes of the pool's that go to others first, and how many residents that is. */
  readonly work: number;
  readonly count: number;
  readonly variance: number;
}

/**
 * The wait range for `subject`, in minutes from now, or null ("unknown") when no open counter serves
 * its line or the office cannot reach it within MAX_ESTIMATE_MINUTES.
 */
export function estimateCall(load: OfficeLoad, subject: EstimateSubject): WaitEstimate {
  const point = expectedCall(load, subject);
  if (point === null) return null;
  const { minutes, sd } = point;
  const spread = Math.sqrt(sd * sd + (MODEL_ERROR * minutes) ** 2);
  let min = Math.max(0, Math.round((minutes - Z_BELOW * spread) / STEP) * STEP);
  let max = Math.round((minutes + Z_ABOVE * spread) / STEP) * STEP;
  if (max <= min) max = min + STEP;
  // A wait expected within the step is "0–5 min", never "5–10" for someone about to be called.
  if (minutes < STEP && min > 0) min = 0;
  return { min, max };
}

/** The expected minutes until the call, and their standard deviation; null when unknowable. */
export function expectedCall(load: OfficeLoad, subject: EstimateSubject): { minutes: number; sd: number } | null {
  const policy = load.policy ?? DEFAULT_POLICY;
  const { now } = load;
  const pool = load.counters.filter((c) => c.serviceIds.includes(subject.serviceId));
  const models = new Map<string, LineModel>();
  for (const [id, line] of Object.entries(load.lines)) models.set(id, lineModel(line));
  const own = models.get(subject.serviceId);
  if (!own) return null;

  // The share of each line's work that falls on the pool: the line's open counters that are in it.
  const inPool = new Set(pool.map((c) => c.id));
  const share = new Map<string, number>();
  for (const id of models.keys()) {
    const serving = load.counters.filter((c) => c.serviceIds.includes(id));
    share.set(id, serving.length === 0 ? 0 : serving.filter((c) => inPool.has(c.id)).length / serving.length);
  }
  const residuals = pool
    .map((c) => residual(c, models.get(c.busy?.serviceId ?? ''), now))
    .filter((r) => Number.isFinite(r))
    .sort((a, b) => a - b);
  // Nobody open serves the line (a pause alone is not enough to promise a time).
  if (!pool.some((c) => !c.pause) || residuals.length === 0) return null;
  const age = Math.max(0, (now - subject.queuedAt) / MINUTE);
  const priority = subject.class === 'priority';
  const anyPriorityCounter = pool.some((c) => c.isPriority);

  const others = load.waiting.filter(
    (t) => t.id !== subject.id && (t.targetCounterId === null ? (share.get(t.serviceId) ?? 0) > 0 : inPool.has(t.targetCounterId)),
  );

  /** Residents of `serviceId` added to a sum of work ahead: `n` of them, the pool's share of each. */
  const add = (acc: { work: number; variance: number; count: number }, serviceId: string, n: number, whole = false) => {
    const m = models.get(serviceId);
    if (!m || n <= 0) return;
    const f = whole ? 1 : (share.get(serviceId) ?? 0);
    acc.work += n * f * m.work;
    acc.variance += n * f * m.variance;
    acc.count += n * f;
  };
  const myScore = (w: number) => (age + w) / own.target;
  /** An ordinary ticket ahead by pickNext's score (its wait over its line's target) at `w`. */
  const beats = (t: LoadTicket, w: number) => {
    const theirScore = ((now - t.queuedAt) / MINUTE + w) / (models.get(t.serviceId)?.target ?? 15);
    const mine = myScore(w);
    return theirScore > mine || (theirScore === mine && t.queuedAt <= subject.queuedAt);
  };
  /** Ahead by class or score, once a booking's slot does not put it first. */
  const aheadByOrder = (t: LoadTicket, w: number) => {
    // Priority tickets go by their own order, ahead of the ordinary ones.
    if (priority) return t.class === 'priority' && t.queuedAt <= subject.queuedAt;
    return t.class === 'priority' || beats(t, w);
  };

  // Sorted once, so that each step of the search below costs a few binary searches, not a pass
  // over every waiting ticket (an office with a thousand waiting issues a number in milliseconds):
  // what goes ahead whatever the call time; bookings, whose slot makes them due at some minute; and
  // per line the ordinary tickets by age, of which those ahead at `w` are the oldest ones.
  const always = { work: 0, variance: 0, count: 0 };
  const booked: { readonly t: LoadTicket; readonly due: number }[] = [];
  const byScore = new Map<string, LoadTicket[]>();
  for (const t of others) {
    if (t.targetCounterId !== null) {
      add(always, t.serviceId, 1, true); // transferred here: called first
      continue;
    }
    if (t.class === 'appointment' && t.appointmentAt !== null) {
      const due = (t.appointmentAt - now) / MINUTE - policy.appointmentEarlyMinutes;
      // Past its slot by more than the late minutes, a booking waits like any ticket.
      if (due + policy.appointmentEarlyMinutes + policy.appointmentLateMinutes >= 0) {
        booked.push({ t, due });
        continue;
      }
    }
    if (priority || t.class === 'priority') {
      if (aheadByOrder(t, 0)) add(always, t.serviceId, 1);
      continue;
    }
    const line = byScore.get(t.serviceId) ?? [];
    line.push(t);
    byScore.set(t.serviceId, line);
  }
  for (const line of byScore.values()) line.sort((a, b) => a.queuedAt - b.queuedAt);

  /** The work that goes ahead of the subject if it is called `w` minutes from now. */
  const ahead = (w: number): Ahead => {
    const acc = { ...always };
    for (const { t, due } of booked) if (due <= w || aheadByOrder(t, w)) add(acc, t.serviceId, 1);
    for (const [id, line] of byScore) {
      // The oldest first: those that beat the subject are a prefix of the line.
      let lo = 0;
      let hi = line.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (beats(line[mid]!, w)) lo = mid + 1;
        else hi = mid;
      }
      add(acc, id, lo);
    }
    if (!priority) {
      // Residents who come later and still go first: priority tickets, and those of lines whose
      // shorter target makes their wait count for more.
      for (const [id, m] of models) {
        add(acc, id, m.priorityRate * w);
        if (m.target < own.target) {
          const window = w - (m.target * (age + w)) / own.target;
          if (window > 0) add(acc, id, m.normalRate * window);
        }
      }
    }
    return acc;
  };

  /**
   * Whether the subject has been called `w` minutes from now: it is called when a counter frees
   * after every resident ahead was called (not served). The k ahead and the subject are the k + 1
   * next calls; each counter's first call comes when its resident leaves (at r), the others one per
   * resident served there. So: counter minutes given since each was free, over the mean minutes a
   * resident takes, plus the counters freed, reach k + 1.
   */
  const called = (w: number): boolean => {
    const { work, count } = ahead(w);
    const each = count > 0 ? work / count : own.work;
    let given = 0;
    let freed = 0;
    for (const r of residuals) {
      if (w < r) continue;
      freed++;
      given += w - r;
    }
    return freed > 0 && given + each * freed >= work + each;
  };

  // A priority ticket at an ordinary counter goes first once it has waited the policy's limit.
  const limit = priority && !anyPriorityCounter ? Math.max(0, policy.priorityMaxWaitMinutes - age) : Infinity;

  // The first minute the counters have done the work ahead; then to a tenth of a minute.
  let lo = 0;
  let hi = -1;
  for (let w = 0; w <= MAX_ESTIMATE_MINUTES; w += 1) {
    if (called(w)) {
      hi = w;
      break;
    }
    lo = w;
  }
  if (hi < 0) return null;
  if (hi > 0) {
    for (let i = 0; i < 12; i++) {
      const mid = (lo + hi) / 2;
      if (called(mid)) hi = mid;
      else lo = mid;
    }
  }
  let minutes = hi;
  if (minutes > limit) minutes = limit + (residuals[0] ?? 0) / residuals.length;
  const { variance } = ahead(minutes);
  // The spread of the work ahead, shared by the counters, and of when the first of them frees.
  const c = residuals.length;
  const firstVar = own.handlingVar / (c * c);
  const sd = Math.sqrt(variance / c + (residuals[0] === 0 ? 0 : firstVar)) / Math.sqrt(c);
  return { minutes, sd };
}
