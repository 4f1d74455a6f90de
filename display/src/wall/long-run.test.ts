// A wall display stays on for days: thousands of calls, announcements that come and go, new
// business days. What it holds must stay bounded, and the announcer must never build a backlog.
import { describe, expect, it } from 'vitest';
import type { DomainEvent, Ticket } from '@jiaohao/shared/schemas';
import { announcement, counter, iso, NOW, snapshot, ticket } from '@jiaohao/shared/testing';
import { createOfficeStore } from '@jiaohao/web';
import { FakeSocket } from '@jiaohao/web/testing';
import { callsInZone, EVERY_ZONE, wallModel } from './model';
import { EMPTY_QUEUE, MAX_PENDING, observeCalls, takeNext } from './speech/queue';

const TICKETS = 6_000;
const actor = { kind: 'staff', id: 's1' } as const;

describe('a display left on for days', () => {
  it('keeps its state, its history and its queue bounded through thousands of calls, announcements and new days', () => {
    const socket = new FakeSocket();
    let clock = NOW;
    const store = createOfficeStore(socket, { now: () => clock });
    socket.serverSends('connect');
    socket.serverSends('snapshot', snapshot({ seq: 0 }));
    let seq = 0;
    const send = (type: string, data: unknown) => {
      seq++;
      socket.serverSends(type, { seq, type, at: iso(clock), actor, reason: null, data } as DomainEvent);
    };
    const c1 = counter();
    let queue = observeCalls(EMPTY_QUEUE, [], 0, clock); // the first snapshot, before any call
    let spoken = 0;
    const sizes: number[] = [];
    for (let i = 0; i < TICKETS; i++) {
      clock += 20_000;
      // A new business day every 1,500 tickets, as at a busy office.
      if (i > 0 && i % 1_500 === 0) send('day:started', { businessDate: `2024-05-${String(6 + i / 1_500).padStart(2, '0')}` });
      const t: Ticket = ticket({ id: `t${i}`, number: String(1001 + (i % 999)), value: 1001 + (i % 999), queuedAt: iso(clock) });
      send('ticket:issued', { ticket: t });
      const called = { ...t, state: 'called' as const, calledAt: iso(clock), counterId: c1.id };
      send('ticket:called', { ticket: called, counter: c1, pickReason: null });
      if (i % 7 === 0) send('ticket:recalled', { ticket: { ...called, recallCount: 1 } });
      send('ticket:started', { ticket: { ...called, state: 'serving', startedAt: iso(clock) } });
      send('ticket:finished', { ticket: { ...called, state: 'done', endedAt: iso(clock) } });
      if (i % 50 === 0) send('announcement:posted', { announcement: announcement({ id: `a${i}`, postedAt: iso(clock), endsAt: iso(clock + 600_000) }) });

      const { office, clockOffsetMs } = store.getState();
      expect(office?.stale).toBe(false);
      queue = observeCalls(queue, callsInZone(office!, EVERY_ZONE), office!.seq, clock + clockOffsetMs);
      expect(queue.pending.length).toBeLessThanOrEqual(MAX_PENDING);
      // The announcer speaks as calls come (one per loop here): nothing piles up.
      for (let [job, rest] = takeNext(queue); job; [job, rest] = takeNext(rest)) {
        spoken++;
        queue = rest;
      }
      if (i % 1_000 === 999) sizes.push(JSON.stringify(store.getState()).length);
    }
    const { office } = store.getState();
    expect(office!.seq).toBe(seq);
    expect(office!.recentCalls.length).toBe(40);
    expect(Object.keys(office!.tickets)).toEqual([]);
    // Announcements that ended are dropped as events go by.
    expect(Object.keys(office!.announcements).length).toBeLessThanOrEqual(2);
    // Every call and recall was spoken once.
    expect(spoken).toBe(TICKETS + Math.ceil(TICKETS / 7));
    // What the display holds does not grow with the days it has been on.
    const [first, ...rest] = sizes;
    for (const size of rest) expect(size).toBeLessThan(first! * 1.2);
    const model = wallModel(office!, EVERY_ZONE, clock);
    expect(model.history.length).toBe(7);
  });
});
