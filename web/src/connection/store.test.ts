import { describe, expect, it } from 'vitest';
import { counter, service, snapshot } from '@jiaohao/shared/testing';
import { createOfficeStore } from './store';
import { FakeSocket } from '../testing/fake-socket';

const alert = (seq: number) => ({
  seq,
  type: 'alert:raised',
  at: '2024-05-06T02:00:00.000Z',
  actor: { kind: 'system', id: null },
  reason: null,
  data: { alert: { kind: 'command_rate', command: 'ticket:issue', by: { kind: 'device', id: 'k1' }, count: 30, windowSeconds: 60 } },
});

describe('the connection store', () => {
  it('applies events in order, and asks for a snapshot once when one is missed', () => {
    const socket = new FakeSocket();
    const store = createOfficeStore(socket);
    socket.serverSends('connect');
    socket.serverSends('snapshot', snapshot({ seq: 5, services: [service()], counters: [counter()] }));
    socket.serverSends('seq:skipped', { seq: 6 });
    expect(store.getState().office?.seq).toBe(6);
    socket.serverSends('seq:skipped', { seq: 9 }); // 7 and 8 never came
    socket.serverSends('seq:skipped', { seq: 10 });
    expect(socket.sent.filter((m) => m.event === 'snapshot:request')).toHaveLength(1);
    expect(store.getState().resyncing).toBe(true);
  });

  it('keeps the supervisors’ alerts, newest first, and refuses commands while offline', async () => {
    const socket = new FakeSocket();
    const store = createOfficeStore(socket);
    socket.serverSends('connect');
    socket.serverSends('snapshot', snapshot({ seq: 5 }));
    socket.serverSends('alert:raised', alert(6));
    socket.serverSends('alert:raised', alert(7));
    expect(store.getState().alerts.map((a) => a.seq)).toEqual([7, 6]);
    socket.serverSends('disconnect', 'transport close');
    expect(store.getState().status).toBe('reconnecting');
    const before = socket.sent.length;
    expect(await store.send('counter:call-next', { counterId: 'c1' })).toMatchObject({ ok: false, error: { code: 'not_connected' } });
    expect(socket.sent.length).toBe(before);
    socket.serverSends('disconnect', 'io server disconnect');
    expect(store.getState().status).toBe('ended');
  });

  it('knows how far the server clock is off, and a device its own settings', () => {
    const socket = new FakeSocket();
    const store = createOfficeStore(socket, { now: () => Date.parse('2024-05-06T02:00:00.000Z') });
    socket.serverSends('connect');
    socket.serverSends('snapshot', snapshot({ seq: 5, at: '2024-05-06T02:00:03.500Z' }));
    expect(store.getState().clockOffsetMs).toBe(3_500);
    expect(store.getState().device).toBeNull();
    const device = { id: 'd1', kind: 'display', name: 'Hall', createdAt: '2024-05-01T00:00:00.000Z', revokedAt: null, lastSeenAt: null, display: null };
    socket.serverSends('device:self', device);
    expect(store.getState().device).toEqual(device);
  });

  it('tells a refused token from a socket the server closed, and connects again when asked', () => {
    const socket = new FakeSocket();
    const store = createOfficeStore(socket);
    expect(socket.connects).toBe(1);
    socket.serverSends('connect');
    socket.serverSends('snapshot', snapshot({ seq: 5 }));
    socket.serverSends('disconnect', 'io server disconnect');
    expect(store.getState()).toMatchObject({ status: 'ended', endedBy: 'server' });
    store.reconnect();
    expect(socket.connects).toBe(2);
    expect(store.getState()).toMatchObject({ status: 'reconnecting', endedBy: null });
    socket.serverSends('connect_error', new Error('unauthenticated'));
    expect(store.getState()).toMatchObject({ status: 'ended', endedBy: 'refused' });
    // The office stays as last known: a display keeps showing it under its message.
    expect(store.getState().office?.seq).toBe(5);
  });
});
