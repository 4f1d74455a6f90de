// The simulator (simulator.ts) on a short day, through the real engine: every resident gets a
// ticket and is called, the log stays intact, the same seed replays the same day, and the wait model
// covers about four in five actual waits with a range well under the mean wait (the plain
// people-ahead estimate covers a fraction). The whole day is `npm run simulate`.
import { describe, expect, it } from 'vitest';
import { residentsOf, shortDay, simulateDay } from './simulator';

describe('the simulated short day', () => {
  const plan = shortDay(90, { seed: 7 });

  it('issues every resident a ticket, calls each, keeps the log intact, and replays the same', async () => {
    const day = await simulateDay(plan);
    expect(day.tickets).toHaveLength(residentsOf(plan).length);
    expect(day.tickets.length).toBeGreaterThan(50);
    expect(day.tickets.every((t) => t.calledAt !== null && t.calledAt >= t.issuedAt)).toBe(true);
    expect(day.logIntact).toBe(true);
    // Each ticket's estimate is the issue answer's; some were told a wait of more than a few minutes.
    expect(day.tickets.some((t) => t.estimate !== null && t.estimate.min >= 10)).toBe(true);
    const again = await simulateDay(plan);
    expect(again.tickets.map((t) => [t.serviceId, t.issuedAt, t.calledAt, t.estimate])).toEqual(day.tickets.map((t) => [t.serviceId, t.issuedAt, t.calledAt, t.estimate]));
  });

  it('covers most actual waits, far more than the plain estimate, with a range well under the mean wait', async () => {
    const { all, tickets } = await simulateDay(plan);
    expect(all.coverage).not.toBeNull();
    // The morning rush from the first minute, when nobody has been served yet: 84% on this seed.
    expect(all.coverage!).toBeGreaterThanOrEqual(0.75);
    expect(all.coverage!).toBeGreaterThan(all.plainCoverage! + 0.4);
    expect(all.meanWidth!).toBeLessThan(0.75 * all.meanWait!);
    // As residents read it: whole minutes below 20, 5-minute steps from there, never empty.
    for (const { estimate: e } of tickets) {
      if (e === null) continue;
      for (const edge of [e.min, e.max]) expect(Number.isInteger(edge) && (edge < 20 || edge % 5 === 0)).toBe(true);
      expect(e.max).toBeGreaterThan(e.min);
    }
  });
});
