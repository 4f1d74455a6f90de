// The supervisor's commands over Socket.IO, end to end: announcements, stops of the issuing, the
// emergency closure and releasing a counter, sent on /staff and seen by displays, kiosks, other
// clerks and the public as events their reducers apply. Nothing sleeps: every wait is for an ack
// or an event.
import { describe, expect, it } from 'vitest';
import {
  activeAnnouncements,
  applyEvent,
  fromSnapshot,
  issuingFor,
  SERVER_EVENTS,
  skipSeq,
  type DomainEvent,
  type OfficeState,
  type PublicStatus,
  type Snapshot,
} from '@jiaohao/shared';
import { ask, expectError, expectOk, once, record, socketTestbed, untyped, WAIT_MS, type Recorder } from '../testing/sockets';

const bed = socketTestbed();
const { join, joinPublic, staff, display, kiosk, publicClient, serverSeq } = bed;

const HOUR = 3_600_000;

/** A client's office state, kept by the shared reducer from its snapshot and every event it is sent. */
function follow(socket: object, snapshot: Snapshot): { state: () => OfficeState; seen: Recorder } {
  let state = fromSnapshot(snapshot);
  untyped(socket).onAny((name: string, payload: DomainEvent & { seq: number }) => {
    if (name === SERVER_EVENTS.snapshot) return;
    state = name === SERVER_EVENTS.skipped ? skipSeq(state, payload.seq) : applyEvent(state, payload);
  });
  return { state: () => state, seen: record(socket) };
}

/** Resolves with the first public status pushed that passes `check`. */
function publicStatusWhere(socket: object, check: (s: PublicStatus) => boolean): Promise<PublicStatus> {
  return new Promise((resolve, reject) => {
    const raw = untyped(socket);
    const timer = setTimeout(() => {
      raw.off(SERVER_EVENTS.publicStatus, onStatus);
      reject(new Error(`no matching public status within ${WAIT_MS} ms`));
    }, WAIT_MS);
    const onStatus = (s: PublicStatus) => {
      if (!check(s)) return;
      clearTimeout(timer);
      raw.off(SERVER_EVENTS.publicStatus, onStatus);
      resolve(s);
    };
    raw.on(SERVER_EVENTS.publicStatus, onStatus);
  });
}

describe("the supervisor's switches over sockets", () => {
  it('an announcement posted on /staff reaches displays, kiosks and the public; withdrawn, it goes from all of them', async () => {
    const sup = await staff('supervisor');
    const d = display();
    const k = kiosk();
    const p = publicClient();
    const [, ds, ks] = await Promise.all([join(sup), join(d), join(k), joinPublic(p)]);
    const onDisplay = follow(d, ds);
    const onKiosk = follow(k, ks);
    const shown = publicStatusWhere(p, (s) => s.announcements.length === 1);

    const texts = { 'zh-TW': '今日提早於16:00停止抽號', en: 'No new numbers after 16:00 today' };
    const a = expectOk(await ask(sup, 'announcement:post', { texts, endsAt: new Date(bed.t.clock.now + HOUR).toISOString() }));
    await Promise.all([onDisplay.seen.untilSeq(serverSeq()), onKiosk.seen.untilSeq(serverSeq())]);
    expect(onDisplay.seen.events.map((e) => e.type)).toEqual(['announcement:posted']);
    expect(activeAnnouncements(onDisplay.state(), bed.t.clock.now)).toEqual([a]);
    expect(activeAnnouncements(onKiosk.state(), bed.t.clock.now)).toEqual([a]);
    expect((await shown).announcements).toEqual([a]);

    const gone = publicStatusWhere(p, (s) => s.announcements.length === 0);
    expect(expectOk(await ask(sup, 'announcement:withdraw', { announcementId: a.id })).id).toBe(a.id);
    await onDisplay.seen.untilSeq(serverSeq());
    expect(onDisplay.seen.events.map((e) => e.type)).toEqual(['announcement:posted', 'announcement:withdrawn']);
    expect(activeAnnouncements(onDisplay.state(), bed.t.clock.now)).toEqual([]);
    await gone;
  });

  it('a line stopped on /staff refuses the kiosk with the reason, and the kiosk knows before it asks; resumed, it issues', async () => {
    const sup = await staff('supervisor');
    const k = kiosk();
    const [, ks] = await Promise.all([join(sup), join(k)]);
    const onKiosk = follow(k, ks);

    const stopped = once(k, 'issuing:stopped');
    expectOk(await ask(sup, 'issuing:stop', { serviceId: 'reg', reason: 'capacity_reached', until: 'resumed' }));
    expect((await stopped).data.stop).toMatchObject({ serviceId: 'reg', reason: 'capacity_reached' });
    await onKiosk.seen.untilSeq(serverSeq());
    expect(issuingFor(onKiosk.state(), bed.t.clock.now, 'reg')).toEqual({ open: false, reason: 'capacity_reached' });
    expect(issuingFor(onKiosk.state(), bed.t.clock.now, 'cert')).toEqual({ open: true, reason: null });

    const refused = await ask(k, 'ticket:issue', { serviceId: 'reg' });
    expect(expectError(refused)).toBe('issuing_closed');
    expect(refused.ok ? null : refused.error.details).toEqual({ reason: 'capacity_reached' });
    expectOk(await ask(k, 'ticket:issue', { serviceId: 'cert' }));

    expect(expectOk(await ask(sup, 'issuing:resume', { serviceId: 'reg' }))).toEqual({ stops: [] });
    await onKiosk.seen.untilSeq(serverSeq());
    expect(issuingFor(onKiosk.state(), bed.t.clock.now, 'reg').open).toBe(true);
    expectOk(await ask(k, 'ticket:issue', { serviceId: 'reg' }));
  });

  it('the emergency closure sends the waiting home on every display and closes the kiosks until it ends', async () => {
    const sup = await staff('supervisor');
    const d = display();
    const k = kiosk();
    const [, ds] = await Promise.all([join(sup), join(d), join(k)]);
    const onDisplay = follow(d, ds);
    for (const serviceId of ['reg', 'cert']) expectOk(await ask(k, 'ticket:issue', { serviceId }));
    await onDisplay.seen.untilSeq(serverSeq());
    expect(Object.keys(onDisplay.state().tickets)).toHaveLength(2);

    const reason = { 'zh-TW': '颱風停止上班上課' };
    const closed = expectOk(await ask(sup, 'office:emergency-close', { reason, waiting: 'close' }));
    expect(closed.cancelled).toBe(2);
    await onDisplay.seen.untilSeq(serverSeq());
    expect(onDisplay.seen.events.slice(-3).map((e) => [e.type, e.reason])).toEqual([
      ['office:emergency-closed', 'office_closed'],
      ['ticket:cancelled', 'office_closed'],
      ['ticket:cancelled', 'office_closed'],
    ]);
    expect(onDisplay.state().closure).toEqual(closed.closure);
    expect(onDisplay.state().tickets).toEqual({});
    const refused = await ask(k, 'ticket:issue', { serviceId: 'reg' });
    expect(expectError(refused)).toBe('issuing_closed');
    expect(refused.ok ? '' : refused.error.message).toContain('颱風停止上班上課');

    expect(expectOk(await ask(sup, 'office:emergency-end', {})).ended).toEqual(closed.closure);
    await onDisplay.seen.untilSeq(serverSeq());
    expect(onDisplay.state().closure).toBeNull();
    expectOk(await ask(k, 'ticket:issue', { serviceId: 'reg' }));
    // What the display built event by event is what a fresh snapshot says.
    const fresh = fromSnapshot(bed.t.services.queries.snapshot());
    expect({ ...onDisplay.state(), seq: fresh.seq }).toEqual(fresh);
  });

  it('a counter held by one clerk refuses another on the socket; released by a supervisor, the ticket goes back and the other clerk opens it', async () => {
    const a = await staff('clerk');
    const b = await staff('clerk');
    const sup = await staff('supervisor');
    const k = kiosk();
    const [, bs] = await Promise.all([join(a), join(b), join(sup), join(k)]);
    const onB = follow(b, bs);
    expectOk(await ask(a, 'counter:open', { counterId: 'c2' }));
    const { ticket } = expectOk(await ask(k, 'ticket:issue', { serviceId: 'reg' }));
    expect(expectOk(await ask(a, 'counter:call-next', { counterId: 'c2' })).ticket?.id).toBe(ticket.id);

    expect(expectError(await ask(b, 'counter:open', { counterId: 'c2' }))).toBe('counter_taken');
    expect(expectError(await ask(b, 'counter:pause', { counterId: 'c2', reason: 'break' }))).toBe('counter_taken');
    expect(expectError(await ask(b, 'counter:release', { counterId: 'c2' }))).toBe('forbidden');

    const released = expectOk(await ask(sup, 'counter:release', { counterId: 'c2' }));
    expect(released.counter).toMatchObject({ status: 'closed', staffId: null });
    await onB.seen.untilSeq(serverSeq());
    expect(onB.seen.events.slice(-2).map((e) => [e.type, e.reason])).toEqual([
      ['ticket:requeued', 'counter_released'],
      ['counter:closed', 'counter_released'],
    ]);
    expect(onB.state().tickets[ticket.id]).toMatchObject({ state: 'waiting', counterId: null, queuedAt: ticket.queuedAt });
    expect(onB.state().counters.c2).toMatchObject({ status: 'closed', staffId: null });

    expectOk(await ask(b, 'counter:open', { counterId: 'c2' }));
    expect(expectOk(await ask(b, 'counter:call-next', { counterId: 'c2' })).ticket?.id).toBe(ticket.id);
    expect(expectError(await ask(a, 'counter:call-next', { counterId: 'c2' }))).toBe('counter_taken');
  });

  it("a clerk's socket may not send the supervisor's switches", async () => {
    const c = await staff('clerk');
    await join(c);
    const before = serverSeq();
    expect(expectError(await ask(c, 'issuing:stop', { serviceId: null, reason: 'other', until: 'resumed' }))).toBe('forbidden');
    expect(expectError(await ask(c, 'office:emergency-close', { reason: { 'zh-TW': '颱風' }, waiting: 'close' }))).toBe('forbidden');
    expect(expectError(await ask(c, 'announcement:post', { texts: { 'zh-TW': '公告' }, endsAt: new Date(bed.t.clock.now + HOUR).toISOString() }))).toBe('forbidden');
    expect(serverSeq()).toBe(before);
  });
});
