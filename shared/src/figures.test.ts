import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { TodayStats } from './admin.schemas';
import type { Ticket } from './domain.schemas';
import { dayFigures, MAX_FIGURE_MINUTES, mean, percentile } from './figures';
import { NOW, ago, iso, ticket } from './testing/builders';

let n = 0;
/** A ticket issued `waited` + `handled` + 5 minutes ago, called after `waited` minutes, done `handled` minutes after its start. */
function done(serviceId: string, waited: number, handled: number, over: Partial<Ticket> = {}): Ticket {
  const issued = waited + handled + 5;
  return ticket({
    id: `d${++n}`,
    serviceId,
    state: 'done',
    issuedAt: ago(issued),
    queuedAt: ago(issued),
    calledAt: ago(issued - waited),
    startedAt: ago(issued - waited - 1),
    endedAt: ago(issued - waited - 1 - handled),
    counterId: 'c1',
    ...over,
  });
}

describe('percentile and mean', () => {
  it('the nearest rank: at least p% of the values are at or below it', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile(ten, 100)).toBe(10);
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile([4], 90)).toBe(4);
    expect(percentile([1, 2], 90)).toBe(2);
    expect(percentile([], 90)).toBeNull();
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
  });
});

describe('dayFigures', () => {
  it('counts per line and in total, and measures waits and handling times', () => {
    const tickets = [
      done('household', 10, 4),
      done('household', 20, 6),
      done('household', 30, 8),
      ticket({ id: 'w', serviceId: 'household' }),
      ticket({ id: 'm', serviceId: 'household', state: 'no_show', issuedAt: ago(40), queuedAt: ago(40), calledAt: ago(35), endedAt: ago(30) }),
      ticket({ id: 'x', serviceId: 'passport', state: 'cancelled', endedAt: ago(1) }),
      ticket({ id: 'c', serviceId: 'passport', state: 'called', issuedAt: ago(12), queuedAt: ago(12), calledAt: ago(0), counterId: 'c2' }),
    ];
    const { services, totals } = dayFigures(tickets, ['household', 'passport', 'seal']);
    expect(services.map((s) => s.serviceId)).toEqual(['household', 'passport', 'seal']);
    expect(services[0]).toEqual({
      serviceId: 'household',
      issued: 5,
      served: 3,
      noShows: 1,
      cancelled: 0,
      waiting: 1,
      // Called: 10, 20, 30 and the no-show's 5; the waiting ticket was never called.
      waitMinutes: { mean: 16.3, p90: 30 },
      handlingMinutes: { mean: 6 },
      ratings: { count: 0, mean: null },
    });
    expect(services[1]).toMatchObject({ issued: 2, served: 0, cancelled: 1, waiting: 0, waitMinutes: { mean: 12, p90: 12 }, handlingMinutes: { mean: null } });
    expect(services[2]).toMatchObject({ issued: 0, served: 0, waitMinutes: { mean: null, p90: null }, handlingMinutes: { mean: null } });
    expect(totals).toEqual({
      issued: 7,
      served: 3,
      noShows: 1,
      cancelled: 1,
      waiting: 1,
      waitMinutes: { mean: 15.4, p90: 30 },
      handlingMinutes: { mean: 6 },
      ratings: { count: 0, mean: null },
    });
    expect(Value.Check(TodayStats, { businessDate: '2024-05-06', at: iso(NOW), services, totals })).toBe(true);
  });

  it('counts a transferred ticket as issued by the line that gave its number, and served where it was served', () => {
    const moved = done('passport', 5, 5, {
      transfers: [{ at: ago(3), fromServiceId: 'household', fromCounterId: 'c1', toServiceId: 'passport', toCounterId: null }],
    });
    const { services } = dayFigures([moved], ['household', 'passport']);
    expect(services.map((s) => [s.serviceId, s.issued, s.served])).toEqual([
      ['household', 1, 0],
      ['passport', 0, 1],
    ]);
  });

  it('lists a line that holds tickets though not asked for, after the others', () => {
    const { services } = dayFigures([ticket({ serviceId: 'gone' })], ['household']);
    expect(services.map((s) => [s.serviceId, s.issued, s.waiting])).toEqual([
      ['household', 0, 0],
      ['gone', 1, 1],
    ]);
  });

  it('keeps minutes within the schema when the clock was stepped about', () => {
    const backwards = ticket({ state: 'called', issuedAt: ago(0), queuedAt: ago(0), calledAt: ago(10), counterId: 'c1' });
    const ancient = ticket({ id: 'old', state: 'called', issuedAt: iso(0), queuedAt: iso(0), calledAt: ago(0), counterId: 'c2' });
    const { services } = dayFigures([backwards, ancient], ['household']);
    expect(services[0]?.waitMinutes).toEqual({ mean: MAX_FIGURE_MINUTES / 2, p90: MAX_FIGURE_MINUTES });
  });

  it('is empty, not broken, for a day without tickets', () => {
    expect(dayFigures([], []).totals).toEqual({
      issued: 0,
      served: 0,
      noShows: 0,
      cancelled: 0,
      waiting: 0,
      waitMinutes: { mean: null, p90: null },
      handlingMinutes: { mean: null },
      ratings: { count: 0, mean: null },
    });
  });

  it('counts ratings and their mean score (to a tenth) per line that finished the ticket, and in total', () => {
    const tickets = [done('household', 10, 4), done('household', 20, 6), done('passport', 5, 5)];
    const ratings = [
      { serviceId: 'household', score: 5 },
      { serviceId: 'household', score: 4 },
      { serviceId: 'household', score: 4 },
      { serviceId: 'passport', score: 2 },
    ];
    const { services, totals } = dayFigures(tickets, ['household', 'passport', 'seal'], ratings);
    expect(services.map((s) => [s.serviceId, s.ratings])).toEqual([
      ['household', { count: 3, mean: 4.3 }],
      ['passport', { count: 1, mean: 2 }],
      ['seal', { count: 0, mean: null }],
    ]);
    expect(totals.ratings).toEqual({ count: 4, mean: 3.8 });
    expect(Value.Check(TodayStats, { businessDate: '2024-05-06', at: iso(NOW), services, totals })).toBe(true);
  });
});
