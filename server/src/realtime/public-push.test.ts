// The sliced /public push (public-namespace.ts SlicedPush) against a recording namespace: one slice
// per event-loop turn, empty slices skipped, a newer view replacing one not sent yet, and every
// slice ending with the latest view, never the same one twice.
import { describe, expect, it } from 'vitest';
import type { PublicView } from '../modules/public/public.service';
import { SlicedPush, type PublicNs } from './public-namespace';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function recordingNamespace(rooms: Record<string, number>) {
  const sent: { room: string; except: string; seq: number }[] = [];
  const nsp = {
    adapter: { rooms: new Map(Object.entries(rooms).map(([room, n]) => [room, new Set(Array.from({ length: n }, (_, i) => `${room}-${i}`))])) },
    to: (room: string) => ({
      except: (except: string) => ({
        emit: (_event: string, status: { seq: number }) => {
          sent.push({ room, except, seq: status.seq });
          return true;
        },
      }),
    }),
  };
  return { nsp: nsp as unknown as PublicNs, sent };
}

const view = (office: string, seq: number) => ({ status: { office: { id: office }, seq } }) as unknown as PublicView;

describe('the sliced /public push', () => {
  it('sends one slice with sockets per event-loop turn, skipping empty ones, and not the ticket followers', async () => {
    const { nsp, sent } = recordingNamespace({ 'status:o:0': 3, 'status:o:2': 1, 'status:o:3': 2 });
    const push = new SlicedPush(nsp, 4);
    push.push(view('o', 7));
    expect(sent).toEqual([]); // nothing in the pushing turn itself
    await turn();
    expect(sent.map((s) => s.room)).toEqual(['status:o:0']);
    await turn();
    expect(sent.map((s) => s.room)).toEqual(['status:o:0', 'status:o:2']); // slice 1 is empty: skipped in the same turn
    await turn();
    await turn();
    expect(sent).toEqual(['status:o:0', 'status:o:2', 'status:o:3'].map((room) => ({ room, except: 'ticket-followers', seq: 7 })));
    push.close();
  });

  it('a newer view replaces one not sent yet; slices already sent get the newer one too, once', async () => {
    const { nsp, sent } = recordingNamespace({ 'status:o:0': 1, 'status:o:1': 1, 'status:o:2': 1 });
    const push = new SlicedPush(nsp, 3);
    push.push(view('o', 1));
    await turn(); // slice 0 has view 1
    push.push(view('o', 2));
    push.push(view('o', 3));
    for (let i = 0; i < 6; i++) await turn();
    const bySlice = (room: string) => sent.filter((s) => s.room === room).map((s) => s.seq);
    expect(bySlice('status:o:0')).toEqual([1, 3]);
    expect(bySlice('status:o:1')).toEqual([3]);
    expect(bySlice('status:o:2')).toEqual([3]);
    push.close();
  });

  it('keeps offices apart: each office’s slices get its own view', async () => {
    const { nsp, sent } = recordingNamespace({ 'status:a:0': 1, 'status:b:0': 1 });
    const push = new SlicedPush(nsp, 1);
    push.push(view('a', 5));
    push.push(view('b', 9));
    await turn();
    await turn();
    expect(sent.map((s) => [s.room, s.seq])).toEqual([
      ['status:a:0', 5],
      ['status:b:0', 9],
    ]);
    push.close();
  });
});
