// The wait estimate the kiosk, the e-ticket page and the public feeds give: when will this ticket be
// called? Pure, from what the engine knows at that moment (the office's "load"):
//
// - every waiting ticket of the day, its line, class and queue time, because the counters serve
//   several lines and pickNext weighs each wait by its line's target (a line with a 10-minute target
//   goes ahead of one with 20 minutes once its wait is half as long): the people ahead are not just
//   the ticket's own line;
// - each open counter, the lines it serves, its calls since its last priority one, and since when
//   its resident has been there, so the first call comes when the first counter frees, not after a
//   whole handling time; a paused counter, back when such a pause is usually over;
// - per line the recent handling times (mean, spread, and what is left of one already running),
//   the day's share of no-shows (a no-show costs a few minutes of calling, not a handling time), and
//   the arrivals: the office's over the last hour, shared out by each line's and class's share of
//   the day's tickets (a line's own count over an hour is too few to say much), because priority
//   tickets and residents of lines with a shorter target come in later and still go ahead.
//
// The call time comes from replaying the queue: each counter, when it frees, calls whom pickNext
// would call (held, due booking, priority by its rules, then the longest wait by target), and takes
// the line's mean time; residents still to come join at the rate seen. Two corrections make the mean
// path the expected one: the first calls come when the first counters free, and which ones free
// first is random (the order statistics of what is left of each resident's handling); and later
// calls come a little sooner than a replay of mean times gives, since a counter that drew short cases
// calls again sooner (renewal: half the handling time's variance over its mean per call). The range
// is that time less 1.1 and plus 1.4 standard deviations (the handling times of the work ahead and
// of the residents at the counters, how many more come, the handling means known from a few dozen
// cases, and what the model does not see: a counter away, a clerk's pace), in whole minutes below 20
// ("12–17 min") and 5-minute steps from there ("25–40 min"); edges of 5-minute steps everywhere
// would add minutes of width to the short waits that are most of a quiet day.
// bench/simulate.ts measures it on a simulated day against the actual waits (README: "Wait estimates").
import type { QueuePolicy, TicketClass, WaitEstimate } from './domain.schemas';
import { DEFAULT_POLICY } from './pick-next';

const MINUTE = 60_000;
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
  /** Ordinary calls since its last priority one (pickNext's every-Nth rule); 0 when absent. */
  readonly callsSincePriority?: number;
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
  /** Tickets issued in the arrival window (`OfficeLoad.arrivalWindowMinutes`), per class. */
  readonly recentArrivals: { readonly normal: number; readonly priority: number };
  /** Tickets issued today, per class (the line's share of the office's arrivals); the window's when absent. */
  readonly todayArrivals?: { readonly normal: number; readonly priority: number };
}

export interface OfficeLoad {
  readonly now: number;
  readonly waiting: readonly LoadTicket[];
  /** Open and paused counters (a closed one calls nobody today). */
  readonly counters: readonly LoadCounter[];
  readonly lines: Readonly<Record<string, LoadLine>>;
  readonly policy?: QueuePolicy;
  /** Minutes the lines' `recentArrivals` cover: ARRIVAL_WINDOW_MINUTES, less early in the day. */
  readonly arrivalWindowMinutes?: number;
}

/** Whose call is estimated: a ticket waiting now, or one about to be issued (`queuedAt` = now). */
export interface EstimateSubject {
  readonly id?: string;
  readonly serviceId: string;
  readonly class: TicketClass;
  readonly queuedAt: number;
  /** Epoch ms of its slot, for an appointment ticket about to be issued (one waiting has its own). */
  readonly appointmentAt?: number | null;
}

/** The arrival rate is read over this many minutes before now. */
export const ARRIVAL_WINDOW_MINUTES = 60;
/** The shortest span a rate is read over (the first minutes of a day say little). */
const MIN_ARRIVAL_WINDOW_MINUTES = 10;
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
/** A pause that has run past its usual length is taken to end within this many minutes. */
const PAUSE_OVERRUN_MINUTES = 5;

/**
 * The range below and above the expected call, in standard deviations: about 80% of waits fall
 * inside. Wider above: a wait runs long (a hard case, a counter away) more than it runs short.
 */
const Z_BELOW = 1.1;
const Z_ABOVE = 1.4;
/** What the model does not see (a counter away, a clerk's pace, a change in arrivals), as a share of the wait. */
const MODEL_ERROR = 0.1;
/** And in minutes, for a wait of a few minutes or more (a resident slow to come up, a quick case). */
const NEAR_ERROR = 2;
const NEAR_MINUTES = 5;
/** Range edges in whole minutes below this, in 5-minute steps from it ("12–17 min", "25–40 min"). */
const WHOLE_MINUTES_BELOW = 20;
const STEP = 5;
/** The narrowest range, minutes ("0–2 min": called as soon as the counter calls). */
const MIN_WIDTH = 2;

interface LineModel {
  readonly target: number;
  /** Mean counter minutes a ticket of the line takes (no-shows included), and the variance. */
  readonly work: number;
  readonly variance: number;
  readonly handlingMean: number;
  readonly handlingVar: number;
  /** The recent handling times, ascending. */
  readonly recent: readonly number[];
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
    recent: [...samples].sort((a, b) => a - b),
  };
}

type Rates = ReadonlyMap<string, { readonly normal: number; readonly priority: number }>;

/**
 * Arrivals per minute of each line and class: the office's over the window, shared out by the
 * day's tickets (a line's share and its priority share hold through a day better than an hour's
 * few tickets of one line show them).
 */
function arrivalRates(load: OfficeLoad): Rates {
  const window = Math.max(MIN_ARRIVAL_WINDOW_MINUTES, load.arrivalWindowMinutes ?? ARRIVAL_WINDOW_MINUTES);
  const lines = Object.entries(load.lines).map(([id, l]) => ({ id, recent: l.recentArrivals, today: l.todayArrivals ?? l.recentArrivals }));
  let recent = 0;
  let today = 0;
  let todayPriority = 0;
  for (const l of lines) {
    recent += l.recent.normal + l.recent.priority;
    today += l.today.normal + l.today.priority;
    todayPriority += l.today.priority;
  }
  const out = new Map<string, { normal: number; priority: number }>();
  if (recent === 0 || today === 0) return out;
  const rate = recent / window;
  // A line's priority share: its own, with the office's counting as a few residents.
  const officePriority = todayPriority / today;
  for (const l of lines) {
    const n = l.today.normal + l.today.priority;
    const lineRate = (rate * n) / today;
    const priority = (l.today.priority + PRIOR_WEIGHT * officePriority) / (n + PRIOR_WEIGHT);
    out.set(l.id, { normal: lineRate * (1 - priority), priority: lineRate * priority });
  }
  return out;
}

/** Minutes until a counter is free: what is left of its resident's handling, judged by the line's recent ones. */
function residual(counter: LoadCounter, model: LineModel | undefined, now: number): number {
  if (counter.pause) {
    const paused = (now - counter.pause.since) / MINUTE;
    if (paused > PAUSE_GIVE_UP_MINUTES) return Infinity;
    // Back when such a pause is usually over; one that has run long is taken to end within minutes.
    return Math.max(PAUSE_OVERRUN_MINUTES, (PAUSE_MINUTES[counter.pause.reason] ?? 15) - paused);
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

function varianceOf(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
}

/** What may be left of a busy counter's resident, ascending, as the line's recent cases say; null when not random. */
function residualSamples(counter: LoadCounter, model: LineModel | undefined, now: number): number[] | null {
  if (counter.pause || !counter.busy || !model) return null;
  const elapsed = Math.max(0, (now - counter.busy.since) / MINUTE);
  const left = counter.busy.serving
    ? model.recent.filter((m) => m > elapsed).map((m) => m - elapsed)
    : model.recent.map((m) => Math.max(0, WALK_UP_MINUTES - elapsed) + m);
  return left.length >= PRIOR_WEIGHT ? left : null;
}

/** A line in the replay: its waiting tickets by class, oldest first, and its bookings. */
interface SimLine {
  readonly id: string;
  readonly target: number;
  readonly normal: Queue;
  readonly priority: Queue;
  readonly booked: SimTicket[];
}

interface SimCounter {
  readonly serves: readonly SimLine[];
  /** Tickets transferred to this counter. */
  readonly held: Queue | undefined;
  readonly isPriority: boolean;
  /** Serves the subject's line. */
  readonly pool: boolean;
  /** When it frees, minutes from now; what may be left of its resident (ascending samples), if random. */
  free: number;
  readonly left: readonly number[] | null;
  /** The variance of when it frees (its resident's handling is random too). */
  readonly leftVar: number;
  calls: number;
  /** Has called someone in the replay. */
  used: boolean;
}

/**
 * Mean and variance of when the (n + 1)-th of the counters frees, each at a time drawn from its
 * samples (or at its fixed time): the first calls of the replay, made before any counter calls twice.
 */
function orderStatistic(counters: readonly SimCounter[], n: number): { mean: number; variance: number } {
  let top = 0;
  for (const c of counters) top = Math.max(top, c.left ? c.left[c.left.length - 1]! : c.free);
  if (top <= 0) return { mean: 0, variance: 0 };
  const steps = 120;
  const h = top / steps;
  const seen = counters.map(() => 0);
  const q = new Float64Array(n + 1);
  let e1 = 0;
  let e2 = 0;
  for (let i = 0; i < steps; i++) {
    const x = (i + 0.5) * h;
    // q[j]: the chance that exactly j counters have freed by x (j ≤ n).
    q.fill(0);
    q[0] = 1;
    counters.forEach((c, k) => {
      let p: number;
      if (c.left) {
        while (seen[k]! < c.left.length && c.left[seen[k]!]! <= x) seen[k]!++;
        p = seen[k]! / c.left.length;
      } else p = c.free <= x ? 1 : 0;
      for (let j = n; j >= 0; j--) q[j] = q[j]! * (1 - p) + (j > 0 ? q[j - 1]! * p : 0);
    });
    let notYet = 0;
    for (let j = 0; j <= n; j++) notYet += q[j]!;
    e1 += notYet * h;
    e2 += 2 * x * notYet * h;
  }
  return { mean: e1, variance: Math.max(0, e2 - e1 * e1) };
}

/** A ticket in the replay, its times in minutes from now. */
interface SimTicket {
  readonly line: string;
  readonly cls: TicketClass;
  readonly queuedAt: number;
  /** A booking: due from `due` (its slot less the early minutes) until `late`; then it waits like any ticket. */
  readonly due: number;
  readonly late: number;
  readonly subject: boolean;
  /** One of the residents still to come. */
  readonly expected: boolean;
}

/** Oldest first; the subject after others who joined at the same moment. */
const byAge = (a: SimTicket, b: SimTicket) => a.queuedAt - b.queuedAt || (a.subject ? 1 : 0) - (b.subject ? 1 : 0);

/** A line's tickets of one class, oldest first, called from the head. */
class Queue {
  readonly items: SimTicket[] = [];
  head = 0;
  first(): SimTicket | undefined {
    return this.items[this.head];
  }
}

/**
 * The wait range for `subject`, in minutes from now, or null ("unknown") when no open counter serves
 * its line or the office cannot reach it within MAX_ESTIMATE_MINUTES.
 */
export function estimateCall(load: OfficeLoad, subject: EstimateSubject): WaitEstimate {
  const point = expectedCall(load, subject);
  if (point === null) return null;
  const { minutes, sd } = point;
  const edge = (x: number) => (x < WHOLE_MINUTES_BELOW ? Math.round(x) : Math.round(x / STEP) * STEP);
  const min = Math.max(0, edge(minutes - Z_BELOW * sd));
  let max = edge(minutes + Z_ABOVE * sd);
  if (max - min < MIN_WIDTH) max = min + (min < WHOLE_MINUTES_BELOW ? MIN_WIDTH : STEP);
  return { min, max };
}

/** The expected minutes until the call, and their standard deviation; null when unknowable. */
export function expectedCall(load: OfficeLoad, subject: EstimateSubject): { minutes: number; sd: number } | null {
  const policy = load.policy ?? DEFAULT_POLICY;
  const { now } = load;
  const models = new Map<string, LineModel>();
  for (const [id, line] of Object.entries(load.lines)) models.set(id, lineModel(line));
  const own = models.get(subject.serviceId);
  if (!own) return null;
  // Nobody open serves the line (a pause alone is not enough to promise a time).
  if (!load.counters.some((c) => !c.pause && c.serviceIds.includes(subject.serviceId))) return null;

  // The waiting tickets by line and class (held ones by counter, bookings by line), oldest first.
  const rel = (ms: number) => (ms - now) / MINUTE;
  const lines = new Map<string, SimLine>();
  for (const [id, m] of models) lines.set(id, { id, target: m.target, normal: new Queue(), priority: new Queue(), booked: [] });
  const held = new Map<string, Queue>();
  let found = false;
  for (const t of load.waiting) {
    const line = lines.get(t.serviceId);
    if (!line) continue;
    const isSubject = subject.id !== undefined && t.id === subject.id;
    found ||= isSubject;
    const slot = t.appointmentAt === null ? null : rel(t.appointmentAt);
    const s: SimTicket = {
      line: t.serviceId,
      cls: t.class,
      queuedAt: rel(t.queuedAt),
      due: slot === null ? -Infinity : slot - policy.appointmentEarlyMinutes,
      late: slot === null ? -Infinity : slot + policy.appointmentLateMinutes,
      subject: isSubject,
      expected: false,
    };
    if (t.targetCounterId !== null) {
      const q = held.get(t.targetCounterId) ?? new Queue();
      q.items.push(s);
      held.set(t.targetCounterId, q);
    } else if (t.class === 'appointment' && slot !== null) line.booked.push(s);
    else (t.class === 'priority' ? line.priority : line.normal).items.push(s);
  }
  if (!found) {
    const line = lines.get(subject.serviceId)!;
    const slot = subject.class === 'appointment' && subject.appointmentAt != null ? rel(subject.appointmentAt) : null;
    if (slot !== null) {
      // A booking checked in: served at its slot, as pickNext serves it.
      const s = { line: subject.serviceId, cls: subject.class, queuedAt: rel(subject.queuedAt), subject: true, expected: false };
      line.booked.push({ ...s, due: slot - policy.appointmentEarlyMinutes, late: slot + policy.appointmentLateMinutes });
    } else {
      const cls = subject.class === 'priority' ? 'priority' : 'normal';
      (cls === 'priority' ? line.priority : line.normal).items.push({
        line: subject.serviceId,
        cls,
        queuedAt: rel(subject.queuedAt),
        due: -Infinity,
        late: -Infinity,
        subject: true,
        expected: false,
      });
    }
  }
  for (const line of lines.values()) {
    line.normal.items.sort(byAge);
    line.priority.items.sort(byAge);
    line.booked.sort(byAge);
  }
  for (const q of held.values()) q.items.sort(byAge);

  const counters: SimCounter[] = [];
  for (const c of load.counters) {
    const model = models.get(c.busy?.serviceId ?? '');
    const free = residual(c, model, now);
    const serves = c.serviceIds.flatMap((id) => lines.get(id) ?? []);
    if (!Number.isFinite(free) || serves.length === 0) continue;
    const left = residualSamples(c, model, now);
    counters.push({
      serves,
      held: held.get(c.id),
      isPriority: c.isPriority,
      pool: c.serviceIds.includes(subject.serviceId),
      free,
      left,
      leftVar: left ? varianceOf(left) : c.busy && !c.pause ? (model?.handlingVar ?? 0) : 0,
      calls: c.callsSincePriority ?? 0,
      used: false,
    });
  }
  const pool = counters.filter((c) => c.pool);
  if (pool.length === 0) return null;

  // Residents still to come who can go ahead: priority ones (of an ordinary subject), and those of
  // lines with a shorter target. They join at the rate seen, the first half an interval from now.
  const rates = arrivalRates(load);
  const streams: { readonly line: SimLine; readonly cls: 'normal' | 'priority'; readonly every: number; next: number }[] = [];
  for (const line of lines.values()) {
    const r = rates.get(line.id);
    if (!r) continue;
    if (subject.class !== 'priority' && r.priority > 0) streams.push({ line, cls: 'priority', every: 1 / r.priority, next: 0.5 / r.priority });
    if (line.target < own.target && r.normal > 0) streams.push({ line, cls: 'normal', every: 1 / r.normal, next: 0.5 / r.normal });
  }
  const admit = (t: number) => {
    for (const s of streams) {
      for (; s.next <= t; s.next += s.every) {
        (s.cls === 'priority' ? s.line.priority : s.line.normal).items.push({ line: s.line.id, cls: s.cls, queuedAt: s.next, due: -Infinity, late: -Infinity, subject: false, expected: true });
      }
    }
  };

  // What the pool's calls before the subject add up to: their work and its variance, the variance
  // of how many residents still to come are among them, and per line the work (for the error of
  // the line's mean).
  let count = 0;
  let work = 0;
  let variance = 0;
  let arrivalVar = 0;
  let reused = false;
  const lineWork = new Map<string, number>();

  for (let steps = 0; steps < 50_000; steps++) {
    let k: SimCounter | undefined;
    for (const c of counters) if (!k || c.free < k.free) k = c;
    if (!k || k.free > MAX_ESTIMATE_MINUTES) return null;
    const t = k.free;
    admit(t);

    // pickNext for counter k at t: held for it, a due booking, a priority ticket by the policy,
    // then the longest wait by its line's target (a booking past its late minutes among them).
    let pick = k.held?.first();
    let from: Queue | SimTicket[] | undefined = pick && k.held;
    if (!pick) {
      for (const line of k.serves) {
        for (const b of line.booked) {
          if (b.due <= t && t <= b.late && (!pick || b.queuedAt < pick.queuedAt)) {
            pick = b;
            from = line.booked;
          }
        }
      }
    }
    if (!pick) {
      let oldest: Queue | undefined;
      for (const line of k.serves) {
        const f = line.priority.first();
        if (f && f.queuedAt <= t && (!oldest || byAge(f, oldest.first()!) < 0)) oldest = line.priority;
      }
      const p = oldest?.first();
      if (p && (k.isPriority || t - p.queuedAt >= policy.priorityMaxWaitMinutes || (policy.priorityEveryNth > 0 && k.calls + 1 >= policy.priorityEveryNth))) {
        pick = p;
        from = oldest;
      }
    }
    if (!pick) {
      let best = -Infinity;
      const consider = (f: SimTicket | undefined, target: number, q: Queue | SimTicket[]) => {
        if (!f || f.queuedAt > t) return;
        const score = (t - f.queuedAt) / target;
        if (score > best || (score === best && pick && byAge(f, pick) < 0)) {
          best = score;
          pick = f;
          from = q;
        }
      };
      for (const line of k.serves) {
        consider(line.normal.first(), line.target, line.normal);
        consider(line.priority.first(), line.target, line.priority);
        for (const b of line.booked) if (t > b.late) consider(b, line.target, line.booked);
      }
    }

    if (!pick || !from) {
      // Nothing for this counter now: it looks again when someone of its lines comes or a booking is due.
      let next = Infinity;
      for (const s of streams) if (k.serves.includes(s.line)) next = Math.min(next, s.next);
      for (const line of k.serves) for (const b of line.booked) if (b.due > t) next = Math.min(next, b.due);
      k.free = next;
      continue;
    }
    if (pick.subject) {
      // Held for a counter that does not serve its line (a transfer): that counter's time alone.
      if (!k.pool) return spreadOf(t, k.leftVar);
      const c = pool.length;
      let meanVar = 0;
      for (const [line, w] of lineWork) {
        const m = models.get(line)!;
        // The line's mean is known from its recent cases: its error scales all of that line's work.
        meanVar += (w * w * m.handlingVar) / ((m.recent.length + PRIOR_WEIGHT) * m.handlingMean * m.handlingMean);
      }
      const other = (arrivalVar + meanVar) / (c * c);
      if (!reused && !k.used) {
        // Among the first calls: when the (count + 1)-th counter frees, which is random.
        const first = orderStatistic(pool, count);
        return spreadOf(first.mean, first.variance + other);
      }
      // A replay of mean times is a little late when several counters share the work: the next call
      // is whichever counter frees first, and one that drew short cases calls again sooner (renewal:
      // half the variance over the mean per call; exact at one counter, where the replay is).
      const renewal = count > 0 ? (variance / work / 2) * (1 - 1 / c) * Math.min(1, count / c) : 0;
      const leftVar = pool.reduce((a, p) => a + p.leftVar, 0);
      return spreadOf(Math.max(0, t - renewal), (variance + leftVar) / (c * c) + other);
    }
    if (Array.isArray(from)) from.splice(from.indexOf(pick), 1);
    else from.head++;
    const m = models.get(pick.line)!;
    k.calls = pick.cls === 'priority' ? 0 : k.calls + 1;
    k.free = t + m.work;
    if (k.pool) {
      if (k.used) reused = true;
      count++;
      work += m.work;
      variance += m.variance;
      lineWork.set(pick.line, (lineWork.get(pick.line) ?? 0) + m.work);
      // How many come is random (Poisson): each one more or fewer is a whole resident's work.
      if (pick.expected) arrivalVar += m.work * m.work;
    }
    k.used = true;
  }
  return null;
}

/** The expected call and its standard deviation: what the model knows of the spread, and what it does not see. */
function spreadOf(minutes: number, variance: number): { minutes: number; sd: number } {
  const unseen = (MODEL_ERROR * minutes) ** 2 + NEAR_ERROR ** 2 * Math.min(1, minutes / NEAR_MINUTES);
  return { minutes, sd: Math.sqrt(variance + unseen) };
}
