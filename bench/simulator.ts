// A discrete-event simulation of one office day, driving the real engine: every ticket is issued,
// called, started, finished or missed through the command bus (the same commands the kiosk and the
// counters send) on an in-memory database, with the engine's clock set to the simulated time.
// What it measures: the wait range each ticket was given at issue (the issue answer, as the kiosk
// shows it) against the wait it then had, per line; and the waits under a queue policy.
//
// The day (DayPlan) is data: arrivals per line by hour, the priority and booking shares, handling
// times per line (lognormal: most cases quick, a few long), no-shows, and the counters' hours and
// breaks. busyMonday() is a district office's Monday: a morning rush the counters cannot keep up
// with, a lunch with half the counters away, a quiet afternoon.
import { estimateWait, rollingHandlingMinutes, type QueuePolicy, type WaitEstimate } from '@jiaohao/shared';
import { DEMO_SETUP } from '@jiaohao/server';
import { FakeClock, SYSTEM, testApp, type TestApp } from '@jiaohao/server/testing';

const MINUTE = 60_000;
/** A break this long or longer is the clerk's meal (paused as 'meal'); a shorter one, a 'break'. */
const MEAL_BREAK_MINUTES = 30;

export interface LinePlan {
  /** Residents per hour at an hourly factor of 1. */
  readonly perHour: number;
  /** Mean handling time, minutes, and its coefficient of variation. */
  readonly handlingMinutes: number;
  readonly handlingCv: number;
  /** Of the residents, the share who ask for a priority (愛心) ticket. */
  readonly priorityShare: number;
  /** Of the residents, the share who booked (they come to the appointment line at their slot). */
  readonly bookable: boolean;
}

export interface CounterPlan {
  readonly counterId: string;
  /** Minutes after 08:00 it opens and closes. */
  readonly opensAt: number;
  readonly closesAt: number;
  /** Breaks: [start, end] in minutes after 08:00. */
  readonly breaks: readonly (readonly [number, number])[];
}

export interface DayPlan {
  /** The business date (a Monday for the busy day), 08:00 office time is minute 0. */
  readonly startIso: string;
  /** Minutes after 08:00 the last resident arrives. */
  readonly arrivalsEnd: number;
  /** Factor on every line's rate, per hour from 08:00. */
  readonly hourly: readonly number[];
  readonly lines: Readonly<Record<string, LinePlan>>;
  readonly counters: readonly CounterPlan[];
  /** Share of residents who do not come when called (the clerk calls, waits, marks a no-show). */
  readonly noShowShare: number;
  /** Minutes a clerk spends on a no-show before calling the next. */
  readonly noShowMinutes: number;
  /** Minutes from the call to the resident at the counter. */
  readonly walkUpMinutes: number;
  /** Share of residents of bookable lines who booked (0 to 1). */
  readonly appointmentShare: number;
  readonly seed: number;
}

/** A Monday in Taichung: 08:00–17:30 (the last resident at 17:20), eight counters. */
export function busyMonday(over: Partial<DayPlan> = {}): DayPlan {
  const all = (id: string, opensAt = 0, breaks: readonly (readonly [number, number])[] = []): CounterPlan => ({ counterId: id, opensAt, closesAt: 570, breaks });
  return {
    startIso: '2026-12-07T00:00:00.000Z', // Monday 08:00 in Taipei
    arrivalsEnd: 560,
    //       08   09   10   11   12   13   14   15   16   17
    hourly: [1.5, 1.7, 1.5, 1.1, 0.6, 0.8, 0.9, 0.8, 0.7, 0.4],
    lines: {
      transcript: { perHour: 16, handlingMinutes: 4, handlingCv: 0.5, priorityShare: 0.06, bookable: false },
      household: { perHour: 11, handlingMinutes: 12, handlingCv: 0.7, priorityShare: 0.08, bookable: true },
      idcard: { perHour: 9, handlingMinutes: 10, handlingCv: 0.6, priorityShare: 0.08, bookable: true },
      certificate: { perHour: 6, handlingMinutes: 8, handlingCv: 0.5, priorityShare: 0.05, bookable: false },
      passport: { perHour: 4, handlingMinutes: 10, handlingCv: 0.4, priorityShare: 0.05, bookable: false },
      marriage: { perHour: 1.2, handlingMinutes: 20, handlingCv: 0.4, priorityShare: 0, bookable: false },
    },
    counters: [
      all('counter-1'),
      all('counter-2', 0, [[240, 285]]),
      all('counter-3', 0, [[240, 285]]),
      all('counter-4', 0, [[240, 285]]),
      all('counter-5', 0, [[285, 330]]),
      all('counter-6', 0, [[150, 165], [285, 330]]),
      all('counter-7', 0, [[285, 330]]),
      all('counter-8', 60),
    ],
    noShowShare: 0.05,
    noShowMinutes: 2,
    walkUpMinutes: 0.5,
    appointmentShare: 0,
    seed: 20261207,
    ...over,
  };
}

/** The same day cut short (for npm test): the first `minutes` of it, counters closing then. */
export function shortDay(minutes: number, over: Partial<DayPlan> = {}): DayPlan {
  const day = busyMonday(over);
  return {
    ...day,
    arrivalsEnd: minutes,
    counters: day.counters.map((c) => ({ ...c, closesAt: Math.min(c.closesAt, minutes + 120) })),
  };
}

/** mulberry32: a small seeded generator, so a day replays the same. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(1e-12, rand());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** A lognormal draw of the given mean and coefficient of variation. */
function lognormal(rand: () => number, mean: number, cv: number): number {
  const s2 = Math.log(1 + cv * cv);
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * normal(rand));
}

export interface TicketRecord {
  readonly id: string;
  readonly serviceId: string;
  readonly class: 'normal' | 'priority' | 'appointment';
  readonly issuedAt: number;
  readonly estimate: WaitEstimate;
  /** What a plain people-ahead × handling time ÷ counters estimate would have said. */
  readonly plain: WaitEstimate;
  calledAt: number | null;
}

export interface LineResult {
  readonly serviceId: string;
  /** Tickets called, of those issued (the others were still waiting at the end). */
  readonly called: number;
  readonly issued: number;
  /** Of the called tickets with an estimate, the share whose wait fell inside it. */
  readonly coverage: number | null;
  readonly meanWidth: number | null;
  readonly meanWait: number | null;
  readonly p90Wait: number | null;
  /** Mean absolute error of the range's middle against the wait, minutes. */
  readonly mae: number | null;
  /** The same coverage and width for the plain estimate. */
  readonly plainCoverage: number | null;
  readonly plainWidth: number | null;
}

export interface DayResult {
  readonly lines: readonly LineResult[];
  readonly all: LineResult;
  /** Waits by class, minutes. */
  readonly byClass: Readonly<Record<string, { readonly count: number; readonly mean: number | null; readonly p90: number | null }>>;
  readonly tickets: readonly TicketRecord[];
  /** Commands run through the bus. */
  readonly commands: number;
  /** Whether the event log still verifies after the day (the engine wrote it all). */
  readonly logIntact: boolean;
}

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
function p90(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)]!;
}

function lineResult(serviceId: string, records: readonly TicketRecord[]): LineResult {
  const called = records.filter((r) => r.calledAt !== null);
  const waits = called.map((r) => (r.calledAt! - r.issuedAt) / MINUTE);
  const judge = (pick: (r: TicketRecord) => WaitEstimate) => {
    const given = called.filter((r) => pick(r) !== null);
    const inside = given.filter((r) => {
      const e = pick(r)!;
      const w = (r.calledAt! - r.issuedAt) / MINUTE;
      return w >= e.min && w <= e.max;
    });
    return {
      coverage: given.length === 0 ? null : inside.length / given.length,
      width: mean(given.map((r) => pick(r)!.max - pick(r)!.min)),
      mae: mean(given.map((r) => Math.abs((pick(r)!.min + pick(r)!.max) / 2 - (r.calledAt! - r.issuedAt) / MINUTE))),
    };
  };
  const ours = judge((r) => r.estimate);
  const plain = judge((r) => r.plain);
  return {
    serviceId,
    called: called.length,
    issued: records.length,
    coverage: ours.coverage,
    meanWidth: ours.width,
    meanWait: mean(waits),
    p90Wait: p90(waits),
    mae: ours.mae,
    plainCoverage: plain.coverage,
    plainWidth: plain.width,
  };
}

interface Resident {
  readonly serviceId: string;
  readonly class: 'normal' | 'priority' | 'appointment';
  readonly at: number;
  readonly appointmentAt: number | null;
  readonly handling: number;
  readonly noShow: boolean;
}

/** The residents of the day, in arrival order: the same for every policy run with the same seed. */
export function residentsOf(plan: DayPlan): Resident[] {
  const rand = random(plan.seed);
  const start = Date.parse(plan.startIso);
  const out: Resident[] = [];
  for (const [serviceId, line] of Object.entries(plan.lines)) {
    let t = 0;
    for (;;) {
      const factor = plan.hourly[Math.floor(t / 60)] ?? 0;
      const rate = (line.perHour * factor) / 60;
      if (rate <= 0) break;
      t += -Math.log(Math.max(1e-12, rand())) / rate;
      if (t >= plan.arrivalsEnd) break;
      const booked = line.bookable && rand() < plan.appointmentShare;
      const priority = !booked && rand() < line.priorityShare;
      const handling = lognormal(rand, line.handlingMinutes, line.handlingCv);
      const noShow = rand() < plan.noShowShare;
      if (booked) {
        // Slots every 15 minutes; a booked resident comes up to ten minutes before theirs.
        const slot = Math.ceil((t + 5) / 15) * 15;
        out.push({ serviceId: 'appointment', class: 'appointment', at: start + (slot - 10 * rand()) * MINUTE, appointmentAt: start + slot * MINUTE, handling, noShow: false });
      } else {
        out.push({ serviceId, class: priority ? 'priority' : 'normal', at: start + t * MINUTE, appointmentAt: null, handling, noShow });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** A min-heap of timed steps; ties in the order they were scheduled. */
class Agenda {
  private heap: { at: number; seq: number; run: () => void }[] = [];
  private seq = 0;
  add(at: number, run: () => void): void {
    const h = this.heap;
    // Whole milliseconds, as a real clock gives them (the tickets table stores integers).
    h.push({ at: Math.round(at), seq: this.seq++, run });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(h[p]!, h[i]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }
  next(): { at: number; run: () => void } | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
  private less(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

/** Runs the day through the engine and returns what the estimates and waits were. */
export async function simulateDay(plan: DayPlan, policy: Partial<QueuePolicy> = {}): Promise<DayResult> {
  const start = Date.parse(plan.startIso);
  const clock = new FakeClock(start);
  const app: TestApp = await testApp({ clock, setup: DEMO_SETUP, config: { rateLimits: 'off' } });
  try {
    return await run(app, clock, plan, policy, start);
  } finally {
    await app.close();
  }
}

async function run(app: TestApp, clock: FakeClock, plan: DayPlan, policy: Partial<QueuePolicy>, start: number): Promise<DayResult> {
  const { bus } = app.services;
  let commands = 0;
  const staffPrincipal = async (name: string, role: 'clerk' | 'supervisor') => {
    const s = await bus.execute(SYSTEM, 'staff:create', { username: name, displayName: name, role, password: 'correct horse battery staple' });
    return { kind: 'staff' as const, id: s.id, role };
  };
  const boss = await staffPrincipal('sim-boss', 'supervisor');
  if (Object.keys(policy).length > 0) bus.executeNow(boss, 'policy:update', policy);
  const kiosk = { kind: 'device' as const, id: bus.executeNow(SYSTEM, 'device:create', { kind: 'kiosk', name: 'sim kiosk' }).device.id, deviceKind: 'kiosk' as const };

  const agenda = new Agenda();
  const residents = new Map<string, Resident>();
  const records = new Map<string, TicketRecord>();
  interface Desk {
    readonly plan: CounterPlan;
    readonly who: { kind: 'staff'; id: string; role: 'clerk' };
    open: boolean;
    busy: boolean;
    /** A break or the end of the day waits for the resident at the counter. */
    wantsOff: 'break' | 'close' | null;
    /** The reason the clerk gives the break under way: a meal for a long one, a break for a short one. */
    pauseReason: 'meal' | 'break';
  }
  const desks: Desk[] = [];
  for (const [i, c] of plan.counters.entries()) desks.push({ plan: c, who: { ...(await staffPrincipal(`sim-clerk${i + 1}`, 'clerk')), role: 'clerk' }, open: false, busy: false, wantsOff: null, pauseReason: 'meal' });
  const at = (minutes: number) => start + minutes * MINUTE;

  const exec = <K extends Parameters<typeof bus.executeNow>[1]>(who: Parameters<typeof bus.executeNow>[0], name: K, payload: Parameters<typeof bus.executeNow<K>>[2]) => {
    commands++;
    return bus.executeNow(who, name, payload);
  };

  const callNext = (desk: Desk): boolean => {
    if (!desk.open || desk.busy) return false;
    const { ticket } = exec(desk.who, 'counter:call-next', { counterId: desk.plan.counterId });
    if (!ticket) return false;
    desk.busy = true;
    const record = records.get(ticket.id);
    if (record && record.calledAt === null) record.calledAt = clock.now;
    const resident = residents.get(ticket.id)!;
    if (resident.noShow) {
      agenda.add(clock.now + plan.noShowMinutes * MINUTE, () => {
        exec(desk.who, 'ticket:no-show', { ticketId: ticket.id, reason: 'not_present_after_recalls' });
        free(desk);
      });
    } else {
      agenda.add(clock.now + plan.walkUpMinutes * MINUTE, () => {
        exec(desk.who, 'ticket:start', { ticketId: ticket.id });
        agenda.add(clock.now + resident.handling * MINUTE, () => {
          exec(desk.who, 'ticket:finish', { ticketId: ticket.id });
          free(desk);
        });
      });
    }
    return true;
  };
  const goOff = (desk: Desk, why: 'break' | 'close') => {
    if (why === 'break') exec(desk.who, 'counter:pause', { counterId: desk.plan.counterId, reason: desk.pauseReason });
    else exec(desk.who, 'counter:close', { counterId: desk.plan.counterId });
    desk.open = false;
  };
  const free = (desk: Desk) => {
    desk.busy = false;
    if (desk.wantsOff) {
      const why = desk.wantsOff;
      desk.wantsOff = null;
      goOff(desk, why);
      return;
    }
    callNext(desk);
  };
  const wake = () => {
    for (const desk of desks) if (desk.open && !desk.busy) callNext(desk);
  };

  for (const desk of desks) {
    agenda.add(at(desk.plan.opensAt), () => {
      exec(desk.who, 'counter:open', { counterId: desk.plan.counterId });
      desk.open = true;
      callNext(desk);
    });
    for (const [from, to] of desk.plan.breaks) {
      agenda.add(at(from), () => {
        desk.pauseReason = to - from >= MEAL_BREAK_MINUTES ? 'meal' : 'break';
        if (desk.busy) desk.wantsOff = 'break';
        else if (desk.open) goOff(desk, 'break');
      });
      agenda.add(at(to), () => {
        desk.wantsOff = null;
        if (!desk.open && !desk.busy) {
          exec(desk.who, 'counter:open', { counterId: desk.plan.counterId });
          desk.open = true;
          callNext(desk);
        }
      });
    }
    agenda.add(at(desk.plan.closesAt), () => {
      if (desk.busy) desk.wantsOff = 'close';
      else if (desk.open) goOff(desk, 'close');
    });
  }

  for (const r of residentsOf(plan)) {
    agenda.add(r.at, () => {
      // What a plain estimate would have said, from the same moment's office.
      const plain = plainEstimate(app, r.serviceId, clock.now);
      const answer =
        r.class === 'appointment'
          ? exec(boss, 'ticket:issue', { serviceId: r.serviceId, class: 'appointment', appointmentAt: new Date(r.appointmentAt!).toISOString() })
          : exec(kiosk, 'ticket:issue', { serviceId: r.serviceId, class: r.class });
      residents.set(answer.ticket.id, r);
      records.set(answer.ticket.id, { id: answer.ticket.id, serviceId: r.serviceId, class: r.class, issuedAt: clock.now, estimate: answer.estimate, plain, calledAt: null });
      wake();
    });
  }

  for (let step = agenda.next(); step; step = agenda.next()) {
    clock.now = Math.max(clock.now, step.at);
    step.run();
    // A booked resident becomes due without any command: idle counters look again each minute.
    if (step.at % MINUTE === 0) wake();
  }
  const all = [...records.values()];
  const lines = [...new Set(all.map((r) => r.serviceId))].sort().map((id) => lineResult(id, all.filter((r) => r.serviceId === id)));
  const byClass: Record<string, { count: number; mean: number | null; p90: number | null }> = {};
  for (const cls of ['normal', 'priority', 'appointment'] as const) {
    const waits = all.filter((r) => r.class === cls && r.calledAt !== null).map((r) => (r.calledAt! - r.issuedAt) / MINUTE);
    byClass[cls] = { count: waits.length, mean: mean(waits), p90: p90(waits) };
  }
  return { lines, all: lineResult('all', all), byClass, tickets: all, commands, logIntact: app.services.queries.verifyChain().ok };
}

/** People ahead in the line × its rolling handling time ÷ its open counters: the estimate before this one. */
function plainEstimate(app: TestApp, serviceId: string, now: number): WaitEstimate {
  const { store } = app;
  const date = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  const service = store.services.byId(serviceId)!;
  const openCounters = store.counters.list().filter((c) => c.active && c.status === 'open' && c.serviceIds.includes(serviceId)).length;
  return estimateWait({
    ahead: store.tickets.waitingCount(date, serviceId),
    openCounters,
    handlingMinutes: rollingHandlingMinutes(store.tickets.recentHandlingMs(serviceId, date), service.targetHandlingMinutes),
  });
}
