import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { Counter, Ticket, type TicketState } from './domain.schemas';
import { DEFAULT_POLICY, callsSincePriorityAfter, pickNext } from './pick-next';
import type { QueuePolicy } from './domain.schemas';
import { MIN, NOW, ago, counter as baseCounter, ticket } from './testing/builders';

/** A counter serving both household and passport (the lines these tests queue for). */
function counter(over: Partial<Counter> = {}): Counter {
  return baseCounter({ serviceIds: ['household', 'passport'], ...over });
}

const policy = (over: Partial<QueuePolicy> = {}): QueuePolicy => ({ ...DEFAULT_POLICY, ...over });
/** A policy under which priority tickets never jump an ordinary line. */
const noPriorityJumps = policy({ priorityMaxWaitMinutes: 10_000, priorityEveryNth: 0 });

function pickedId(...args: Parameters<typeof pickNext<Ticket>>): [string, string] | null {
  const r = pickNext(...args);
  return r ? [r.ticket.id, r.reason] : null;
}

describe('builders', () => {
  it('produce schema-valid tickets and counters', () => {
    const transferred = ticket({
      state: 'waiting',
      targetCounterId: 'c2',
      transfers: [{ at: ago(1), fromServiceId: 'passport', fromCounterId: 'c1', toServiceId: 'household', toCounterId: 'c2' }],
    });
    expect(Value.Check(Ticket, ticket())).toBe(true);
    expect(Value.Check(Ticket, transferred)).toBe(true);
    expect(Value.Check(Ticket, ticket({ class: 'appointment', appointmentAt: ago(0) }))).toBe(true);
    expect(Value.Check(Counter, counter({ isPriority: true, languages: ['zh-TW', 'en'] }))).toBe(true);
    // The check can fail.
    expect(Value.Check(Ticket, { ...ticket(), state: 'lost' })).toBe(false);
  });
});

describe('pickNext', () => {
  it('returns null when nothing waits', () => {
    expect(pickNext([], counter(), NOW)).toBeNull();
  });

  it.each(['called', 'serving', 'done', 'no_show', 'cancelled', 'expired'] as TicketState[])(
    'ignores a %s ticket, however long ago it queued',
    (state) => {
      const old = ticket({ id: 'old', state, queuedAt: ago(90) });
      expect(pickNext([old], counter(), NOW)).toBeNull();
      expect(pickedId([old, ticket({ id: 'new', queuedAt: ago(1) })], counter(), NOW)).toEqual(['new', 'longest_wait']);
    },
  );

  it('ignores a ticket no longer waiting even when it was transferred to this counter', () => {
    expect(pickNext([ticket({ state: 'called', targetCounterId: 'c1' })], counter(), NOW)).toBeNull();
  });

  it('returns the ticket object it was given', () => {
    const t = ticket();
    expect(pickNext([t], counter(), NOW)?.ticket).toBe(t);
  });

  describe('longest_wait', () => {
    it('takes the ticket that has waited longest', () => {
      const list = [
        ticket({ id: 'a', queuedAt: ago(3) }),
        ticket({ id: 'b', queuedAt: ago(12) }),
        ticket({ id: 'c', queuedAt: ago(7) }),
      ];
      expect(pickedId(list, counter(), NOW)).toEqual(['b', 'longest_wait']);
    });

    it("looks across all of the counter's services", () => {
      const list = [
        ticket({ id: 'h', serviceId: 'household', queuedAt: ago(3) }),
        ticket({ id: 'p', serviceId: 'passport', queuedAt: ago(8) }),
      ];
      expect(pickedId(list, counter(), NOW)).toEqual(['p', 'longest_wait']);
    });

    it('skips services the counter does not serve', () => {
      const list = [ticket({ id: 'other', serviceId: 'seal', queuedAt: ago(60) }), ticket({ id: 'mine', queuedAt: ago(1) })];
      expect(pickedId(list, counter(), NOW)).toEqual(['mine', 'longest_wait']);
      expect(pickNext([list[0]!], counter(), NOW)).toBeNull();
      expect(pickNext(list, counter({ serviceIds: [] }), NOW)).toBeNull();
    });

    it('skips tickets held for another counter', () => {
      const list = [ticket({ id: 'held', targetCounterId: 'c2', queuedAt: ago(60) }), ticket({ id: 'free', queuedAt: ago(1) })];
      expect(pickedId(list, counter(), NOW)).toEqual(['free', 'longest_wait']);
      expect(pickNext([list[0]!], counter(), NOW)).toBeNull();
      // …and the other counter gets it.
      expect(pickedId(list, counter({ id: 'c2' }), NOW)).toEqual(['held', 'transferred_here']);
    });

    it('breaks ties by queue time, then id, whatever the input order', () => {
      const same = ago(10);
      const list = [
        ticket({ id: 'b', queuedAt: same }),
        ticket({ id: 'a', queuedAt: same }),
        ticket({ id: 'c', queuedAt: same }),
      ];
      expect(pickedId(list, counter(), NOW)).toEqual(['a', 'longest_wait']);
      expect(pickedId([...list].reverse(), counter(), NOW)).toEqual(['a', 'longest_wait']);
    });

    it('an equal weighted wait goes to the earlier queue time', () => {
      // 10 min against a 10-min target and 20 min against a 20-min target are equally late.
      const targets = { household: 10, passport: 20 };
      const h = ticket({ id: 'a-household', serviceId: 'household', queuedAt: ago(10) });
      const p = ticket({ id: 'z-passport', serviceId: 'passport', queuedAt: ago(20) });
      expect(pickedId([h, p], counter(), NOW, DEFAULT_POLICY, targets)).toEqual(['z-passport', 'longest_wait']);
      expect(pickedId([p, h], counter(), NOW, DEFAULT_POLICY, targets)).toEqual(['z-passport', 'longest_wait']);
    });

    it('a line far over its target beats a slightly older ticket in a line with a long target', () => {
      const h = ticket({ id: 'household-late', serviceId: 'household', queuedAt: ago(20) }); // 4× its 5-min target
      const p = ticket({ id: 'passport-older', serviceId: 'passport', queuedAt: ago(25) }); // under half its 60-min target
      const targets = { household: 5, passport: 60 };
      expect(pickedId([p, h], counter(), NOW, DEFAULT_POLICY, targets)).toEqual(['household-late', 'longest_wait']);
      expect(pickedId([p, h], counter(), NOW, DEFAULT_POLICY, new Map(Object.entries(targets)))).toEqual([
        'household-late',
        'longest_wait',
      ]);
      // With equal targets the older ticket goes first.
      expect(pickedId([p, h], counter(), NOW)).toEqual(['passport-older', 'longest_wait']);
      expect(pickedId([p, h], counter(), NOW, DEFAULT_POLICY, { household: 30, passport: 30 })).toEqual([
        'passport-older',
        'longest_wait',
      ]);
    });

    it('a line without a usable target counts as a 15-minute target', () => {
      // household: 20 min / 15 (default) = 1.33; passport: 25 min / 20 = 1.25.
      const h = ticket({ id: 'h', serviceId: 'household', queuedAt: ago(20) });
      const p = ticket({ id: 'p', serviceId: 'passport', queuedAt: ago(25) });
      expect(pickedId([p, h], counter(), NOW, DEFAULT_POLICY, { passport: 20 })).toEqual(['h', 'longest_wait']);
      expect(pickedId([p, h], counter(), NOW, DEFAULT_POLICY, { household: 0, passport: 20 })).toEqual(['h', 'longest_wait']);
      expect(pickedId([p, h], counter(), NOW, DEFAULT_POLICY, { household: -5, passport: 20 })).toEqual(['h', 'longest_wait']);
      // …and 25 min / 16 = 1.56 would beat it.
      expect(pickedId([p, h], counter(), NOW, DEFAULT_POLICY, { passport: 16 })).toEqual(['p', 'longest_wait']);
    });
  });

  describe('transferred_here', () => {
    it('takes a ticket transferred to this counter before anything else', () => {
      const list = [
        ticket({ id: 'old', queuedAt: ago(60) }),
        ticket({ id: 'prio', class: 'priority', queuedAt: ago(30) }),
        ticket({ id: 'appt', class: 'appointment', appointmentAt: ago(0), queuedAt: ago(20) }),
        ticket({ id: 'moved', targetCounterId: 'c1', queuedAt: ago(1) }),
      ];
      expect(pickedId(list, counter({ isPriority: true }), NOW)).toEqual(['moved', 'transferred_here']);
    });

    it('even for a service the counter does not list', () => {
      expect(pickedId([ticket({ id: 'moved', serviceId: 'seal', targetCounterId: 'c1' })], counter(), NOW)).toEqual([
        'moved',
        'transferred_here',
      ]);
    });

    it('takes the earliest of several', () => {
      const list = [
        ticket({ id: 'b', targetCounterId: 'c1', queuedAt: ago(4) }),
        ticket({ id: 'a', targetCounterId: 'c1', queuedAt: ago(9) }),
      ];
      expect(pickedId(list, counter(), NOW)).toEqual(['a', 'transferred_here']);
    });
  });

  describe('appointment_due', () => {
    const slot = (m: number) => ({ class: 'appointment' as const, appointmentAt: ago(m) });

    it('takes an appointment whose slot has started before older walk-ins', () => {
      const list = [ticket({ id: 'walk-in', queuedAt: ago(40) }), ticket({ id: 'appt', ...slot(10), queuedAt: ago(12) })];
      expect(pickedId(list, counter(), NOW)).toEqual(['appt', 'appointment_due']);
    });

    it('comes before priority tickets, even at a priority counter', () => {
      const list = [
        ticket({ id: 'prio', class: 'priority', queuedAt: ago(40) }),
        ticket({ id: 'appt', ...slot(0), queuedAt: ago(2) }),
      ];
      expect(pickedId(list, counter({ isPriority: true }), NOW)).toEqual(['appt', 'appointment_due']);
    });

    it('is due from appointmentEarlyMinutes before the slot', () => {
      const list = [ticket({ id: 'walk-in', queuedAt: ago(40) }), ticket({ id: 'appt', ...slot(-5), queuedAt: ago(1) })];
      expect(pickedId(list, counter(), NOW)).toEqual(['appt', 'appointment_due']);
    });

    it('is skipped while too early, and nobody else is held up', () => {
      const early = ticket({ id: 'appt', ...slot(-6), queuedAt: ago(50) });
      expect(pickedId([early, ticket({ id: 'walk-in', queuedAt: ago(1) })], counter(), NOW)).toEqual(['walk-in', 'longest_wait']);
      expect(pickNext([early], counter(), NOW)).toBeNull();
      // The same ticket is due a minute later.
      expect(pickedId([early], counter(), NOW + MIN)).toEqual(['appt', 'appointment_due']);
    });

    it('is still due until appointmentLateMinutes after the slot', () => {
      const list = [ticket({ id: 'walk-in', queuedAt: ago(40) }), ticket({ id: 'appt', ...slot(15), queuedAt: ago(16) })];
      expect(pickedId(list, counter(), NOW)).toEqual(['appt', 'appointment_due']);
    });

    it('too late, it waits in the normal line by its queue time', () => {
      const late = ticket({ id: 'appt', ...slot(16), queuedAt: ago(17) });
      expect(pickedId([ticket({ id: 'walk-in', queuedAt: ago(40) }), late], counter(), NOW)).toEqual(['walk-in', 'longest_wait']);
      expect(pickedId([ticket({ id: 'walk-in', queuedAt: ago(3) }), late], counter(), NOW)).toEqual(['appt', 'longest_wait']);
    });

    it('follows the policy window', () => {
      const appt = ticket({ id: 'appt', ...slot(-20), queuedAt: ago(1) });
      const walkIn = ticket({ id: 'walk-in', queuedAt: ago(40) });
      expect(pickedId([walkIn, appt], counter(), NOW, policy({ appointmentEarlyMinutes: 30 }))).toEqual(['appt', 'appointment_due']);
      const late = ticket({ id: 'appt', ...slot(20), queuedAt: ago(21) });
      expect(pickedId([walkIn, late], counter(), NOW, policy({ appointmentLateMinutes: 30 }))).toEqual(['appt', 'appointment_due']);
      expect(pickedId([walkIn, late], counter(), NOW, policy({ appointmentLateMinutes: 0 }))).toEqual(['walk-in', 'longest_wait']);
    });

    it('takes the due appointment that joined the line first', () => {
      const list = [ticket({ id: 'b', ...slot(2), queuedAt: ago(3) }), ticket({ id: 'a', ...slot(0), queuedAt: ago(8) })];
      expect(pickedId(list, counter(), NOW)).toEqual(['a', 'appointment_due']);
    });

    it('an appointment ticket without a slot waits like a walk-in', () => {
      const list = [
        ticket({ id: 'walk-in', queuedAt: ago(10) }),
        ticket({ id: 'appt', class: 'appointment', appointmentAt: null, queuedAt: ago(5) }),
      ];
      expect(pickedId(list, counter(), NOW)).toEqual(['walk-in', 'longest_wait']);
    });

    it('skips appointments for services the counter does not serve', () => {
      const list = [ticket({ id: 'appt', serviceId: 'seal', ...slot(0) }), ticket({ id: 'walk-in', queuedAt: ago(1) })];
      expect(pickedId(list, counter(), NOW)).toEqual(['walk-in', 'longest_wait']);
    });
  });

  describe('priority tickets', () => {
    const walkIn = ticket({ id: 'walk-in', queuedAt: ago(30) });
    const prio = (m: number, id = 'prio') => ticket({ id, class: 'priority', queuedAt: ago(m) });

    it('priority_counter: a priority counter takes a priority ticket at once', () => {
      expect(pickedId([walkIn, prio(0)], counter({ isPriority: true }), NOW, noPriorityJumps)).toEqual(['prio', 'priority_counter']);
    });

    it('priority_counter: the earliest priority ticket first', () => {
      const list = [walkIn, prio(1, 'p-new'), prio(4, 'p-old')];
      expect(pickedId(list, counter({ isPriority: true }), NOW)).toEqual(['p-old', 'priority_counter']);
    });

    it('a priority counter serves the normal line when no priority ticket waits', () => {
      expect(pickedId([walkIn], counter({ isPriority: true }), NOW)).toEqual(['walk-in', 'longest_wait']);
    });

    it('a priority ticket for a service the counter does not serve is skipped', () => {
      const list = [walkIn, ticket({ id: 'prio', class: 'priority', serviceId: 'seal', queuedAt: ago(60) })];
      expect(pickedId(list, counter({ isPriority: true }), NOW)).toEqual(['walk-in', 'longest_wait']);
    });

    it('an ordinary counter keeps the line for a priority ticket that has not waited long', () => {
      expect(pickedId([walkIn, prio(9)], counter(), NOW)).toEqual(['walk-in', 'longest_wait']);
    });

    it('priority_waited_too_long: once it has waited priorityMaxWaitMinutes', () => {
      expect(pickedId([walkIn, prio(10)], counter(), NOW)).toEqual(['prio', 'priority_waited_too_long']);
      expect(pickedId([walkIn, prio(10)], counter(), NOW - 1)).toEqual(['walk-in', 'longest_wait']);
      expect(pickedId([walkIn, prio(4)], counter(), NOW, policy({ priorityMaxWaitMinutes: 4 }))).toEqual([
        'prio',
        'priority_waited_too_long',
      ]);
    });

    it('priority_every_nth: on the Nth call since the last priority ticket', () => {
      const p = policy({ priorityMaxWaitMinutes: 60, priorityEveryNth: 3 });
      expect(pickedId([walkIn, prio(1)], counter({ callsSincePriority: 0 }), NOW, p)).toEqual(['walk-in', 'longest_wait']);
      expect(pickedId([walkIn, prio(1)], counter({ callsSincePriority: 1 }), NOW, p)).toEqual(['walk-in', 'longest_wait']);
      expect(pickedId([walkIn, prio(1)], counter({ callsSincePriority: 2 }), NOW, p)).toEqual(['prio', 'priority_every_nth']);
      expect(pickedId([walkIn, prio(1)], counter({ callsSincePriority: 7 }), NOW, p)).toEqual(['prio', 'priority_every_nth']);
    });

    it('priority_every_nth: 0 turns the count off', () => {
      const p = policy({ priorityMaxWaitMinutes: 60, priorityEveryNth: 0 });
      expect(pickedId([walkIn, prio(1)], counter({ callsSincePriority: 50 }), NOW, p)).toEqual(['walk-in', 'longest_wait']);
    });

    it('a waited-too-long ticket is reported as such even when the count is also due', () => {
      expect(pickedId([walkIn, prio(12)], counter({ callsSincePriority: 2 }), NOW)).toEqual(['prio', 'priority_waited_too_long']);
    });

    it('a priority ticket still takes its turn in the normal line', () => {
      expect(pickedId([ticket({ id: 'walk-in', queuedAt: ago(2) }), prio(5)], counter(), NOW, noPriorityJumps)).toEqual([
        'prio',
        'longest_wait',
      ]);
    });

    it('a priority ticket held for another counter is skipped', () => {
      const held = ticket({ id: 'prio', class: 'priority', targetCounterId: 'c2', queuedAt: ago(60) });
      expect(pickedId([walkIn, held], counter({ isPriority: true }), NOW)).toEqual(['walk-in', 'longest_wait']);
    });

    it('uses DEFAULT_POLICY when none is given', () => {
      expect(DEFAULT_POLICY.priorityMaxWaitMinutes).toBe(10);
      expect(DEFAULT_POLICY.priorityEveryNth).toBe(3);
      expect(pickedId([walkIn, prio(1)], counter({ callsSincePriority: 2 }), NOW)).toEqual(['prio', 'priority_every_nth']);
      expect(pickedId([walkIn, prio(1)], counter({ callsSincePriority: 1 }), NOW)).toEqual(['walk-in', 'longest_wait']);
    });
  });
});

describe('callsSincePriorityAfter', () => {
  it('resets the count after a priority ticket', () => {
    expect(callsSincePriorityAfter(counter({ callsSincePriority: 2 }), { class: 'priority' })).toBe(0);
    expect(callsSincePriorityAfter(counter({ callsSincePriority: 0 }), { class: 'priority' })).toBe(0);
  });

  it('counts up after any other ticket', () => {
    expect(callsSincePriorityAfter(counter({ callsSincePriority: 0 }), { class: 'normal' })).toBe(1);
    expect(callsSincePriorityAfter(counter({ callsSincePriority: 4 }), { class: 'appointment' })).toBe(5);
  });

  it('with pickNext, lets a priority ticket through every Nth call at an ordinary counter', () => {
    const p = policy({ priorityMaxWaitMinutes: 10_000, priorityEveryNth: 3 });
    let c = counter();
    const waiting = [
      ...Array.from({ length: 6 }, (_, i) => ticket({ id: `n${i}`, queuedAt: ago(60 - i) })),
      ticket({ id: 'p0', class: 'priority', queuedAt: ago(5) }),
      ticket({ id: 'p1', class: 'priority', queuedAt: ago(4) }),
    ];
    const calls: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = pickNext(waiting, c, NOW, p);
      expect(r).not.toBeNull();
      calls.push(r!.ticket.id);
      waiting.splice(waiting.indexOf(r!.ticket), 1);
      c = { ...c, callsSincePriority: callsSincePriorityAfter(c, r!.ticket) };
    }
    expect(calls).toEqual(['n0', 'n1', 'p0', 'n2', 'n3', 'p1']);
  });
});
