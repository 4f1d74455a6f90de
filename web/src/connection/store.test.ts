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
});
