// Which waiting ticket a counter calls next, and why. Pure: the server calls it inside the call-next
// transaction, the counter client can call it to preview the next ticket.
import type { Counter, QueuePolicy, Ticket } from './domain.schemas';

export const PICK_REASONS = [
  'transferred_here',
  'appointment_due',
  'priority_counter',
  'priority_waited_too_long',
  'priority_every_nth',
  'longest_wait',
] as const;
export type PickReason = (typeof PICK_REASONS)[number];

export const DEFAULT_POLICY: QueuePolicy = {
  priorityMaxWaitMinutes: 10,
  priorityEveryNth: 3,
  appointmentEarlyMinutes: 5,
  appointmentLateMinutes: 15,
};

export type PickCandidate = Pick<
  Ticket,
  'id' | 'serviceId' | 'class' | 'state' | 'queuedAt' | 'targetCounterId' | 'appointmentAt'
>;
export type PickCounter = Pick<Counter, 'id' | 'serviceIds' | 'isPriority' | 'callsSincePriority'>;
export type TargetWaits = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export interface PickResult<T> {
  readonly ticket: T;
  readonly reason: PickReason;
}

const MINUTE = 60_000;

function targetOf(targets: TargetWaits, serviceId: string): number {
  const v = targets instanceof Map ? targets.get(serviceId) : (targets as Record<string, number>)[serviceId];
  return v && v > 0 ? v : 15;
}

/** Earlier queue time first, then id: the order a fair line keeps. */
function byQueueOrder(a: PickCandidate, b: PickCandidate): number {
  const d = Date.parse(a.queuedAt) - Date.parse(b.queuedAt);
  return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function oldest<T extends PickCandidate>(list: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const t of list) if (!best || byQueueOrder(t, best) < 0) best = t;
  return best;
}

/**
 * The next ticket for `counter` among `waiting`, with the rule that chose it:
 * 1. tickets transferred to this counter; 2. appointments whose slot has started;
 * 3. priority tickets (at once at a priority counter, elsewhere after a wait or every Nth call);
 * 4. the longest wait among the counter's services, weighted by each line's target wait.
 */
export function pickNext<T extends PickCandidate>(
  waiting: readonly T[],
  counter: PickCounter,
  now: number,
  policy: QueuePolicy = DEFAULT_POLICY,
  targetWaitMinutes: TargetWaits = {},
): PickResult<T> | null {
  const serves = new Set(counter.serviceIds);
  const transferred: T[] = [];
  const dueAppointments: T[] = [];
  const priority: T[] = [];
  const general: T[] = [];

  for (const t of waiting) {
    if (t.state !== 'waiting') continue;
    if (t.targetCounterId !== null) {
      if (t.targetCounterId === counter.id) transferred.push(t);
      continue; // held for another counter
    }
    if (!serves.has(t.serviceId)) continue;
    if (t.class === 'appointment' && t.appointmentAt !== null) {
      const slot = Date.parse(t.appointmentAt);
      if (now < slot - policy.appointmentEarlyMinutes * MINUTE) continue; // too early: not yet in line
      if (now <= slot + policy.appointmentLateMinutes * MINUTE) {
        dueAppointments.push(t);
        continue;
      }
    }
    if (t.class === 'priority') priority.push(t);
    general.push(t);
  }

  const first = oldest(transferred);
  if (first) return { ticket: first, reason: 'transferred_here' };

  const appointment = oldest(dueAppointments);
  if (appointment) return { ticket: appointment, reason: 'appointment_due' };

  const firstPriority = oldest(priority);
  if (firstPriority) {
    if (counter.isPriority) return { ticket: firstPriority, reason: 'priority_counter' };
    if (now - Date.parse(firstPriority.queuedAt) >= policy.priorityMaxWaitMinutes * MINUTE) {
      return { ticket: firstPriority, reason: 'priority_waited_too_long' };
    }
    if (policy.priorityEveryNth > 0 && counter.callsSincePriority + 1 >= policy.priorityEveryNth) {
      return { ticket: firstPriority, reason: 'priority_every_nth' };
    }
  }

  let best: T | undefined;
  let bestScore = -Infinity;
  for (const t of general) {
    // Waiting time as a share of the line's target: a line over its target is served sooner.
    const score = (now - Date.parse(t.queuedAt)) / targetOf(targetWaitMinutes, t.serviceId);
    if (score > bestScore || (score === bestScore && best && byQueueOrder(t, best) < 0)) {
      best = t;
      bestScore = score;
    }
  }
  return best ? { ticket: best, reason: 'longest_wait' } : null;
}

/** Whether a call of this class resets the counter's every-Nth count. */
export function callsSincePriorityAfter(counter: PickCounter, picked: Pick<Ticket, 'class'>): number {
  return picked.class === 'priority' ? 0 : counter.callsSincePriority + 1;
}

