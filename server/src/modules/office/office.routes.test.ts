// HTTP tests for the supervisor's switches on the issuing: stopping a line or the whole office
// (for the rest of the session, or until resumed) and the emergency closure. The test office issues
// by hand ('open') and has a Monday–Friday 08:00–17:30 session; the clock starts Tuesday 09:00.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATE_MESSAGE, type DomainEvent, type IssuingStopsResult, type Office, type PublicStatus, type Snapshot, type SpecialDay, type Ticket } from '@jiaohao/shared';
import type { TestApp } from '../../testing/fixtures';
import { errorCode, officeWithClerkAndKiosk, send } from '../../testing/http';

let t: TestApp;
let clerk: string;
let kiosk: string;
let supervisor: string;

const typhoon = { 'zh-TW': '颱風停止上班', en: 'Closed for the typhoon' };

function issue(serviceId: string, token = kiosk) {
  return send(t.app, 'POST', '/api/v1/tickets', token, { serviceId });
}
async function issued(serviceId: string, token = kiosk): Promise<Ticket> {
  const res = await issue(serviceId, token);
  expect(res.statusCode, res.body).toBe(201);
  t.clock.tick(1000);
  return res.json<{ ticket: Ticket }>().ticket;
}
const stop = (body: object, token = supervisor) => send(t.app, 'POST', '/api/v1/office/issuing/stop', token, body);
const resume = (body: object, token = supervisor) => send(t.app, 'POST', '/api/v1/office/issuing/resume', token, body);
const snapshot = async () => (await send(t.app, 'GET', '/api/v1/snapshot', clerk)).json<Snapshot>();
const publicStatus = async () => (await send(t.app, 'GET', '/api/v1/public/status')).json<PublicStatus>();
const issuingOf = async (serviceId: string) => (await publicStatus()).services.find((s) => s.id === serviceId)?.issuing;
async function eventsSince(seq: number): Promise<DomainEvent[]> {
  return (await send(t.app, 'GET', `/api/v1/events?after=${seq}&limit=1000`, supervisor)).json<{ events: DomainEvent[] }>().events;
}

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
  supervisor = await t.staffToken('supervisor');
});
afterEach(() => t.close());

describe('POST /api/v1/office/issuing/stop and /resume (supervisor)', () => {
  it('stops one line until resumed: kiosks are refused with the reason, other lines and staff still issue', async () => {
    const seq = t.store.events.lastSeq;
    const res = await stop({ serviceId: 'reg', reason: 'staff_shortage', until: 'resumed', note: '兩位請假' });
    expect(res.statusCode, res.body).toBe(200);
    const stopped = { serviceId: 'reg', reason: 'staff_shortage', until: 'resumed', since: new Date(t.clock.now).toISOString(), endsAt: null };
    expect(res.json<IssuingStopsResult>()).toEqual({ stops: [stopped] });
    expect(await eventsSince(seq)).toMatchObject([{ type: 'issuing:stopped', reason: 'staff_shortage', data: { stop: stopped } }]);

    const refused = await issue('reg');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'issuing_closed', message: expect.stringContaining('staff_shortage'), details: { reason: 'staff_shortage' } });
    await issued('cert');
    await issued('reg', clerk); // staff can still hand out a number

    expect((await snapshot()).issuingStops).toEqual([stopped]);
    expect(await issuingOf('reg')).toEqual({ open: false, reason: 'staff_shortage' });
    expect(await issuingOf('cert')).toEqual({ open: true, reason: null });
    expect((await publicStatus()).issuing).toEqual({ open: true, reason: null, mode: 'open' });

    const back = await resume({ serviceId: 'reg' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual({ stops: [] });
    await issued('reg');
    expect((await snapshot()).issuingStops).toEqual([]);
    // Nothing left to resume: nothing is written.
    const before = t.eventCount();
    expect((await resume({ serviceId: 'reg' })).json()).toEqual({ stops: [] });
    expect((await resume({ serviceId: null })).statusCode).toBe(200);
    expect(t.eventCount()).toBe(before);
  });

  it('stops the whole office for the rest of the session: every line, until 17:30, then it issues again by itself', async () => {
    const res = await stop({ serviceId: null, reason: 'closing_early', until: 'session_end' });
    expect(res.statusCode, res.body).toBe(200);
    // 17:30 in Taipei.
    expect(res.json<IssuingStopsResult>().stops).toEqual([expect.objectContaining({ serviceId: null, until: 'session_end', endsAt: '2026-12-01T09:30:00.000Z' })]);
    for (const line of ['reg', 'cert', 'small']) expect(errorCode(await issue(line))).toBe('issuing_closed');
    expect((await publicStatus()).issuing).toEqual({ open: false, reason: 'closing_early', mode: 'open' });
    expect(await issuingOf('cert')).toEqual({ open: false, reason: 'closing_early' });

    t.clock.set('2026-12-01T09:29:00.000Z');
    expect(errorCode(await issue('reg'))).toBe('issuing_closed');
    t.clock.set('2026-12-01T09:30:00.000Z');
    await issued('reg');
    expect((await snapshot()).issuingStops).toEqual([]);
    expect((await publicStatus()).issuing.open).toBe(true);
  });

  it('outside every session, "the rest of the session" is the rest of the day', async () => {
    t.clock.set('2026-12-01T11:00:00.000Z'); // 19:00 in Taipei
    const res = await stop({ serviceId: 'cert', reason: 'capacity_reached', until: 'session_end' });
    expect(res.json<IssuingStopsResult>().stops[0]?.endsAt).toBe('2026-12-01T16:00:00.000Z');
  });

  it('a second stop of a line replaces the first; resuming the office leaves the lines stopped', async () => {
    await stop({ serviceId: 'reg', reason: 'staff_shortage', until: 'resumed' });
    t.clock.minutes(5);
    const again = await stop({ serviceId: 'reg', reason: 'capacity_reached', until: 'session_end' });
    expect(again.json<IssuingStopsResult>().stops).toEqual([expect.objectContaining({ serviceId: 'reg', reason: 'capacity_reached', until: 'session_end' })]);
    await stop({ serviceId: null, reason: 'system_issue', until: 'resumed' });
    // The office's stop first.
    expect((await snapshot()).issuingStops.map((s) => [s.serviceId, s.reason])).toEqual([
      [null, 'system_issue'],
      ['reg', 'capacity_reached'],
    ]);
    expect(errorCode(await issue('cert'))).toBe('issuing_closed');
    expect((await resume({ serviceId: null })).json<IssuingStopsResult>().stops.map((s) => s.serviceId)).toEqual(['reg']);
    await issued('cert');
    expect((await issue('reg')).json().error.details).toEqual({ reason: 'capacity_reached' });
  });

  it('sits on top of office:set-issuing: resuming does not open what was switched off by hand', async () => {
    await send(t.app, 'POST', '/api/v1/office/issuing', supervisor, { mode: 'closed' });
    await stop({ serviceId: 'reg', reason: 'other', until: 'resumed' });
    expect(await issuingOf('reg')).toEqual({ open: false, reason: 'other' });
    await resume({ serviceId: 'reg' });
    expect(await issuingOf('reg')).toEqual({ open: false, reason: 'issuing_closed' });
    expect((await issue('reg')).json().error.details).toEqual({ reason: 'issuing_closed' });
    await send(t.app, 'POST', '/api/v1/office/issuing', supervisor, { mode: 'open' });
    await issued('reg');
  });

  it('needs a reason from the list, a known line and a known until; a clerk gets 403; nothing is written', async () => {
    const display = t.deviceToken('display');
    const before = t.eventCount();
    const cases: [object, number, string][] = [
      [{ serviceId: 'reg', until: 'resumed' }, 400, 'reason_required'],
      [{ serviceId: 'reg', reason: 'nap', until: 'resumed' }, 400, 'invalid_reason'],
      [{ serviceId: 'reg', reason: 'meal', until: 'resumed' }, 400, 'invalid_reason'],
      [{ serviceId: 'ghost', reason: 'other', until: 'resumed' }, 404, 'not_found'],
      [{ serviceId: 'reg', reason: 'other', until: 'tomorrow' }, 400, 'validation_failed'],
      [{ reason: 'other', until: 'resumed' }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const res = await stop(body);
      expect([JSON.stringify(body), res.statusCode, errorCode(res)]).toEqual([JSON.stringify(body), status, code]);
    }
    for (const token of [clerk, kiosk, display]) {
      expect((await stop({ serviceId: 'reg', reason: 'other', until: 'resumed' }, token)).statusCode).toBe(403);
      expect((await resume({ serviceId: 'reg' }, token)).statusCode).toBe(403);
    }
    expect((await resume({})).statusCode).toBe(400);
    expect(t.eventCount()).toBe(before);
  });
});

describe('POST /api/v1/office/emergency-close and /emergency-end (supervisor)', () => {
  it('waiting "serve": kiosks issue nothing and say why; those waiting are still called; staff still issue; it ends in one switch', async () => {
    const waiting = await issued('reg');
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    const seq = t.store.events.lastSeq;
    const res = await send(t.app, 'POST', '/api/v1/office/emergency-close', supervisor, { reason: typhoon, waiting: 'serve' });
    expect(res.statusCode, res.body).toBe(200);
    const closure = { reason: typhoon, since: new Date(t.clock.now).toISOString(), waiting: 'serve' };
    expect(res.json()).toEqual({ closure, cancelled: 0 });
    expect(await eventsSince(seq)).toMatchObject([{ type: 'office:emergency-closed', data: { closure, cancelled: 0 } }]);

    for (const line of ['reg', 'cert']) {
      const refused = await issue(line);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'issuing_closed', message: expect.stringContaining('颱風停止上班'), details: { reason: 'office_closed' } });
    }
    const call = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    expect(call.json().ticket.id).toBe(waiting.id);
    await issued('reg', clerk);

    expect((await snapshot()).closure).toEqual(closure);
    const pub = await publicStatus();
    expect(pub.closure).toEqual({ reason: typhoon, since: closure.since });
    expect(pub.issuing).toMatchObject({ open: false, reason: 'office_closed' });
    expect(pub.services.every((s) => s.issuing.reason === 'office_closed')).toBe(true);

    t.clock.minutes(30);
    const end = await send(t.app, 'POST', '/api/v1/office/emergency-end', supervisor);
    expect(end.statusCode).toBe(200);
    expect(end.json()).toEqual({ ended: closure });
    await issued('reg');
    expect((await snapshot()).closure).toBeNull();
    expect((await publicStatus()).closure).toBeNull();
    // Not closed: ending again writes nothing.
    const before = t.eventCount();
    expect((await send(t.app, 'POST', '/api/v1/office/emergency-end', supervisor)).json()).toEqual({ ended: null });
    expect(t.eventCount()).toBe(before);
  });

  it('waiting "close": every waiting ticket of today is cancelled (office_closed); the one at a counter stays there', async () => {
    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    const atCounter = await issued('reg');
    await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    const waiting = [await issued('reg'), await issued('cert'), await issued('small', clerk)];
    const seq = t.store.events.lastSeq;
    const res = await send(t.app, 'POST', '/api/v1/office/emergency-close', supervisor, { reason: typhoon, waiting: 'close' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cancelled).toBe(3);
    const events = await eventsSince(seq);
    // The closure first, then the cancellations it caused.
    expect(events.map((e) => [e.type, e.reason])).toEqual([
      ['office:emergency-closed', 'office_closed'],
      ['ticket:cancelled', 'office_closed'],
      ['ticket:cancelled', 'office_closed'],
      ['ticket:cancelled', 'office_closed'],
    ]);
    for (const w of waiting) {
      const now = (await send(t.app, 'GET', `/api/v1/tickets/${w.id}`, clerk)).json<{ ticket: Ticket }>().ticket;
      expect(now).toMatchObject({ state: 'cancelled', endedAt: expect.any(String) });
    }
    expect((await snapshot()).tickets.map((x) => [x.id, x.state])).toEqual([[atCounter.id, 'called']]);
    // The counter serves what is at it.
    expect((await send(t.app, 'POST', `/api/v1/tickets/${atCounter.id}/start`, clerk)).statusCode).toBe(200);

    // Closing again while closed keeps since and takes the new reason; nothing waits to cancel.
    t.clock.minutes(10);
    const again = await send(t.app, 'POST', '/api/v1/office/emergency-close', supervisor, { reason: { 'zh-TW': '颱風：全日停止上班' }, waiting: 'close' });
    expect(again.json()).toEqual({ closure: { reason: { 'zh-TW': '颱風：全日停止上班' }, since: res.json().closure.since, waiting: 'close' }, cancelled: 0 });
  });

  it('a person cannot cancel with the server’s reason', async () => {
    const w = await issued('reg');
    const res = await send(t.app, 'POST', `/api/v1/tickets/${w.id}/cancel`, clerk, { reason: 'office_closed' });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('invalid_reason');
  });

  it('needs a zh-TW reason and a known waiting mode; a clerk gets 403; nothing is written', async () => {
    const before = t.eventCount();
    for (const body of [{ reason: { en: 'Typhoon' }, waiting: 'serve' }, { reason: typhoon, waiting: 'maybe' }, { reason: typhoon }, { waiting: 'serve' }]) {
      const res = await send(t.app, 'POST', '/api/v1/office/emergency-close', supervisor, body);
      expect([JSON.stringify(body), res.statusCode, errorCode(res)]).toEqual([JSON.stringify(body), 400, 'validation_failed']);
    }
    expect((await send(t.app, 'POST', '/api/v1/office/emergency-close', clerk, { reason: typhoon, waiting: 'close' })).statusCode).toBe(403);
    expect((await send(t.app, 'POST', '/api/v1/office/emergency-end', clerk)).statusCode).toBe(403);
    expect((await send(t.app, 'POST', '/api/v1/office/emergency-end', supervisor, { force: true })).statusCode).toBe(400);
    expect(t.eventCount()).toBe(before);
    await issued('reg');
  });
});

describe('holidays and make-up days (office:update specialDays, admin)', () => {
  // The clock starts Tuesday 2026-12-01 09:00; the test office's sessions run Monday–Friday 08:00–17:30.
  const today: SpecialDay = { date: '2026-12-01', kind: 'closed', name: { 'zh-TW': '颱風假補休', en: 'Day off' } };
  const newYear: SpecialDay = { date: '2027-01-01', kind: 'closed', name: { 'zh-TW': '元旦', en: "New Year's Day" } };
  // Saturday 5 December works as a Friday (補班).
  const makeUp: SpecialDay = { date: '2026-12-05', kind: 'open', name: { 'zh-TW': '補行上班' }, sessionsOf: 5 };
  const patchOffice = (body: object, token = t.adminToken) => send(t.app, 'PATCH', '/api/v1/office', token, body);
  const setMode = (mode: string) => send(t.app, 'POST', '/api/v1/office/issuing', supervisor, { mode });

  it('are saved by date whatever the order sent, and a closed date refuses kiosks in schedule mode (issuing_closed); staff still issue', async () => {
    const res = await patchOffice({ specialDays: [newYear, makeUp, today] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Office>().specialDays).toEqual([today, makeUp, newYear]);
    expect((await snapshot()).office.specialDays).toEqual([today, makeUp, newYear]);

    // The test office issues by hand ('open'): the calendar is not asked.
    await issued('reg');
    expect((await setMode('schedule')).statusCode).toBe(200);
    const before = t.eventCount();
    const refused = await issue('reg');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'issuing_closed', details: { reason: 'outside_session' } });
    expect(t.eventCount()).toBe(before);
    expect((await publicStatus()).issuing).toEqual({ open: false, reason: 'outside_session', mode: 'schedule' });
    expect(await issuingOf('cert')).toEqual({ open: false, reason: 'outside_session' });
    await issued('reg', clerk);

    // The next day follows the week again.
    t.clock.set('2026-12-02T09:00:00+08:00');
    await issued('reg');
    // Saturday, a make-up day that runs Friday's 08:00–17:30; the Saturday after has no session.
    t.clock.set('2026-12-05T17:00:00+08:00');
    await issued('cert');
    t.clock.set('2026-12-12T10:00:00+08:00');
    expect(errorCode(await issue('cert'))).toBe('issuing_closed');
  });

  it('"for the rest of the session" on a closed day is the rest of the day', async () => {
    await patchOffice({ specialDays: [today] });
    await setMode('schedule');
    const res = await stop({ serviceId: null, reason: 'closing_early', until: 'session_end' });
    expect(res.json<IssuingStopsResult>().stops).toEqual([expect.objectContaining({ endsAt: '2026-12-01T16:00:00.000Z' })]);
  });

  it('refuses a date given twice, a date that does not exist, an open day without its weekday, and more than 100; a supervisor gets 403; nothing is written', async () => {
    const before = t.eventCount();
    const twice = await patchOffice({ specialDays: [today, newYear, { ...today, kind: 'open', sessionsOf: 1 }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error).toMatchObject({ code: 'validation_failed', details: [{ path: '/specialDays/2/date' }] });
    const feb30 = await patchOffice({ specialDays: [{ ...newYear, date: '2027-02-30' }] });
    expect(feb30.statusCode).toBe(400);
    expect(feb30.json().error.details).toContainEqual({ path: '/specialDays/0/date', message: DATE_MESSAGE });
    for (const specialDays of [
      [{ ...makeUp, sessionsOf: undefined }],
      [{ ...makeUp, sessionsOf: 6 }],
      [{ ...newYear, sessionsOf: 1 }],
      [{ ...newYear, name: { en: 'No Chinese name' } }],
      [{ ...newYear, kind: 'half' }],
      Array.from({ length: 101 }, (_, i) => ({ ...newYear, date: `2027-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}` })),
    ]) {
      const res = await patchOffice({ specialDays });
      expect([JSON.stringify(specialDays).slice(0, 80), res.statusCode, errorCode(res)]).toEqual([JSON.stringify(specialDays).slice(0, 80), 400, 'validation_failed']);
    }
    expect((await patchOffice({ specialDays: [today] }, supervisor)).statusCode).toBe(403);
    expect(t.eventCount()).toBe(before);
    expect((await snapshot()).office.specialDays).toEqual([]);
  });

  it('an office row stored before special days existed has none, and takes them as any office does (old events: events.versions.test)', async () => {
    const { specialDays: _s, ...oldOffice } = (await snapshot()).office;
    t.db.prepare("UPDATE settings SET value = ? WHERE key = 'office'").run(JSON.stringify(oldOffice));
    t.store.office.forget();
    expect((await snapshot()).office.specialDays).toEqual([]);
    expect((await send(t.app, 'GET', '/api/v1/office', clerk)).json<Office>()).toEqual({ ...oldOffice, specialDays: [] });
    await setMode('schedule');
    await issued('reg');
    // And it takes them as any office does.
    expect((await patchOffice({ specialDays: [today] })).statusCode).toBe(200);
    expect(errorCode(await issue('reg'))).toBe('issuing_closed');
  });
});
