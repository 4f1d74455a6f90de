import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { bookableDates, Counter, Office, Service, servicesOverlap, weekdayOf } from '@jiaohao/shared';
import { openDatabase } from '../db/database';
import { SYSTEM } from '../core/principal';
import { buildCore } from '../wiring';
import { FakeClock } from '../testing/fixtures';
import { seedOffice } from './seed';

function demo() {
  const core = buildCore(openDatabase(':memory:'), new FakeClock().fn, { scryptCost: 1024 });
  expect(seedOffice(core.engine)).toBe(true);
  return { ...core, snapshot: () => core.queries.snapshot() };
}

describe('the demo office (Taichung North District)', () => {
  it('is seeded once, through commands that leave a verifiable event log', () => {
    const engine = demo();
    expect(seedOffice(engine.engine)).toBe(false);
    const snap = engine.snapshot();
    expect(snap.office.names['zh-TW']).toBe('臺中市北區戶政事務所');
    expect(Value.Check(Office, snap.office)).toBe(true);
    for (const s of snap.services) expect(Value.Check(Service, s), s.id).toBe(true);
    for (const c of snap.counters) expect(Value.Check(Counter, c), c.id).toBe(true);
    expect(engine.store.events.verifyChain()).toBeNull();
    expect(engine.store.events.after(0).map((e) => e.type)).toContain('service:updated');
  });

  it('has the real service lines, each with its own number series and documents in Chinese and English', () => {
    const { services } = demo().snapshot();
    expect(services.map((s) => s.names['zh-TW'])).toEqual(['戶籍登記', '身分證、印鑑', '自然人憑證', '護照一站式', '結婚登記', '預約服務', '戶籍謄本']);
    for (const s of services) {
      expect(s.documents['zh-TW'].length, s.id).toBeGreaterThan(0);
      expect(s.documents.en?.length, s.id).toBe(s.documents['zh-TW'].length);
      expect(s.numbering.digits).toBe(4);
      for (const o of services) if (o !== s) expect(servicesOverlap(s, o), `${s.id} / ${o.id}`).toBe(false);
    }
  });

  it('has 8 counters: 1 is the priority counter (愛心櫃臺), 7 speaks English, all lines are served', () => {
    const { counters, services } = demo().snapshot();
    expect(counters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(counters.filter((c) => c.isPriority).map((c) => c.number)).toEqual([1]);
    expect(counters.find((c) => c.number === 7)?.languages).toContain('en');
    for (const s of services) expect(counters.some((c) => c.serviceIds.includes(s.id)), s.id).toBe(true);
  });

  it('has weekday sessions with the noon flexible shift, an evening extension and a Saturday session', () => {
    const { sessions } = demo().snapshot().office;
    for (const weekday of [1, 2, 3, 4, 5]) {
      expect(sessions.filter((s) => s.weekday === weekday).map((s) => `${s.start}-${s.end}`)).toEqual(
        expect.arrayContaining(['08:00-12:00', '12:00-13:30', '13:30-17:30']),
      );
    }
    expect(sessions.some((s) => s.kind === 'evening' && s.end === '18:30')).toBe(true);
    expect(sessions.some((s) => s.weekday === 6)).toBe(true);
  });

  it('closes on the national holidays from December 2026 (行憲紀念日, 元旦 …), each once, by date, on a weekday', () => {
    const { specialDays } = demo().snapshot().office;
    expect(specialDays.slice(0, 2).map((d) => [d.date, d.kind, d.name['zh-TW']])).toEqual([
      ['2026-12-25', 'closed', '行憲紀念日'],
      ['2027-01-01', 'closed', '中華民國開國紀念日（元旦）'],
    ]);
    const dates = specialDays.map((d) => d.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    // A day off on a Saturday or Sunday is observed on a weekday instead.
    for (const d of specialDays) expect([1, 2, 3, 4, 5], d.date).toContain(weekdayOf(d.date));
    for (const d of specialDays) expect(d.name.en, d.date).toBeTruthy();
  });

  it('takes a ticket in every line and calls it at a counter that serves it', () => {
    const engine = demo();
    const { bus } = engine;
    for (const c of engine.snapshot().counters) bus.executeNow(SYSTEM, 'counter:open', { counterId: c.id });
    for (const s of engine.snapshot().services) {
      const cls = s.id === 'appointment' ? 'appointment' : 'normal';
      const appointmentAt = cls === 'appointment' ? { appointmentAt: new Date(engine.engine.clock()).toISOString() } : {};
      const { ticket } = bus.executeNow(SYSTEM, 'ticket:issue', { serviceId: s.id, class: cls, ...appointmentAt });
      expect(ticket.number).toBe(String(cls === 'appointment' ? s.appointmentNumbering!.start : s.numbering.start));
    }
    const called = engine.snapshot().counters.map((c) => bus.executeNow(SYSTEM, 'counter:call-next', { counterId: c.id }).ticket?.serviceId);
    expect(called.filter(Boolean)).toHaveLength(7);
  });

  it('takes bookings for 預約服務 and 結婚登記 (30 days ahead, on Saturday mornings too)', () => {
    const { store } = demo();
    const booking = store.office.booking();
    expect(booking.lines).toEqual([
      { serviceId: 'appointment', maxDaysAhead: null, capacityPerSlot: null },
      { serviceId: 'marriage', maxDaysAhead: 30, capacityPerSlot: null },
    ]);
    expect(booking.sessionKinds).toContain('weekend');
    const office = store.office.office()!;
    // Tuesday 2026-12-01: marriage up to 2026-12-31, the Saturday session included; the holiday of 12-25 not.
    const dates = bookableDates(office, booking, booking.lines[1]!, new FakeClock().now, office.timeZone);
    expect(dates.at(-1)).toBe('2026-12-31');
    expect(dates).toContain('2026-12-05');
    expect(dates).not.toContain('2026-12-25');
    expect(bookableDates(office, booking, booking.lines[0]!, new FakeClock().now, office.timeZone).at(-1)).toBe('2026-12-08');
  });
});
