// Clock jumps across midnight (issue 12), in-process with a fake clock: the office's clock leaps
// from 16:59 to 09:00 the next morning (Asia/Taipei) and, once the new day has started, an NTP
// correction steps it back to 23:58 of the day before. The day must roll over by itself
// (engine.beforeEachCommand(rollDay)), yesterday's open tickets expire (DESIGN.md: "business date,
// not resets"), numbers restart for the new date and never repeat a (date, number) pair; the step
// back must not reopen yesterday, reissue a number or put a ticket ahead of those who came before
// it, and the event log must stay verifiable, in seq order and in time order.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChainCheck, Counter, DomainEvent, Snapshot, Ticket } from '@jiaohao/shared';
import { FakeClock, send, testApp, type TestApp } from '@jiaohao/server/testing';

/** Taipei is UTC+8 all year: these are the wall-clock times of the office. */
const TUE_1659 = '2026-12-01T08:59:00.000Z'; // Tue 2026-12-01 16:59
const WED_0900 = '2026-12-02T01:00:00.000Z'; // Wed 2026-12-02 09:00
const TUE_2358 = '2026-12-01T15:58:00.000Z'; // Tue 2026-12-01 23:58: the step back
const TUESDAY = '2026-12-01';
const WEDNESDAY = '2026-12-02';

let t: TestApp;
/** A supervisor who signed in this morning (a session lasts a working day, not across the night). */
let reader: string;
afterEach(() => t?.close());

/** The office on Tuesday 09:00, with a kiosk (a device token never expires). */
async function office(): Promise<{ kiosk: string }> {
  t = await testApp({ clock: new FakeClock(Date.parse('2026-12-01T01:00:00.000Z')) });
  return { kiosk: t.deviceToken('kiosk') };
}

/** The staff sign in afresh after the night: a clerk, and the supervisor who reads. */
async function morning(): Promise<{ clerk: string; supervisor: string }> {
  reader = await t.staffToken('supervisor');
  return { clerk: await t.staffToken('clerk'), supervisor: reader };
}

async function ok<T>(method: 'GET' | 'POST', url: string, token: string, body?: object): Promise<T> {
  const res = await send(t.app, method, url, token, body);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json<T>();
}

/** Issues a ticket; the next resident comes a minute later (two in one millisecond would be ordered by id). */
async function issue(kiosk: string, serviceId = 'reg'): Promise<Ticket> {
  const { ticket } = await ok<{ ticket: Ticket }>('POST', '/api/v1/tickets', kiosk, { serviceId });
  t.clock.minutes(1);
  return ticket;
}
const ticket = async (id: string) => (await ok<{ ticket: Ticket }>('GET', `/api/v1/tickets/${id}`, reader)).ticket;
const snapshot = () => ok<Snapshot>('GET', '/api/v1/snapshot', reader);
const callNext = async (clerk: string, counterId: string) =>
  (await ok<{ ticket: Ticket | null }>('POST', `/api/v1/counters/${counterId}/call-next`, clerk)).ticket;
const events = (): DomainEvent[] => t.store.events.after(0);

/** The whole log: verifiable, seq 1..n without a hole, and never going back in time. */
async function expectLogInOrder(supervisor: string): Promise<void> {
  const check = await ok<ChainCheck>('GET', '/api/v1/events/verify', supervisor);
  expect(check.problems).toEqual([]);
  expect(check.ok).toBe(true);
  const log = events();
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  const backwards = log.filter((e, i) => i > 0 && Date.parse(e.at) < Date.parse(log[i - 1]!.at)).map((e) => `${e.seq} ${e.type} at ${e.at}`);
  expect(backwards, 'events stamped earlier than the event before them').toEqual([]);
}

/** Every number of every day, straight from the database: a (date, line, number) is given once. */
function numbersGiven(): Array<{ date: string; service: string; number: string; n: number }> {
  return t.db
    .prepare('SELECT business_date AS date, service_id AS service, number, COUNT(*) AS n FROM tickets GROUP BY 1, 2, 3 ORDER BY 1, 3')
    .all() as Array<{ date: string; service: string; number: string; n: number }>;
}

describe('the clock jumps forwards overnight: 16:59 → 09:00 the next day', () => {
  it('rolls the day over by itself: yesterday’s open tickets expire, counters close, numbers restart', async () => {
    const { kiosk } = await office();
    const tuesday = await morning();
    for (const c of ['c1', 'c2']) await ok('POST', `/api/v1/counters/${c}/open`, tuesday.clerk);
    const tue = [await issue(kiosk), await issue(kiosk), await issue(kiosk)];
    t.clock.set(TUE_1659);
    // At 16:59: c2 serves 1001, c1 has called 1002, 1003 and 2001 wait.
    const serving = await callNext(tuesday.clerk, 'c2');
    await ok('POST', `/api/v1/tickets/${serving!.id}/start`, tuesday.clerk);
    const called = await callNext(tuesday.clerk, 'c1');
    tue.push(await issue(kiosk, 'cert'));
    expect(tue.map((x) => [x.businessDate, x.number])).toEqual([[TUESDAY, '1001'], [TUESDAY, '1002'], [TUESDAY, '1003'], [TUESDAY, '2001']]);
    expect([serving?.number, called?.number]).toEqual(['1001', '1002']);
    const seqBefore = t.store.events.lastSeq;

    t.clock.set(WED_0900);
    // Nothing happened overnight (no scheduled close): the first command of the morning rolls the day.
    const first = await issue(kiosk);
    const { clerk, supervisor } = await morning();
    expect([first.businessDate, first.number]).toEqual([WEDNESDAY, '1001']);

    const rolled = events().filter((e) => e.seq > seqBefore && e.type !== 'staff:changed'); // (the staff signing in afresh)
    // The roll-over runs before the command, in its transaction: expiries, closed counters, day:started, then the issue.
    expect(rolled.map((e) => e.type)).toEqual([
      ...tue.map(() => 'ticket:expired'),
      'counter:closed',
      'counter:closed',
      'day:started',
      'ticket:issued',
    ]);
    expect(rolled.find((e) => e.type === 'day:started')?.data).toEqual({ businessDate: WEDNESDAY });
    for (const x of tue) expect((await ticket(x.id)).state).toBe('expired');
    // The ticket being served across the jump expired with the rest; its counter closed and
    // holds nothing; finishing it now is refused, not applied to the new day.
    const late = await send(t.app, 'POST', `/api/v1/tickets/${serving!.id}/finish`, clerk);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('invalid_transition');

    const snap = await snapshot();
    expect(snap.businessDate).toBe(WEDNESDAY);
    expect(snap.tickets.map((x) => x.number)).toEqual(['1001']);
    const counters = Object.fromEntries(snap.counters.map((c: Counter) => [c.id, c.status]));
    expect(counters).toMatchObject({ c1: 'closed', c2: 'closed' });
    // Yesterday's calls are not today's: a display after the roll-over lists none of them.
    expect(snap.recentCalls).toEqual([]);

    // The new day goes on as any other: a counter opens and calls the new 1001.
    await ok('POST', '/api/v1/counters/c2/open', clerk);
    expect((await callNext(clerk, 'c2'))?.id).toBe(first.id);
    expect((await issue(kiosk, 'cert')).number).toBe('2001');
    expect(numbersGiven().filter((r) => r.n > 1)).toEqual([]);
    expect(numbersGiven().map((r) => `${r.date} ${r.number}`)).toEqual([
      `${TUESDAY} 1001`, `${TUESDAY} 1002`, `${TUESDAY} 1003`, `${TUESDAY} 2001`, `${WEDNESDAY} 1001`, `${WEDNESDAY} 2001`,
    ]);
    await expectLogInOrder(supervisor);
  });
});

describe('then an NTP correction steps the clock back to 23:58 of the day before', () => {
  it('keeps the new day, its numbers and its queue order; the log stays verifiable and in time order', async () => {
    const { kiosk } = await office();
    const tuesday = await morning();
    await ok('POST', '/api/v1/counters/c2/open', tuesday.clerk);
    const old = await issue(kiosk);
    t.clock.set(TUE_1659);
    const oldServing = await callNext(tuesday.clerk, 'c2');
    await ok('POST', `/api/v1/tickets/${oldServing!.id}/start`, tuesday.clerk);

    t.clock.set(WED_0900);
    const { clerk, supervisor } = await morning();
    const wed1 = await issue(kiosk);
    const wed2 = await issue(kiosk);
    const daysStarted = () => events().filter((e) => e.type === 'day:started').map((e) => e.data);
    expect(daysStarted()).toEqual([{ businessDate: TUESDAY }, { businessDate: WEDNESDAY }]);

    t.clock.set(TUE_2358);
    const back = await issue(kiosk);
    // The day before is not reopened: the ticket goes into the newest day, with the next number.
    expect([back.businessDate, back.number]).toEqual([WEDNESDAY, '1003']);
    expect((await ticket(old.id)).state).toBe('expired');
    expect((await snapshot()).businessDate).toBe(WEDNESDAY);
    // Nor is a clerk's command stamped into it (counters open and call in the newest day too).
    await ok('POST', '/api/v1/counters/c2/open', clerk);

    // Real midnight comes (23:59 → 00:02 by the stepped-back clock): it is still Wednesday, no second roll-over.
    t.clock.minutes(3);
    const afterMidnight = await issue(kiosk);
    expect([afterMidnight.businessDate, afterMidnight.number]).toEqual([WEDNESDAY, '1004']);
    expect(daysStarted()).toEqual([{ businessDate: TUESDAY }, { businessDate: WEDNESDAY }]);

    // The queue keeps the order people came in: the ticket issued under the stepped-back clock
    // does not jump ahead of those who came at 09:00.
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const next = await callNext(clerk, 'c2');
      order.push(next!.number);
      await ok('POST', `/api/v1/tickets/${next!.id}/start`, clerk);
      await ok('POST', `/api/v1/tickets/${next!.id}/finish`, clerk);
    }
    expect(order).toEqual([wed1.number, wed2.number, back.number, afterMidnight.number]);
    // No ticket's times run backwards (handling and waiting times stay ≥ 0).
    for (const x of [wed1, wed2, back, afterMidnight]) {
      const done = await ticket(x.id);
      expect(Date.parse(done.calledAt!), `${done.number} called before it was issued`).toBeGreaterThanOrEqual(Date.parse(done.issuedAt));
      expect(Date.parse(done.endedAt!), `${done.number} ended before it was called`).toBeGreaterThanOrEqual(Date.parse(done.calledAt!));
    }

    expect(numbersGiven().filter((r) => r.n > 1)).toEqual([]);
    expect(numbersGiven().map((r) => `${r.date} ${r.number}`)).toEqual([`${TUESDAY} 1001`, `${WEDNESDAY} 1001`, `${WEDNESDAY} 1002`, `${WEDNESDAY} 1003`, `${WEDNESDAY} 1004`]);
    await expectLogInOrder(supervisor);

    // Once the real clock is past the time the office had reached, times are the clock's own again.
    t.clock.set('2026-12-02T01:30:00.000Z'); // Wed 09:30
    const later = await issue(kiosk);
    expect(later.issuedAt).toBe('2026-12-02T01:30:00.000Z');
    await expectLogInOrder(supervisor);
  });
});
