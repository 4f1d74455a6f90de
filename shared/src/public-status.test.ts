import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { OpeningSession, Ticket } from './domain.schemas';
import { PublicStatus, Snapshot } from './events.schemas';
import { estimateWait } from './estimate';
import { publicStatus, type PublicStatusInput } from './public-status';
import { NOW, ago, announcement, closure, counter, iso, issuingStop, office, service, snapshot, ticket as baseTicket } from './testing/builders';

let nextId = 0;
/** Each ticket its own id, number and tracking token (so the privacy check can look for them). */
function ticket(over: Partial<Ticket> = {}): Ticket {
  const n = ++nextId;
  return baseTicket({
    id: `t${n}`,
    number: String(1000 + n),
    value: 1000 + n,
    estimateAtIssue: null,
    trackingToken: `secret-token-${n}-abcdefgh`,
    ...over,
  });
}

/** A ticket called to `counterId` `m` minutes ago (state called, or serving when started). */
function atCounter(counterId: string, m: number, over: Partial<Ticket> = {}): Ticket {
  return ticket({ state: 'called', counterId, calledAt: ago(m), ...over });
}

const input = (over: Partial<PublicStatusInput> = {}): PublicStatusInput => ({ handlingMinutes: {}, ...over });
const svc = (status: PublicStatus, id: string) => status.services.find((s) => s.id === id);
const ctr = (status: PublicStatus, id: string) => status.counters.find((c) => c.id === id);

describe('builders', () => {
  it('produce a schema-valid snapshot', () => {
    const snap = snapshot({ tickets: [ticket(), atCounter('c1', 2), atCounter('c2', 1, { state: 'serving', startedAt: ago(0) })] });
    expect(Value.Check(Snapshot, snap)).toBe(true);
    expect(Value.Check(Snapshot, { ...snap, seq: -1 })).toBe(false);
  });
});

describe('publicStatus', () => {
  it('carries the office, time, seq, date and issuing state', () => {
    const status = publicStatus(snapshot({ office: office({ issuingMode: 'closed' }) }), input());
    expect(status.office).toEqual({
      id: 'taichung-north',
      names: { 'zh-TW': '臺中市北區戶政事務所' },
      timeZone: 'Asia/Taipei',
      address: '臺中市北區永興街301號',
      tel: '04-22364000',
    });
    expect(status.updatedAt).toBe(iso(NOW));
    expect(status.seq).toBe(42);
    expect(status.businessDate).toBe('2024-05-06');
    expect(status.issuing).toEqual({ open: false, reason: 'issuing_closed', mode: 'closed' });
    // Monday 10:00, inside the office's 08:00–17:00 session.
    expect(publicStatus(snapshot(), input()).issuing).toEqual({ open: true, reason: null, mode: 'schedule' });
    expect(publicStatus(snapshot({ at: iso(NOW + 8 * 3_600_000) }), input()).issuing).toEqual({ open: false, reason: 'outside_session', mode: 'schedule' });
    expect(publicStatus(snapshot(), input({ dayClosed: true })).issuing).toEqual({ open: false, reason: 'day_closed', mode: 'schedule' });
  });

  it('tells whether the office is open now, when it opens next, and its hours today and in the week', () => {
    // NOW is Monday 2024-05-06 10:00 in Taipei; the office() sessions are Mondays 08:00–17:00.
    const evening: OpeningSession = { weekday: 2, start: '17:00', end: '20:00', kind: 'evening', serviceIds: ['household'] };
    const week = office({ sessions: [evening, { weekday: 1, start: '08:00', end: '17:00', kind: 'regular', serviceIds: null }] });
    const open = publicStatus(snapshot({ office: week }), input()).opening;
    expect(open.open).toBe(true);
    expect(open.nextOpening).toBe('2024-05-07T09:00:00.000Z'); // Tuesday 17:00, the evening session
    expect(open.today).toEqual({ date: '2024-05-06', specialDay: null, sessions: [{ start: '08:00', end: '17:00', kind: 'regular', serviceIds: null }] });
    expect(open.weekly.map((s) => `${s.weekday} ${s.start}`)).toEqual(['1 08:00', '2 17:00']);
    expect(open.specialDays).toEqual([]);

    // After hours, or in an emergency closure, it is not open.
    expect(publicStatus(snapshot({ office: week, at: iso(NOW + 8 * 3_600_000) }), input()).opening.open).toBe(false);
    expect(publicStatus(snapshot({ office: week, closure: closure() }), input()).opening.open).toBe(false);

    // A holiday next Monday and a make-up Saturday before it (running Monday's sessions): the
    // Saturday is the next opening after tonight, and both are listed; a holiday a month away is not.
    const holidays = office({
      specialDays: [
        { date: '2024-05-11', kind: 'open', name: { 'zh-TW': '補行上班' }, sessionsOf: 1 },
        { date: '2024-05-13', kind: 'closed', name: { 'zh-TW': '國定假日' } },
        { date: '2024-06-10', kind: 'closed', name: { 'zh-TW': '端午節' } },
      ],
    });
    const after = publicStatus(snapshot({ office: holidays, at: iso(NOW + 8 * 3_600_000) }), input()).opening;
    expect(after.nextOpening).toBe('2024-05-11T00:00:00.000Z');
    expect(after.specialDays.map((d) => d.date)).toEqual(['2024-05-11', '2024-05-13']);
    // On the holiday itself: no session, and the day says why.
    const monday = publicStatus(snapshot({ office: holidays, at: iso(NOW + 7 * 86_400_000) }), input()).opening;
    expect(monday).toMatchObject({ open: false, today: { date: '2024-05-13', specialDay: { kind: 'closed' }, sessions: [] } });
    expect(monday.nextOpening).toBe('2024-05-20T00:00:00.000Z');
  });

  it('is valid against the PublicStatus schema', () => {
    const snap = snapshot({
      tickets: [ticket(), ticket({ serviceId: 'passport' }), atCounter('c1', 3), atCounter('c2', 1, { state: 'serving' })],
    });
    expect(Value.Check(PublicStatus, publicStatus(snap, input()))).toBe(true);
    const busy = snapshot({ announcements: [announcement()], issuingStops: [issuingStop()], closure: closure() });
    expect(Value.Check(PublicStatus, publicStatus(busy, input()))).toBe(true);
  });

  it('shows which lines are stopped and why; a stop of the office stops every line', () => {
    const lineStopped = publicStatus(snapshot({ issuingStops: [issuingStop({ serviceId: 'passport', reason: 'capacity_reached' })] }), input());
    expect(lineStopped.issuing).toEqual({ open: true, reason: null, mode: 'schedule' });
    expect(lineStopped.services.map((s) => [s.id, s.issuing])).toEqual([
      ['household', { open: true, reason: null }],
      ['passport', { open: false, reason: 'capacity_reached' }],
    ]);
    const officeStopped = publicStatus(snapshot({ issuingStops: [issuingStop({ serviceId: null, reason: 'system_issue' })] }), input());
    expect(officeStopped.issuing).toMatchObject({ open: false, reason: 'system_issue' });
    expect(officeStopped.services.map((s) => s.issuing.reason)).toEqual(['system_issue', 'system_issue']);
    // A stop for the rest of a session that has ended no longer counts.
    const ended = publicStatus(snapshot({ issuingStops: [issuingStop({ until: 'session_end', endsAt: ago(1) })] }), input());
    expect(ended.services.map((s) => s.issuing.open)).toEqual([true, true]);
  });

  it('carries an emergency closure (reason and since only) and closes every line', () => {
    const c = closure({ waiting: 'close' });
    const status = publicStatus(snapshot({ closure: c, issuingStops: [issuingStop()] }), input());
    expect(status.closure).toEqual({ reason: c.reason, since: c.since });
    expect(status.issuing).toMatchObject({ open: false, reason: 'office_closed' });
    expect(status.services.map((s) => s.issuing)).toEqual([
      { open: false, reason: 'office_closed' },
      { open: false, reason: 'office_closed' },
    ]);
    expect(publicStatus(snapshot(), input()).closure).toBeNull();
  });

  it('carries the announcements shown now, not those that ended', () => {
    const now = announcement({ id: 'now' });
    const over = announcement({ id: 'over', endsAt: ago(1) });
    const status = publicStatus(snapshot({ announcements: [now, over] }), input());
    expect(status.announcements).toEqual([now]);
  });

  it('counts the waiting tickets per service', () => {
    const snap = snapshot({
      tickets: [
        ticket(),
        ticket(),
        ticket(),
        ticket({ serviceId: 'passport' }),
        atCounter('c1', 2),
        atCounter('c2', 1, { state: 'serving', serviceId: 'passport' }),
      ],
    });
    const status = publicStatus(snap, input());
    expect(svc(status, 'household')?.waiting).toBe(3);
    expect(svc(status, 'passport')?.waiting).toBe(1);
  });

  it('counts zero for a line with nobody waiting', () => {
    const status = publicStatus(snapshot(), input());
    expect(status.services.map((s) => [s.id, s.waiting, s.nowServing])).toEqual([
      ['household', 0, null],
      ['passport', 0, null],
    ]);
  });

  it('keeps the services and counters in snapshot order, with their public fields', () => {
    const status = publicStatus(snapshot(), input());
    expect(status.services.map((s) => s.id)).toEqual(['household', 'passport']);
    expect(status.services[0]).toMatchObject({ code: 'A', names: { 'zh-TW': '戶籍登記', en: 'Household registration' } });
    expect(status.counters).toEqual([
      { id: 'c1', number: 1, names: { 'zh-TW': '1號櫃台' }, nowServing: null, status: 'open' },
      { id: 'c2', number: 2, names: { 'zh-TW': '1號櫃台' }, nowServing: null, status: 'open' },
    ]);
  });

  describe('nowServing', () => {
    it('per service is the number called most recently, called or serving', () => {
      const snap = snapshot({
        tickets: [
          atCounter('c1', 9, { number: '1001', state: 'serving' }),
          atCounter('c2', 2, { number: '1007' }),
          atCounter('c3', 5, { number: '1004', state: 'serving' }),
          ticket({ number: '1010' }), // waiting: not being served
          atCounter('c2', 1, { number: '2003', serviceId: 'passport' }),
        ],
      });
      const status = publicStatus(snap, input());
      expect(svc(status, 'household')?.nowServing).toBe('1007');
      expect(svc(status, 'passport')?.nowServing).toBe('2003');
    });

    it('a serving ticket counts when it was the latest call', () => {
      const snap = snapshot({
        tickets: [atCounter('c1', 9, { number: '1001' }), atCounter('c2', 1, { number: '1002', state: 'serving', startedAt: ago(0) })],
      });
      expect(svc(publicStatus(snap, input()), 'household')?.nowServing).toBe('1002');
    });

    it('per counter is the number at that counter', () => {
      const snap = snapshot({
        tickets: [atCounter('c1', 4, { number: '1003', state: 'serving' }), atCounter('c2', 1, { number: '2001', serviceId: 'passport' })],
      });
      const status = publicStatus(snap, input());
      expect(ctr(status, 'c1')?.nowServing).toBe('1003');
      expect(ctr(status, 'c2')?.nowServing).toBe('2001');
    });

    it('per counter takes the latest call when a counter holds two tickets', () => {
      const snap = snapshot({
        tickets: [atCounter('c1', 6, { number: '1003' }), atCounter('c1', 2, { number: '1005' }), atCounter('c1', 4, { number: '1004' })],
      });
      expect(ctr(publicStatus(snap, input()), 'c1')?.nowServing).toBe('1005');
    });

    it('is null at an idle counter and ignores waiting tickets that name it', () => {
      const snap = snapshot({ tickets: [ticket({ counterId: 'c2', number: '1009' }), atCounter('c1', 1, { number: '1001' })] });
      const status = publicStatus(snap, input());
      expect(ctr(status, 'c2')?.nowServing).toBeNull();
      expect(ctr(status, 'c1')?.nowServing).toBe('1001');
    });
  });

  describe('estimatedWait', () => {
    it('uses the waiting count, the open counters serving the line and the handling time', () => {
      const snap = snapshot({ tickets: [ticket(), ticket(), ticket(), ticket({ serviceId: 'passport' })] });
      const status = publicStatus(snap, input({ handlingMinutes: { household: 10, passport: 30 } }));
      // household: 3 ahead × 10 min / 2 open counters (c1, c2); passport: 1 × 30 / 1 (c2).
      expect(svc(status, 'household')?.estimatedWait).toEqual(estimateWait({ ahead: 3, openCounters: 2, handlingMinutes: 10 }));
      expect(svc(status, 'household')?.estimatedWait).toEqual({ min: 10, max: 20 });
      expect(svc(status, 'passport')?.estimatedWait).toEqual({ min: 20, max: 40 });
    });

    it("falls back to the service's target handling time", () => {
      const snap = snapshot({ tickets: [ticket({ serviceId: 'passport' }), ticket({ serviceId: 'passport' })] });
      // 2 × 20 min (target) / 1 open counter = 40 → 30–50.
      expect(svc(publicStatus(snap, input()), 'passport')?.estimatedWait).toEqual({ min: 30, max: 50 });
    });

    it('is 0–5 min for an empty line with an open counter', () => {
      expect(svc(publicStatus(snapshot(), input()), 'household')?.estimatedWait).toEqual({ min: 0, max: 5 });
    });

    it('is null when no open counter serves the line', () => {
      const snap = snapshot({
        counters: [
          counter({ id: 'c1', serviceIds: ['household'], status: 'open' }),
          counter({ id: 'c2', serviceIds: ['passport'], status: 'paused', pauseReason: 'meal' }),
          counter({ id: 'c3', serviceIds: ['passport'], status: 'closed' }),
          counter({ id: 'c4', serviceIds: ['passport'], status: 'open', active: false }),
        ],
        tickets: [ticket({ serviceId: 'passport' })],
      });
      const status = publicStatus(snap, input());
      expect(svc(status, 'passport')?.estimatedWait).toBeNull();
      expect(svc(status, 'passport')?.waiting).toBe(1);
      expect(svc(status, 'household')?.estimatedWait).not.toBeNull();
    });

    it('only counts open counters, so closing one lengthens the wait', () => {
      const tickets = Array.from({ length: 6 }, () => ticket());
      const both = publicStatus(snapshot({ tickets }), input());
      const oneClosed = publicStatus(
        snapshot({ tickets, counters: [counter(), counter({ id: 'c2', number: 2, serviceIds: ['household'], status: 'closed' })] }),
        input(),
      );
      // 6 × 10 / 2 = 30 → 20–40; 6 × 10 / 1 = 60 → 45–75.
      expect(svc(both, 'household')?.estimatedWait).toEqual({ min: 20, max: 40 });
      expect(svc(oneClosed, 'household')?.estimatedWait).toEqual({ min: 45, max: 75 });
    });
  });

  it('leaves out inactive services and counters', () => {
    const snap = snapshot({
      services: [service(), service({ id: 'seal', code: 'C', names: { 'zh-TW': '印鑑' }, active: false })],
      counters: [counter(), counter({ id: 'old', number: 9, active: false })],
      tickets: [ticket({ serviceId: 'seal' }), atCounter('old', 1, { serviceId: 'seal' })],
    });
    const status = publicStatus(snap, input());
    expect(status.services.map((s) => s.id)).toEqual(['household']);
    expect(status.counters.map((c) => c.id)).toEqual(['c1']);
  });

  it('keeps paused and closed counters, with their status', () => {
    const snap = snapshot({
      counters: [counter(), counter({ id: 'c2', number: 2, status: 'paused', pauseReason: 'meal' }), counter({ id: 'c3', number: 3, status: 'closed' })],
    });
    expect(publicStatus(snap, input()).counters.map((c) => [c.id, c.status])).toEqual([
      ['c1', 'open'],
      ['c2', 'paused'],
      ['c3', 'closed'],
    ]);
  });

  it('publishes nothing personal: no ticket ids, tokens or staff', () => {
    const tickets = [ticket(), atCounter('c1', 1, { state: 'serving' })];
    const json = JSON.stringify(publicStatus(snapshot({ tickets }), input()));
    for (const t of tickets) {
      expect(json).not.toContain(t.trackingToken!);
      expect(json).not.toContain(`"${t.id}"`);
    }
    expect(json).not.toContain('staff-1');
    expect(json).not.toContain('pauseReason');
    // An emergency closure says why and since when, not who closed or what happens to the waiting.
    expect(JSON.stringify(publicStatus(snapshot({ closure: closure() }), input()))).not.toContain('waiting":"serve');
  });
});
