import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { Ticket, TicketState } from './domain.schemas';
import {
  COUNTER_EVENT_TYPES,
  CounterEvent,
  DOMAIN_EVENT_TYPES,
  DomainEvent,
  RecentCall,
  Snapshot,
  TICKET_EVENT_TYPES,
  type DomainEventType,
  type EventOf,
  type TicketEventType,
} from './events.schemas';
import {
  activeAnnouncements,
  applyEvent,
  atCounter,
  checkSeq,
  countersInOrder,
  fromSnapshot,
  issuingFor,
  lineWait,
  MAX_RECENT_CALLS,
  minutesSince,
  recentCallOf,
  servicesInOrder,
  skipSeq,
  waitingIn,
  withRecentCall,
  type OfficeState,
} from './office-state.reducer';
import { DEFAULT_POLICY } from './pick-next';
import { DEFAULT_BOOKING_SETTINGS } from './appointments.schemas';
import { NOW, MIN, ago, announcement, closure, counter, iso, issuingStop, office, recentCall, service, snapshot as baseSnapshot, ticket } from './testing/builders';

/** The shared snapshot (seq 10 here) with two waiting tickets and one being served at c1. */
function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return baseSnapshot({
    seq: 10,
    tickets: [
      ticket({ id: 'w1', queuedAt: ago(20) }),
      ticket({ id: 'w2', number: '1002', value: 1002, queuedAt: ago(10) }),
      ticket({ id: 's1', number: '1000', value: 1000, state: 'serving', counterId: 'c1', calledAt: ago(3), startedAt: ago(2) }),
    ],
    ...over,
  });
}

/** An event as the server would append it. */
function ev<K extends DomainEventType>(seq: number, type: K, data: EventOf<K>['data']): EventOf<K> {
  return { seq, type, at: iso(NOW), actor: { kind: 'staff', id: 'staff-1' }, reason: null, data } as EventOf<K>;
}

/** A ticket event carrying `ticket`; ticket:called also carries its counter and how it was picked. */
function ticketEvent(seq: number, type: TicketEventType, t: Ticket): DomainEvent {
  if (type === 'ticket:called') {
    return ev(seq, 'ticket:called', { ticket: t, counter: counter({ id: t.counterId ?? 'c1', callsSincePriority: 1 }), pickReason: 'longest_wait' });
  }
  return { seq, type, at: iso(NOW), actor: { kind: 'staff', id: 'staff-1' }, reason: null, data: { ticket: t } };
}

/** What each ticket event leaves the ticket as. */
const STATE_AFTER: Record<TicketEventType, TicketState> = {
  'ticket:issued': 'waiting',
  'ticket:called': 'called',
  'ticket:recalled': 'called',
  'ticket:started': 'serving',
  'ticket:finished': 'done',
  'ticket:missed': 'no_show',
  'ticket:requeued': 'waiting',
  'ticket:transferred': 'waiting',
  'ticket:cancelled': 'cancelled',
  'ticket:expired': 'expired',
  'ticket:returned': 'waiting',
};

const ids = (s: OfficeState) => Object.keys(s.tickets).sort();

describe('builders', () => {
  it('produce a schema-valid snapshot', () => {
    expect(Value.Check(Snapshot, snapshot())).toBe(true);
    expect(Value.Check(Snapshot, snapshot({ recentCalls: [recentCall(), recentCall({ seq: 41, recall: true, language: 'en' })] }))).toBe(true);
    // At most MAX_RECENT_CALLS calls.
    expect(Value.Check(Snapshot, snapshot({ recentCalls: Array.from({ length: MAX_RECENT_CALLS + 1 }, (_, i) => recentCall({ seq: i })) }))).toBe(false);
    // The check can fail: a ticket without a service is not a ticket.
    const broken = { ...snapshot(), tickets: [{ ...ticket(), serviceId: undefined }] };
    expect(Value.Check(Snapshot, broken)).toBe(false);
  });

  it('produce schema-valid events of every type', () => {
    const all: DomainEvent[] = [
      ...TICKET_EVENT_TYPES.map((type, i) => ticketEvent(i + 1, type, ticket({ state: STATE_AFTER[type] }))),
      ev(20, 'counter:opened', { counter: counter() }),
      ev(21, 'counter:paused', { counter: counter({ status: 'paused', pauseReason: 'meal' }) }),
      ev(22, 'counter:closed', { counter: counter({ status: 'closed' }) }),
      ev(23, 'counter:updated', { counter: counter({ languages: ['zh-TW', 'en'] }) }),
      ev(24, 'service:updated', { service: service() }),
      ev(25, 'office:updated', { office: office() }),
      ev(30, 'policy:updated', { policy: { ...DEFAULT_POLICY, priorityEveryNth: 5 } }),
      ev(26, 'day:closed', { businessDate: '2024-05-06', expired: 3 }),
      ev(27, 'day:started', { businessDate: '2024-05-07' }),
      ev(28, 'staff:changed', { staff: { id: 'staff-2', role: 'clerk', active: true } }),
      ev(29, 'device:changed', { device: { id: 'kiosk-1', kind: 'kiosk', revoked: true } }),
      ev(31, 'alert:raised', { alert: { kind: 'command_rate', command: 'ticket:issue', by: { kind: 'device', id: 'kiosk-1' }, count: 30, windowSeconds: 60 } }),
      ev(32, 'announcement:posted', { announcement: announcement() }),
      ev(33, 'announcement:withdrawn', { announcementId: 'a1' }),
      ev(34, 'issuing:stopped', { stop: issuingStop() }),
      ev(35, 'issuing:stopped', { stop: issuingStop({ serviceId: null, reason: 'closing_early', until: 'session_end', endsAt: ago(-30) }) }),
      ev(36, 'issuing:resumed', { serviceId: null }),
      ev(37, 'office:emergency-closed', { closure: closure(), cancelled: 4 }),
      ev(38, 'office:emergency-ended', { closure: closure() }),
      ev(39, 'booking:updated', { settings: DEFAULT_BOOKING_SETTINGS }),
    ];
    expect(new Set(all.map((e) => e.type))).toEqual(new Set(DOMAIN_EVENT_TYPES));
    for (const e of all) expect([e.type, Value.Check(DomainEvent, e)]).toEqual([e.type, true]);
  });

  it('each counter event schema names exactly one event type', () => {
    // One object per type, so that EventOf<'counter:opened'> narrows (the `ev` calls above type-check).
    expect(CounterEvent.anyOf.map((s) => s.properties.type.const)).toEqual([...COUNTER_EVENT_TYPES]);
    const paused = ev(1, 'counter:paused', { counter: counter({ status: 'paused', pauseReason: 'meal' }) });
    expect(Value.Check(CounterEvent, paused)).toBe(true);
    expect(Value.Check(CounterEvent, { ...paused, type: 'counter:resumed' })).toBe(false);
  });
});

describe('fromSnapshot', () => {
  it('indexes services, counters and tickets by id', () => {
    const snap = snapshot();
    const state = fromSnapshot(snap);
    expect(state.seq).toBe(10);
    expect(state.businessDate).toBe('2024-05-06');
    expect(state.office).toBe(snap.office);
    expect(state.stale).toBe(false);
    expect(Object.keys(state.services).sort()).toEqual(['household', 'passport']);
    expect(state.services.passport).toBe(snap.services[1]);
    expect(Object.keys(state.counters).sort()).toEqual(['c1', 'c2']);
    expect(state.counters.c2).toBe(snap.counters[1]);
    expect(ids(state)).toEqual(['s1', 'w1', 'w2']);
    expect(state.tickets.w2).toBe(snap.tickets[1]);
  });

  it('starts from an empty office', () => {
    const state = fromSnapshot(snapshot({ seq: 0, services: [], counters: [], tickets: [] }));
    expect(state).toMatchObject({ seq: 0, services: {}, counters: {}, tickets: {}, stale: false });
  });
});

describe('checkSeq', () => {
  it('applies exactly the next seq', () => {
    expect(checkSeq(10, 11)).toBe('apply');
    expect(checkSeq(0, 1)).toBe('apply');
  });

  it('treats an old or repeated seq as a duplicate', () => {
    expect(checkSeq(10, 10)).toBe('duplicate');
    expect(checkSeq(10, 3)).toBe('duplicate');
  });

  it('treats a jump as a gap', () => {
    expect(checkSeq(10, 12)).toBe('gap');
    expect(checkSeq(0, 5)).toBe('gap');
  });
});

describe('applyEvent', () => {
  describe('ticket events', () => {
    it('ticket:issued adds a waiting ticket', () => {
      const t = ticket({ id: 'new', number: '1003', value: 1003, queuedAt: ago(0) });
      const next = applyEvent(fromSnapshot(snapshot()), ticketEvent(11, 'ticket:issued', t));
      expect(next.seq).toBe(11);
      expect(next.tickets.new).toBe(t);
      expect(ids(next)).toEqual(['new', 's1', 'w1', 'w2']);
    });

    it.each(TICKET_EVENT_TYPES.map((t) => [t, STATE_AFTER[t]] as const))(
      '%s leaves the ticket %s: kept while active, dropped otherwise',
      (type, state) => {
        const before = fromSnapshot(snapshot());
        const t = ticket({ id: 'w1', state, queuedAt: ago(20), counterId: state === 'waiting' ? null : 'c1' });
        const next = applyEvent(before, ticketEvent(11, type, t));
        expect(next.seq).toBe(11);
        expect(next.stale).toBe(false);
        if (['waiting', 'called', 'serving'].includes(state)) {
          expect(next.tickets.w1).toBe(t);
          expect(ids(next)).toEqual(['s1', 'w1', 'w2']);
        } else {
          expect(next.tickets.w1).toBeUndefined();
          expect(ids(next)).toEqual(['s1', 'w2']);
        }
        // Other tickets, counters and services are untouched (a call also carries its counter).
        expect(next.tickets.w2).toBe(before.tickets.w2);
        if (type === 'ticket:called') expect(next.counters.c1?.callsSincePriority).toBe(1);
        else expect(next.counters).toBe(before.counters);
        expect(next.services).toBe(before.services);
      },
    );

    it('ticket:called replaces the waiting ticket with the called one', () => {
      const called = ticket({ id: 'w1', state: 'called', counterId: 'c2', calledAt: iso(NOW), queuedAt: ago(20) });
      const next = applyEvent(fromSnapshot(snapshot()), ticketEvent(11, 'ticket:called', called));
      expect(next.tickets.w1).toEqual(called);
      expect(waitingIn(next, 'household').map((t) => t.id)).toEqual(['w2']);
      expect(atCounter(next, 'c2')?.id).toBe('w1');
      // The counter's every-Nth priority count moved with the call.
      expect(next.counters.c2?.callsSincePriority).toBe(1);
    });

    it('ticket:transferred moves the ticket to its new line', () => {
      const moved = ticket({ id: 's1', state: 'waiting', serviceId: 'passport', counterId: null, targetCounterId: 'c2' });
      const next = applyEvent(fromSnapshot(snapshot()), ticketEvent(11, 'ticket:transferred', moved));
      expect(next.tickets.s1).toBe(moved);
      expect(waitingIn(next, 'passport').map((t) => t.id)).toEqual(['s1']);
      expect(atCounter(next, 'c1')).toBeUndefined();
    });

    it('a finished ticket that was never in the state is not added', () => {
      const next = applyEvent(fromSnapshot(snapshot()), ticketEvent(11, 'ticket:finished', ticket({ id: 'ghost', state: 'done' })));
      expect(next.seq).toBe(11);
      expect(ids(next)).toEqual(['s1', 'w1', 'w2']);
    });
  });

  describe('counter events', () => {
    it.each(['counter:opened', 'counter:paused', 'counter:closed', 'counter:updated'] as const)('%s replaces the counter', (type) => {
      const before = fromSnapshot(snapshot());
      const c = counter({ status: type === 'counter:paused' ? 'paused' : type === 'counter:closed' ? 'closed' : 'open', staffId: 'staff-9' });
      const next = applyEvent(before, ev(11, type, { counter: c }));
      expect(next.seq).toBe(11);
      expect(next.counters.c1).toBe(c);
      expect(next.counters.c2).toBe(before.counters.c2);
      expect(next.tickets).toBe(before.tickets);
    });

    it('adds a counter it did not know', () => {
      const c = counter({ id: 'c9', number: 9 });
      const next = applyEvent(fromSnapshot(snapshot()), ev(11, 'counter:opened', { counter: c }));
      expect(Object.keys(next.counters).sort()).toEqual(['c1', 'c2', 'c9']);
    });
  });

  it('service:updated replaces the service', () => {
    const before = fromSnapshot(snapshot());
    const s = service({ targetWaitMinutes: 30, active: false });
    const next = applyEvent(before, ev(11, 'service:updated', { service: s }));
    expect(next.seq).toBe(11);
    expect(next.services.household).toBe(s);
    expect(next.services.passport).toBe(before.services.passport);
  });

  it('office:updated replaces the office', () => {
    const o = office({ issuingMode: 'closed' });
    const next = applyEvent(fromSnapshot(snapshot()), ev(11, 'office:updated', { office: o }));
    expect(next.seq).toBe(11);
    expect(next.office).toBe(o);
  });

  it('policy:updated replaces the queue policy (the counter client previews pickNext with it)', () => {
    const before = fromSnapshot(snapshot());
    expect(before.policy).toEqual(DEFAULT_POLICY);
    const policy = { ...DEFAULT_POLICY, priorityMaxWaitMinutes: 30 };
    const next = applyEvent(before, ev(11, 'policy:updated', { policy }));
    expect(next).toEqual({ ...before, seq: 11, policy });
  });

  it('seq:skipped (an event this audience is not sent) moves seq on, and still finds gaps', () => {
    const before = fromSnapshot(snapshot());
    const next = skipSeq(before, before.seq + 1);
    expect(next).toEqual({ ...before, seq: before.seq + 1 });
    expect(skipSeq(next, next.seq)).toBe(next); // a duplicate changes nothing
    expect(skipSeq(next, next.seq + 2).stale).toBe(true); // one seq never came
    // After a skip, the next real event applies as usual.
    expect(applyEvent(next, ev(next.seq + 1, 'office:updated', { office: office() })).seq).toBe(next.seq + 1);
  });

  it('day:closed only moves seq on (the expiries come as their own events)', () => {
    const before = fromSnapshot(snapshot());
    const next = applyEvent(before, ev(11, 'day:closed', { businessDate: '2024-05-06', expired: 2 }));
    expect(next).toEqual({ ...before, seq: 11 });
    expect(next.tickets).toBe(before.tickets);
  });

  it('staff:changed, device:changed and alert:raised only move the seq on (they carry no office state)', () => {
    const before = fromSnapshot(snapshot());
    const a = applyEvent(before, ev(11, 'staff:changed', { staff: { id: 'staff-2', role: 'supervisor', active: false } }));
    const a2 = applyEvent(a, ev(12, 'alert:raised', { alert: { kind: 'command_rate', command: 'ticket:issue', by: { kind: 'device', id: 'kiosk-1' }, count: 30, windowSeconds: 60 } }));
    const b = applyEvent(a2, ev(13, 'device:changed', { device: { id: 'k1', kind: 'kiosk', revoked: true } }));
    expect(b.seq).toBe(13);
    expect(b.stale).toBe(false);
    expect({ ...b, seq: before.seq }).toEqual(before);
  });

  it('day:started sets the new date and clears the tickets', () => {
    const before = fromSnapshot(snapshot());
    const next = applyEvent(before, ev(11, 'day:started', { businessDate: '2024-05-07' }));
    expect(next.seq).toBe(11);
    expect(next.businessDate).toBe('2024-05-07');
    expect(next.tickets).toEqual({});
    expect(next.counters).toBe(before.counters);
    expect(next.services).toBe(before.services);
    expect(next.office).toBe(before.office);
  });

  it('does not change the state it was given', () => {
    const before = fromSnapshot(snapshot());
    const copy = JSON.parse(JSON.stringify(before)) as OfficeState;
    let s = applyEvent(before, ticketEvent(11, 'ticket:finished', ticket({ id: 's1', state: 'done' })));
    s = applyEvent(s, ticketEvent(12, 'ticket:issued', ticket({ id: 'new' })));
    s = applyEvent(s, ev(13, 'counter:paused', { counter: counter({ status: 'paused', pauseReason: 'meal' }) }));
    s = applyEvent(s, ev(14, 'day:started', { businessDate: '2024-05-07' }));
    expect(before).toEqual(copy);
    expect(s.seq).toBe(14);
  });

  it('applies a run of events in order', () => {
    let s = fromSnapshot(snapshot({ tickets: [] }));
    const t = ticket({ id: 'x' });
    const run: DomainEvent[] = [
      ticketEvent(11, 'ticket:issued', t),
      ticketEvent(12, 'ticket:called', { ...t, state: 'called', counterId: 'c1', calledAt: ago(1) }),
      ticketEvent(13, 'ticket:recalled', { ...t, state: 'called', counterId: 'c1', calledAt: ago(1), recallCount: 1 }),
      ticketEvent(14, 'ticket:started', { ...t, state: 'serving', counterId: 'c1', calledAt: ago(1), startedAt: ago(0), recallCount: 1 }),
    ];
    for (const e of run) s = applyEvent(s, e);
    expect(s.seq).toBe(14);
    expect(s.tickets.x).toMatchObject({ state: 'serving', recallCount: 1 });
    expect(atCounter(s, 'c1')?.id).toBe('x');
    s = applyEvent(s, ticketEvent(15, 'ticket:finished', { ...t, state: 'done', counterId: 'c1', endedAt: iso(NOW) }));
    expect(s.tickets).toEqual({});
    expect(atCounter(s, 'c1')).toBeUndefined();
  });

  describe('sequence', () => {
    it('ignores an event it has already applied', () => {
      const once = applyEvent(fromSnapshot(snapshot()), ticketEvent(11, 'ticket:issued', ticket({ id: 'new' })));
      const changed = ticket({ id: 'new', state: 'called', counterId: 'c1' });
      const again = applyEvent(once, ticketEvent(11, 'ticket:called', changed));
      expect(again).toBe(once);
      expect(applyEvent(once, ticketEvent(3, 'ticket:cancelled', ticket({ id: 'w1', state: 'cancelled' })))).toBe(once);
    });

    it('ignores events the snapshot already includes', () => {
      const state = fromSnapshot(snapshot({ seq: 10 }));
      expect(applyEvent(state, ticketEvent(10, 'ticket:issued', ticket({ id: 'old' })))).toBe(state);
    });

    it('marks the state stale on a gap, without applying the event', () => {
      const before = fromSnapshot(snapshot());
      const next = applyEvent(before, ticketEvent(12, 'ticket:issued', ticket({ id: 'new' })));
      expect(next.stale).toBe(true);
      expect(next.seq).toBe(10);
      expect(next.tickets).toBe(before.tickets);
      expect(before.stale).toBe(false);
    });

    it('stays stale: nothing is applied until a fresh snapshot', () => {
      const stale = applyEvent(fromSnapshot(snapshot()), ev(12, 'day:started', { businessDate: '2024-05-07' }));
      expect(stale.stale).toBe(true);
      expect(applyEvent(stale, ticketEvent(11, 'ticket:issued', ticket({ id: 'late' })))).toBe(stale);
      expect(applyEvent(stale, ticketEvent(13, 'ticket:issued', ticket({ id: 'next' })))).toBe(stale);
      expect(stale.businessDate).toBe('2024-05-06');
      const fresh = fromSnapshot(snapshot({ seq: 13 }));
      expect(fresh.stale).toBe(false);
      expect(applyEvent(fresh, ticketEvent(14, 'ticket:issued', ticket({ id: 'next' }))).tickets.next).toBeDefined();
    });
  });
});

describe("the supervisor's switches", () => {
  it('announcement:posted adds an announcement, announcement:withdrawn takes it down', () => {
    const before = fromSnapshot(snapshot({ announcements: [announcement({ id: 'old' })] }));
    expect(Object.keys(before.announcements)).toEqual(['old']);
    const posted = applyEvent(before, ev(11, 'announcement:posted', { announcement: announcement({ id: 'new', serviceIds: ['passport'] }) }));
    expect(Object.keys(posted.announcements).sort()).toEqual(['new', 'old']);
    expect(posted.tickets).toBe(before.tickets);
    const withdrawn = applyEvent(posted, ev(12, 'announcement:withdrawn', { announcementId: 'old' }));
    expect(Object.keys(withdrawn.announcements)).toEqual(['new']);
    expect(withdrawn.seq).toBe(12);
  });

  it('drops announcements that ended by the time of a new one or of a new day', () => {
    const before = fromSnapshot(snapshot({ announcements: [announcement({ id: 'short', endsAt: ago(-1) }), announcement({ id: 'long', endsAt: ago(-600) })] }));
    const later = { ...ev(11, 'announcement:posted', { announcement: announcement({ id: 'next' }) }), at: iso(NOW + 2 * MIN) };
    expect(Object.keys(applyEvent(before, later).announcements).sort()).toEqual(['long', 'next']);
    const tomorrow = { ...ev(11, 'day:started', { businessDate: '2024-05-07' }), at: iso(NOW + 12 * 60 * MIN) };
    expect(Object.keys(applyEvent(before, tomorrow).announcements)).toEqual([]);
  });

  it('activeAnnouncements lists what to show now, oldest first, for every line or one', () => {
    const all = announcement({ id: 'all', postedAt: ago(10) });
    const passport = announcement({ id: 'passport', serviceIds: ['passport'], postedAt: ago(20) });
    const over = announcement({ id: 'over', endsAt: ago(1) });
    const state = fromSnapshot(snapshot({ announcements: [all, over, passport] }));
    expect(activeAnnouncements(state, NOW).map((a) => a.id)).toEqual(['passport', 'all']);
    expect(activeAnnouncements(state, NOW, 'household').map((a) => a.id)).toEqual(['all']);
    expect(activeAnnouncements(state, NOW, 'passport').map((a) => a.id)).toEqual(['passport', 'all']);
    // By the clock alone: an hour on, all of them have ended.
    expect(activeAnnouncements(state, NOW + 61 * MIN)).toEqual([]);
  });

  it('issuing:stopped replaces the stop of its line, issuing:resumed removes it; issuingFor says why', () => {
    let state = fromSnapshot(snapshot());
    expect(issuingFor(state, NOW, 'household')).toEqual({ open: true, reason: null });
    state = applyEvent(state, ev(11, 'issuing:stopped', { stop: issuingStop({ reason: 'staff_shortage' }) }));
    state = applyEvent(state, ev(12, 'issuing:stopped', { stop: issuingStop({ reason: 'capacity_reached' }) }));
    expect(state.issuingStops).toHaveLength(1);
    expect(issuingFor(state, NOW, 'household')).toEqual({ open: false, reason: 'capacity_reached' });
    expect(issuingFor(state, NOW, 'passport')).toEqual({ open: true, reason: null });
    state = applyEvent(state, ev(13, 'issuing:stopped', { stop: issuingStop({ serviceId: null, reason: 'closing_early', until: 'session_end', endsAt: ago(-30) }) }));
    expect(issuingFor(state, NOW, 'passport')).toEqual({ open: false, reason: 'closing_early' });
    // The office's stop ends with its session by itself; the line's stays.
    expect(issuingFor(state, NOW + 31 * MIN, 'passport')).toEqual({ open: true, reason: null });
    state = applyEvent(state, ev(14, 'issuing:resumed', { serviceId: 'household' }));
    expect(state.issuingStops.map((s) => s.serviceId)).toEqual([null]);
    expect(issuingFor(state, NOW + 31 * MIN, 'household')).toEqual({ open: true, reason: null });
  });

  it('office:emergency-closed sets the closure (every line closed), office:emergency-ended clears it', () => {
    const before = fromSnapshot(snapshot());
    const closed = applyEvent(before, ev(11, 'office:emergency-closed', { closure: closure(), cancelled: 0 }));
    expect(closed.closure).toEqual(closure());
    expect(issuingFor(closed, NOW, 'household')).toEqual({ open: false, reason: 'office_closed' });
    expect(issuingFor(closed, NOW)).toEqual({ open: false, reason: 'office_closed' });
    const ended = applyEvent(closed, ev(12, 'office:emergency-ended', { closure: closure() }));
    expect(ended).toEqual({ ...before, seq: 12 });
  });

  it('a snapshot carries the switches into the state', () => {
    const state = fromSnapshot(snapshot({ announcements: [announcement()], issuingStops: [issuingStop()], closure: closure() }));
    expect(state.announcements).toEqual({ a1: announcement() });
    expect(state.issuingStops).toEqual([issuingStop()]);
    expect(state.closure).toEqual(closure());
  });
});

describe('recent calls (what a wall display lists and announces)', () => {
  /** Ticket w1 called to `counterId` by event `seq`. */
  const callOf = (seq: number, counterId = 'c2', over: Partial<Ticket> = {}) =>
    ticketEvent(seq, 'ticket:called', ticket({ id: 'w1', state: 'called', counterId, calledAt: iso(NOW), queuedAt: ago(20), ...over }));

  it('fromSnapshot keeps the calls as sent, newest first', () => {
    const calls = [recentCall({ seq: 9, ticketId: 'a' }), recentCall({ seq: 5, ticketId: 'b', recall: true })];
    expect(fromSnapshot(snapshot({ recentCalls: calls })).recentCalls).toEqual(calls);
    expect(fromSnapshot(snapshot()).recentCalls).toEqual([]);
  });

  it('ticket:called puts the call first: the counter from the event, the number, line and language from the ticket', () => {
    const before = fromSnapshot(snapshot({ recentCalls: [recentCall({ seq: 9, ticketId: 'old' })] }));
    const next = applyEvent(before, callOf(11, 'c2', { language: 'vi', number: '1007' }));
    expect(next.recentCalls).toEqual([
      { seq: 11, at: iso(NOW), ticketId: 'w1', number: '1007', serviceId: 'household', counterId: 'c2', language: 'vi', recall: false },
      before.recentCalls[0],
    ]);
    for (const c of next.recentCalls) expect(Value.Check(RecentCall, c)).toBe(true);
  });

  it('ticket:recalled is a call again, at the counter the ticket is at; a ticket that finished since stays listed', () => {
    let s = applyEvent(fromSnapshot(snapshot()), callOf(11, 'c2'));
    s = applyEvent(s, ticketEvent(12, 'ticket:recalled', ticket({ id: 'w1', state: 'called', counterId: 'c2', recallCount: 1, queuedAt: ago(20) })));
    s = applyEvent(s, ticketEvent(13, 'ticket:started', ticket({ id: 'w1', state: 'serving', counterId: 'c2', queuedAt: ago(20) })));
    s = applyEvent(s, ticketEvent(14, 'ticket:finished', ticket({ id: 'w1', state: 'done', counterId: 'c2', queuedAt: ago(20) })));
    expect(s.tickets.w1).toBeUndefined();
    expect(s.recentCalls.map((c) => [c.seq, c.ticketId, c.counterId, c.recall])).toEqual([
      [12, 'w1', 'c2', true],
      [11, 'w1', 'c2', false],
    ]);
  });

  it(`keeps the newest ${MAX_RECENT_CALLS}`, () => {
    const full = Array.from({ length: MAX_RECENT_CALLS }, (_, i) => recentCall({ seq: 100 - i, ticketId: `t${i}` }));
    const next = applyEvent(fromSnapshot(snapshot({ seq: 100, recentCalls: full })), callOf(101));
    expect(next.recentCalls).toHaveLength(MAX_RECENT_CALLS);
    expect(next.recentCalls[0]?.seq).toBe(101);
    expect(next.recentCalls.slice(1)).toEqual(full.slice(0, -1));
    // A longer list from a snapshot is cut to the same size.
    const longer = [...full, recentCall({ seq: 1, ticketId: 'extra' })];
    expect(fromSnapshot(snapshot({ seq: 100, recentCalls: longer })).recentCalls).toEqual(full);
  });

  it('a call applied twice (the same seq again) is listed once', () => {
    const once = applyEvent(fromSnapshot(snapshot()), callOf(11));
    expect(applyEvent(once, callOf(11))).toBe(once);
    expect(once.recentCalls).toHaveLength(1);
  });

  it('day:started empties the list; day:closed and the other events leave it as it is', () => {
    const before = fromSnapshot(snapshot({ recentCalls: [recentCall({ seq: 9 })] }));
    expect(applyEvent(before, ev(11, 'day:started', { businessDate: '2024-05-07' })).recentCalls).toEqual([]);
    expect(applyEvent(before, ev(11, 'day:closed', { businessDate: '2024-05-06', expired: 0 })).recentCalls).toBe(before.recentCalls);
    for (const type of TICKET_EVENT_TYPES.filter((t) => t !== 'ticket:called' && t !== 'ticket:recalled')) {
      const next = applyEvent(before, ticketEvent(11, type, ticket({ id: 'w1', state: STATE_AFTER[type], counterId: 'c1' })));
      expect([type, next.recentCalls]).toEqual([type, before.recentCalls]);
    }
  });

  it('recentCallOf: a call from a ticket:called or ticket:recalled event only', () => {
    expect(recentCallOf(callOf(11, 'c1'))).toMatchObject({ seq: 11, counterId: 'c1', recall: false });
    expect(recentCallOf(ticketEvent(11, 'ticket:started', ticket({ state: 'serving', counterId: 'c1' })))).toBeNull();
    expect(recentCallOf(ev(11, 'counter:opened', { counter: counter() }))).toBeNull();
    // A recall of a ticket at no counter would be a broken row: nothing to announce.
    expect(recentCallOf(ticketEvent(11, 'ticket:recalled', ticket({ state: 'called', counterId: null })))).toBeNull();
  });

  it('withRecentCall puts the call first and drops the oldest past the limit', () => {
    expect(withRecentCall([recentCall({ seq: 1 })], recentCall({ seq: 2 })).map((c) => c.seq)).toEqual([2, 1]);
    const full = Array.from({ length: MAX_RECENT_CALLS }, (_, i) => recentCall({ seq: MAX_RECENT_CALLS - i }));
    const next = withRecentCall(full, recentCall({ seq: 100 }));
    expect(next.map((c) => c.seq)).toEqual([100, ...full.slice(0, -1).map((c) => c.seq)]);
  });
});

describe('waitingIn', () => {
  it('lists the waiting tickets of one service in queue order, then by id', () => {
    const state = fromSnapshot(
      snapshot({
        tickets: [
          ticket({ id: 'c', queuedAt: ago(5) }),
          ticket({ id: 'a', queuedAt: ago(30) }),
          ticket({ id: 'e', queuedAt: ago(5) }),
          ticket({ id: 'b', queuedAt: ago(5) }),
          ticket({ id: 'p', serviceId: 'passport', queuedAt: ago(60) }),
          ticket({ id: 'x', state: 'called', counterId: 'c1', queuedAt: ago(90) }),
          ticket({ id: 'y', state: 'serving', counterId: 'c2', queuedAt: ago(80) }),
        ],
      }),
    );
    expect(waitingIn(state, 'household').map((t) => t.id)).toEqual(['a', 'b', 'c', 'e']);
    expect(waitingIn(state, 'passport').map((t) => t.id)).toEqual(['p']);
    expect(waitingIn(state, 'seal')).toEqual([]);
  });

  it('a transferred ticket keeps its place by its queue time', () => {
    let state = fromSnapshot(snapshot());
    const moved = ticket({ id: 's1', serviceId: 'household', queuedAt: ago(15) });
    state = applyEvent(state, ticketEvent(11, 'ticket:transferred', moved));
    expect(waitingIn(state, 'household').map((t) => t.id)).toEqual(['w1', 's1', 'w2']);
  });
});

describe('atCounter', () => {
  it('finds the ticket a counter is serving or calling', () => {
    const state = fromSnapshot(
      snapshot({
        tickets: [
          ticket({ id: 's', state: 'serving', counterId: 'c1' }),
          ticket({ id: 'k', state: 'called', counterId: 'c2' }),
          ticket({ id: 'w', state: 'waiting', counterId: null }),
        ],
      }),
    );
    expect(atCounter(state, 'c1')?.id).toBe('s');
    expect(atCounter(state, 'c2')?.id).toBe('k');
  });

  it('is undefined for an idle counter', () => {
    expect(atCounter(fromSnapshot(snapshot()), 'c2')).toBeUndefined();
    expect(atCounter(fromSnapshot(snapshot()), 'nope')).toBeUndefined();
  });

  it('ignores a waiting ticket that still names the counter', () => {
    const state = fromSnapshot(snapshot({ tickets: [ticket({ id: 'requeued', state: 'waiting', counterId: 'c1' })] }));
    expect(atCounter(state, 'c1')).toBeUndefined();
  });
});

describe('views of the state', () => {
  it('lists lines by sortOrder and counters by number, those in use unless all', () => {
    const services = { b: service({ id: 'b', sortOrder: 2 }), a: service({ id: 'a', sortOrder: 2 }), z: service({ id: 'z', sortOrder: 1 }), off: service({ id: 'off', sortOrder: 0, active: false }) };
    expect(servicesInOrder(services).map((s) => s.id)).toEqual(['z', 'a', 'b']);
    expect(servicesInOrder(services, true).map((s) => s.id)).toEqual(['off', 'z', 'a', 'b']);
    const counters = { c3: counter({ id: 'c3', number: 3 }), c1: counter({ id: 'c1', number: 1 }), c2: counter({ id: 'c2', number: 2, active: false }) };
    expect(countersInOrder(counters).map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(countersInOrder(counters, true).map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
  });

  it('says how a line stands: who waits, the longest wait, over its target; a counter does not count tickets sent elsewhere', () => {
    const line = service({ id: 'household', targetWaitMinutes: 20 });
    const state = fromSnapshot(
      baseSnapshot({
        services: [line],
        tickets: [
          ticket({ id: 'old', serviceId: 'household', queuedAt: ago(25), targetCounterId: 'c2' }),
          ticket({ id: 'mid', serviceId: 'household', queuedAt: ago(15) }),
        ],
      }),
    );
    expect(lineWait(state, line, NOW)).toMatchObject({ longestWaitMinutes: 25, overTarget: true });
    const atC1 = lineWait(state, line, NOW, 'c1');
    expect(atC1.waiting.map((t) => t.id)).toEqual(['mid']);
    expect(atC1).toMatchObject({ longestWaitMinutes: 15, overTarget: false });
    expect(lineWait(fromSnapshot(baseSnapshot({ services: [line], tickets: [] })), line, NOW)).toEqual({ waiting: [], longestWaitMinutes: null, overTarget: false });
    expect(minutesSince(iso(NOW + MIN), NOW)).toBe(0);
  });
});
