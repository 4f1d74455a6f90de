// ticket:follow on /public, with real socket.io-client connections: the ack is the resident's view,
// ticket:view follows each change of it (and only then), a follower is not sent every public status,
// one ticket per connection, unknown and malformed tokens, the per-connection limit, and letting go
// on disconnect. Nothing sleeps: every wait is for an event or an ack.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_EVENTS, SERVER_EVENTS, type ETicketView, type Ticket } from '@jiaohao/shared';
import { ask, expectError, expectOk, once, record, socketTestbed, untyped, WAIT_MS, type PublicClient } from '../testing/sockets';

const bed = socketTestbed();
const { joinPublic, publicClient, rest } = bed;

type Issued = Ticket & { trackingToken: string };

/** A clerk of this test's office, made when first needed. */
let clerkToken: string | null = null;
beforeEach(() => {
  clerkToken = null;
});
async function clerk(): Promise<string> {
  clerkToken ??= await bed.t.staffToken('clerk');
  return clerkToken;
}

async function issue(serviceId = 'reg', language?: string): Promise<Issued> {
  const kiosk = bed.t.deviceToken('kiosk');
  const { ticket } = await rest<{ ticket: Issued }>('POST', '/api/v1/tickets', kiosk, { serviceId, ...(language ? { language } : {}) });
  bed.t.clock.tick(1000);
  return ticket;
}

const post = async <T = unknown>(url: string, payload?: object) => rest<T>('POST', url, await clerk(), payload);

/** A /public socket that follows the ticket of `token`; resolves with it and the first view. */
async function follower(token: string): Promise<{ p: PublicClient; view: ETicketView }> {
  const p = publicClient();
  await joinPublic(p);
  const view = expectOk(await ask(p, CLIENT_EVENTS.ticketFollow, { token }));
  return { p, view };
}

describe('ticket:follow', () => {
  it('acks the view and sends ticket:view as the line moves: fewer ahead, then called to a counter, then a recall', async () => {
    const first = await issue();
    const mine = await issue('reg', 'vi');
    const { p, view } = await follower(mine.trackingToken);
    expect(view).toMatchObject({ ticketId: mine.id, number: mine.number, state: 'waiting', language: 'vi', ahead: 1 });
    expect(JSON.stringify(view)).not.toContain(mine.trackingToken);

    await post('/api/v1/counters/c2/open');
    const opened = await once(p, SERVER_EVENTS.ticketView);
    // One ahead at the one free counter (wait-model): called after ~10 min; nobody served yet, so
    // the range is wide, 3–19.
    expect(opened).toMatchObject({ ahead: 1, estimatedWait: { min: 3, max: 19 } });

    const fewer = once(p, SERVER_EVENTS.ticketView);
    const called = await post<{ ticket: Ticket }>('/api/v1/counters/c2/call-next');
    expect(called.ticket.id).toBe(first.id);
    expect(await fewer).toMatchObject({ ahead: 0, state: 'waiting' });

    // Starting and finishing the first change the estimate (the counter frees sooner), so views
    // come for those too: wait for the one that says it is called.
    const mineCalled = new Promise<ETicketView>((resolve) => {
      p.on(SERVER_EVENTS.ticketView, (view) => {
        if (view.state === 'called') resolve(view);
      });
    });
    await post(`/api/v1/tickets/${first.id}/start`);
    await post(`/api/v1/tickets/${first.id}/finish`);
    await post('/api/v1/counters/c2/call-next');
    const v = await mineCalled;
    expect(v).toMatchObject({ state: 'called', counter: { id: 'c2', number: 2 }, ahead: null, recallCount: 0 });
    expect(v.seq).toBe(bed.serverSeq());

    const recalled = once(p, SERVER_EVENTS.ticketView);
    await post(`/api/v1/tickets/${mine.id}/recall`);
    expect(await recalled).toMatchObject({ state: 'called', recallCount: 1 });
  });

  it('sends nothing when a batch changed nothing it shows (a ticket behind it, another line)', async () => {
    const mine = await issue();
    const { p } = await follower(mine.trackingToken);
    const seen = record(p);
    await issue('reg'); // behind it
    await issue('cert'); // another line
    // The next change that does concern it is the first view to arrive.
    await post('/api/v1/counters/c3/open'); // c3 serves only cert
    const next = once(p, SERVER_EVENTS.ticketView);
    await post('/api/v1/counters/c2/open');
    expect(await next).toMatchObject({ ahead: 0, estimatedWait: { min: 0, max: 2 } });
    expect(seen.all.filter(([name]) => name === SERVER_EVENTS.ticketView)).toHaveLength(1);
  });

  it('a follower is sent its ticket, not every public status; a plain /public socket still gets the status', async () => {
    const mine = await issue();
    const { p } = await follower(mine.trackingToken);
    const seen = record(p);
    const plain = publicClient();
    await joinPublic(plain);
    const status = once(plain, SERVER_EVENTS.publicStatus);
    await issue('cert');
    expect((await status).services.find((s) => s.id === 'cert')?.waiting).toBe(1);
    // Messages to one socket arrive in order: once this ack is back, any status pushed before it has arrived too.
    expectOk(await ask(p, CLIENT_EVENTS.publicStatus));
    expect(seen.all.map(([name]) => name)).not.toContain(SERVER_EVENTS.publicStatus);
  });

  it('every socket following one ticket gets its view; following another ticket lets the first go', async () => {
    const a = await issue();
    const b = await issue();
    const one = await follower(a.trackingToken);
    const two = await follower(a.trackingToken);
    await post('/api/v1/counters/c2/open');
    const [v1, v2] = await Promise.all([once(one.p, SERVER_EVENTS.ticketView), once(two.p, SERVER_EVENTS.ticketView)]);
    expect(v1).toEqual(v2);

    // `two` moves on to b: a's call reaches `one` only, and `two` hears about b.
    expect(expectOk(await ask(two.p, CLIENT_EVENTS.ticketFollow, { token: b.trackingToken })).ticketId).toBe(b.id);
    const seen = record(two.p);
    const aCalled = once(one.p, SERVER_EVENTS.ticketView);
    const bMoved = once(two.p, SERVER_EVENTS.ticketView);
    await post('/api/v1/counters/c2/call-next');
    expect(await aCalled).toMatchObject({ ticketId: a.id, state: 'called' });
    expect(await bMoved).toMatchObject({ ticketId: b.id, ahead: 0 });
    expect(seen.all.filter(([name]) => name === SERVER_EVENTS.ticketView).map(([, v]) => (v as ETicketView).ticketId)).toEqual([b.id]);
  });

  it('shows a cancel by the resident at once', async () => {
    const mine = await issue();
    const { p, view } = await follower(mine.trackingToken);
    const cancelled = once(p, SERVER_EVENTS.ticketView);
    const res = await bed.t.app.inject({ method: 'POST', url: `/api/v1/tickets/${view.ticketId}/cancel`, payload: { trackingToken: mine.trackingToken } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await cancelled).toMatchObject({ state: 'cancelled', ahead: null });
  });

  it('answers an unknown token not_found, a malformed or missing one validation_failed, and always acks', async () => {
    await issue();
    const p = publicClient();
    await joinPublic(p);
    const unknown = await ask(p, CLIENT_EVENTS.ticketFollow, { token: 'AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknown).toEqual({ ok: false, error: { code: 'not_found', message: 'No such ticket' } });
    for (const payload of [{ token: 'short' }, { token: 5 }, { token: 'A'.repeat(24), extra: 1 }, null, 'x']) {
      expect(expectError(await untyped(p).timeout(WAIT_MS).emitWithAck(CLIENT_EVENTS.ticketFollow, payload)), JSON.stringify(payload)).toBe('validation_failed');
    }
    // Only a callback, or more arguments than it takes: still an answer.
    expect(expectError(await untyped(p).timeout(WAIT_MS).emitWithAck(CLIENT_EVENTS.ticketFollow))).toBe('validation_failed');
    expect(expectError(await untyped(p).timeout(WAIT_MS).emitWithAck(CLIENT_EVENTS.ticketFollow, { token: 'A'.repeat(24) }, 'more'))).toBe('not_found');
    expect(bed.t.services.feed.tickets.followedCount).toBe(0);
  });

  it('is limited per connection (a page asks once per connect), and the limit refills with time', async () => {
    const mine = await issue();
    const p = publicClient();
    await joinPublic(p);
    for (let i = 0; i < 12; i++) expectOk(await ask(p, CLIENT_EVENTS.ticketFollow, { token: mine.trackingToken }));
    const limited = await ask(p, CLIENT_EVENTS.ticketFollow, { token: mine.trackingToken });
    expect(limited).toMatchObject({ ok: false, error: { code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } } });
    // Another connection has its own budget.
    expect((await follower(mine.trackingToken)).view.ticketId).toBe(mine.id);
    bed.t.clock.minutes(1);
    expectOk(await ask(p, CLIENT_EVENTS.ticketFollow, { token: mine.trackingToken }));
  });

  it('lets the ticket go when its last follower disconnects', async () => {
    const mine = await issue();
    const one = await follower(mine.trackingToken);
    const two = await follower(mine.trackingToken);
    expect(bed.t.services.feed.tickets.followedCount).toBe(1);
    one.p.disconnect();
    two.p.disconnect();
    await vi.waitFor(() => expect(bed.t.services.feed.tickets.followedCount).toBe(0), { timeout: WAIT_MS });
  });

  it('the staff and device namespaces refuse ticket:follow (forbidden), never silence', async () => {
    const mine = await issue();
    const s = await bed.staff();
    await bed.join(s);
    expect(expectError(await untyped(s).timeout(WAIT_MS).emitWithAck(CLIENT_EVENTS.ticketFollow, { token: mine.trackingToken }))).toBe('forbidden');
  });
});
