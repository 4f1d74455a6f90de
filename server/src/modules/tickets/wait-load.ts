// What the wait estimate knows of the office now (shared/wait-model.ts): the day's waiting tickets,
// the open counters, who is at each since when and their calls since a priority one, and per line
// the recent handling times, the day's no-shows, and the arrivals of the last hour (since the day's
// first session, early in the day) and of the whole day. A few indexed reads; run inside a command
// (the issue answer) or for the public snapshot, which is rebuilt on a change, never per request.
import { ARRIVAL_WINDOW_MINUTES, estimateCall, instantAt, sessionsOn, type EstimateSubject, type LineEstimates, type OfficeLoad, type WaitEstimate } from '@jiaohao/shared';
import type { Store } from '../../store';

const MINUTE = 60_000;

export function officeLoad(store: Store, businessDate: string, now: number): OfficeLoad {
  const atCounter = new Map(store.tickets.atCounters(businessDate).map((t) => [t.counterId, t]));
  const outcomes = store.tickets.callOutcomes(businessDate);
  // The arrival window: the last hour, or since the day's first session began if that is later
  // (a rate read over the hour before opening would be a fraction of the real one).
  const office = store.office.office();
  const opened = office ? sessionsOn(office, businessDate).reduce((first, s) => Math.min(first, instantAt(businessDate, s.start, office.timeZone)), Infinity) : Infinity;
  const since = opened < now ? Math.max(now - ARRIVAL_WINDOW_MINUTES * MINUTE, opened) : now - ARRIVAL_WINDOW_MINUTES * MINUTE;
  const arrivals = store.tickets.arrivalsSince(businessDate, new Date(since).toISOString());
  const today = store.tickets.arrivalsSince(businessDate, '');
  const lines: Record<string, OfficeLoad['lines'][string]> = {};
  for (const s of store.services.list()) {
    if (!s.active) continue;
    const done = outcomes.get(s.id);
    const came = arrivals.get(s.id);
    const day = today.get(s.id);
    lines[s.id] = {
      targetWaitMinutes: s.targetWaitMinutes,
      targetHandlingMinutes: s.targetHandlingMinutes,
      recentHandlingMinutes: store.tickets.recentHandlingMs(s.id, businessDate).map((ms) => ms / 60_000),
      noShows: done?.noShows ?? 0,
      called: done?.called ?? 0,
      recentArrivals: { normal: came?.normal ?? 0, priority: came?.priority ?? 0 },
      todayArrivals: { normal: day?.normal ?? 0, priority: day?.priority ?? 0 },
    };
  }
  return {
    now,
    policy: store.office.policy(),
    lines,
    arrivalWindowMinutes: (now - since) / MINUTE,
    waiting: store.tickets.waitingLoad(businessDate),
    counters: store.counters
      .list()
      .filter((c) => c.active && c.status !== 'closed')
      .map((c) => {
        const t = atCounter.get(c.id);
        const since = t && (t.startedAt ?? t.calledAt);
        return {
          id: c.id,
          serviceIds: c.serviceIds,
          isPriority: c.isPriority,
          callsSincePriority: c.callsSincePriority,
          busy: t && since ? { serviceId: t.serviceId, since: Date.parse(since), serving: t.state === 'serving' } : null,
          pause: c.status === 'paused' ? store.counters.lastPause(c.id) : null,
        };
      }),
  };
}

/** The range for a resident about to take a number of `serviceId` now, per class. */
export function estimateNew(load: OfficeLoad, serviceId: string, cls: EstimateSubject['class'] = 'normal', appointmentAt: number | null = null): WaitEstimate {
  return estimateCall(load, { serviceId, class: cls, queuedAt: load.now, appointmentAt });
}

/** estimateNew for every active line and both classes, over one read of the load. */
export function lineEstimates(store: Store, businessDate: string, now: number): LineEstimates {
  const load = officeLoad(store, businessDate, now);
  const out: LineEstimates = {};
  for (const id of Object.keys(load.lines)) out[id] = { normal: estimateNew(load, id, 'normal'), priority: estimateNew(load, id, 'priority') };
  return out;
}
