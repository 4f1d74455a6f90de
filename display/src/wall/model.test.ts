import { describe, expect, it } from 'vitest';
import { fromSnapshot } from '@jiaohao/shared/reducer';
import { announcement, closure, counter, iso, issuingStop, MIN, NOW, office, recentCall, service, snapshot, ticket } from '@jiaohao/shared/testing';
import { EVERY_ZONE, HIGHLIGHT_MS, HISTORY_SIZE, inZone, wallModel, zoneOf } from './model';

const state = (over: Parameters<typeof snapshot>[0] = {}) => fromSnapshot(snapshot(over));
/** Calls 1001… to alternate counters c1/c2, the newest first, one a minute up to NOW. */
const calls = (n: number) =>
  Array.from({ length: n }, (_, i) => recentCall({ seq: 100 - i, ticketId: `t${n - i}`, number: String(1000 + n - i), counterId: i % 2 ? 'c2' : 'c1', at: iso(NOW - i * MIN) }));

describe('the wall’s zone', () => {
  it('shows a call when both its counter and its line are in the zone', () => {
    const zone = zoneOf({ serviceIds: ['household'], counterIds: ['c1'], orientation: 'auto', volume: 80, repeat: 1, languages: [], voice: 'auto' });
    expect(inZone(zone, { serviceId: 'household', counterId: 'c1' })).toBe(true);
    expect(inZone(zone, { serviceId: 'household', counterId: 'c2' })).toBe(false);
    expect(inZone(zone, { serviceId: 'passport', counterId: 'c1' })).toBe(false);
    expect(inZone(zoneOf(null), { serviceId: 'passport', counterId: 'c9' })).toBe(true);
  });

  it('lists only the zone’s lines, calls and the announcements that concern them', () => {
    const s = state({
      recentCalls: [recentCall({ seq: 3, number: '2001', serviceId: 'passport', counterId: 'c2' }), recentCall({ seq: 2, number: '1001' })],
      announcements: [announcement({ id: 'all' }), announcement({ id: 'passport', serviceIds: ['passport'] }), announcement({ id: 'household', serviceIds: ['household'] })],
    });
    const m = wallModel(s, { serviceIds: ['household'], counterIds: null }, NOW);
    expect(m.lines.map((l) => l.id)).toEqual(['household']);
    expect(m.latest?.number).toBe('1001');
    expect(m.announcements.map((a) => a.id)).toEqual(['all', 'household']);
    expect(wallModel(s, { serviceIds: null, counterIds: ['c2'] }, NOW).latest?.number).toBe('2001');
  });
});

describe('the wall model', () => {
  it('shows the newest call large, highlighted for a few seconds, and the calls before it', () => {
    const s = state({ recentCalls: calls(12) });
    const m = wallModel(s, EVERY_ZONE, NOW + 1_000);
    expect(m.latest).toMatchObject({ number: '1012', counterNumber: 1, recall: false });
    expect(m.highlight).toBe(true);
    expect(m.history.map((c) => c.number)).toEqual(['1011', '1010', '1009', '1008', '1007', '1006', '1005'].slice(0, HISTORY_SIZE));
    expect(m.history[0]?.counterNumber).toBe(2);
    expect(wallModel(s, EVERY_ZONE, NOW + HIGHLIGHT_MS).highlight).toBe(false);
  });

  it('a recall is the newest call again, highlighted, and the ticket is not listed twice', () => {
    const s = state({ recentCalls: [recentCall({ seq: 50, ticketId: 't1', number: '1001', recall: true, at: iso(NOW) }), ...calls(3).map((c) => ({ ...c, at: iso(NOW - 5 * MIN) }))] });
    const m = wallModel(s, EVERY_ZONE, NOW);
    expect(m.latest).toMatchObject({ number: '1001', recall: true });
    expect(m.highlight).toBe(true);
    expect(m.history.map((c) => c.number)).toEqual(['1003', '1002']);
  });

  it('gives each line the number it called last and how many wait; never a person', () => {
    const s = state({
      recentCalls: [recentCall({ seq: 9, number: '1007' })],
      tickets: [ticket({ id: 'w1', state: 'waiting' }), ticket({ id: 'w2', number: '1009', state: 'waiting' }), ticket({ id: 'p1', serviceId: 'passport', number: '2003', state: 'serving', calledAt: iso(NOW - MIN), counterId: 'c2' })],
    });
    const m = wallModel(s, EVERY_ZONE, NOW);
    expect(m.lines.map((l) => [l.id, l.nowServing, l.waiting])).toEqual([
      ['household', '1007', 2],
      ['passport', '2003', 0],
    ]);
    // Only numbers, lines and counters reach the wall.
    expect(JSON.stringify(m)).not.toMatch(/trackingToken|staffId/);
  });

  it('says how the office stands: open in which session, a line stopped, an emergency closure', () => {
    expect(wallModel(state(), EVERY_ZONE, NOW).standing).toEqual({ kind: 'open', session: 'regular' });
    const noon = state({ office: office({ sessions: [{ weekday: 1, start: '09:00', end: '13:30', kind: 'noon', serviceIds: null }] }) });
    expect(wallModel(noon, EVERY_ZONE, NOW).standing).toEqual({ kind: 'open', session: 'noon' });
    expect(wallModel(state(), EVERY_ZONE, NOW + 8 * 60 * MIN).standing).toEqual({ kind: 'outside' });
    const stopped = state({ issuingStops: [issuingStop({ serviceId: null, reason: 'capacity_reached' })] });
    expect(wallModel(stopped, EVERY_ZONE, NOW).standing).toEqual({ kind: 'stopped', reason: 'capacity_reached' });
    const lineStopped = wallModel(state({ issuingStops: [issuingStop()] }), EVERY_ZONE, NOW);
    expect(lineStopped.lines.map((l) => l.issuing.open)).toEqual([false, true]);
    const closed = wallModel(state({ closure: closure() }), EVERY_ZONE, NOW).standing;
    expect(closed).toEqual({ kind: 'closure', reason: closure().reason });
    expect(wallModel(state({ office: office({ issuingMode: 'closed' }) }), EVERY_ZONE, NOW).standing).toEqual({ kind: 'issuingClosed' });
  });

  it('a call to a counter since removed still shows its number', () => {
    const s = state({ counters: [counter()], services: [service()], recentCalls: [recentCall({ counterId: 'gone' })] });
    expect(wallModel(s, EVERY_ZONE, NOW).latest).toMatchObject({ number: '1001', counterNumber: 0, counterNames: null });
  });
});
