import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { device, displaySettings, iso, NOW, recentCall, snapshot } from '@jiaohao/shared/testing';
import { FakeSocket } from '@jiaohao/web/testing';
import { App } from './App';
import { createDisplayI18n } from './i18n/i18n';
import type { SoundOutput } from './wall/speech/output';
import type { Step } from './wall/speech/plan';

/** A loudspeaker that is unlocked by a click and records what it plays (each step ends at once). */
function fakeOutput(blocked = true): SoundOutput & { played: Step[]; unlocks: number } {
  const listeners = new Set<() => void>();
  const out = {
    blocked,
    manifest: null,
    played: [] as Step[],
    unlocks: 0,
    hasVoice: () => true,
    unlock() {
      out.unlocks++;
      out.blocked = false;
      for (const l of listeners) l();
    },
    setVolume() {},
    play(step: Step) {
      out.played.push(step);
      return Promise.resolve();
    },
    onChange(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return out;
}

function setup(options: { token?: string | null; fromLink?: boolean; blocked?: boolean } = {}) {
  const socket = new FakeSocket();
  const tokens: string[] = [];
  const kept: string[] = [];
  let forgotten = 0;
  const output = fakeOutput(options.blocked ?? true);
  render(
    <App
      i18n={createDisplayI18n()}
      pairing={{ token: options.token === undefined ? 'tok' : options.token, fromLink: options.fromLink ?? false }}
      transport={(t) => {
        tokens.push(t);
        return socket;
      }}
      output={output}
      keep={(t) => kept.push(t)}
      forget={() => forgotten++}
    />,
  );
  return { socket, tokens, kept, output, forgotten: () => forgotten };
}

/** The server's half of a connection: connect, the device's own settings, a snapshot. */
function serve(socket: FakeSocket, over: Parameters<typeof snapshot>[0] = {}, settings = displaySettings()) {
  act(() => {
    socket.serverSends('connect');
    socket.serverSends('device:self', device({ display: settings }));
    socket.serverSends('snapshot', snapshot({ at: iso(Date.now()), ...over }));
  });
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  localStorage.clear();
});

describe('the wall display', () => {
  it('without a token, asks for one; pairing keeps it, connects with it and unlocks the sound in the same click', async () => {
    const { tokens, kept, output } = setup({ token: null });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /配對/ }));
    expect(screen.getByRole('alert').textContent).toContain('請輸入裝置代碼');
    expect(tokens).toEqual([]);
    await user.type(screen.getByLabelText(/裝置代碼/), '  the-token  ');
    await user.click(screen.getByRole('button', { name: /配對/ }));
    expect(kept).toEqual(['the-token']);
    expect(tokens).toEqual(['the-token']);
    expect(output.unlocks).toBe(1);
  });

  it('opened from its pairing link, offers Start (the browser’s sound unlock) before the wall', async () => {
    const { socket, output } = setup({ fromLink: true });
    serve(socket);
    await userEvent.setup().click(screen.getByRole('button', { name: /開始/ }));
    expect(output.unlocks).toBe(1);
    expect(screen.getByRole('region', { name: /各項業務/ })).toBeTruthy();
  });

  it('shows the newest call large and the ones before, and says when sound is blocked', () => {
    const { socket } = setup();
    serve(socket, {
      seq: 50,
      recentCalls: [recentCall({ seq: 50, ticketId: 't2', number: '1002', counterId: 'c2' }), recentCall({ seq: 49, at: iso(NOW - 60_000) })],
    });
    const latest = screen.getByRole('region', { name: /現在叫號/ });
    expect(within(latest).getByText('1002')).toBeTruthy();
    expect(within(latest).getByText('2 號櫃台')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: /最近叫號/ })).getByText('1001')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('聲音尚未開啟');
  });

  it('keeps the last state under a banner a few seconds after the connection drops, and drops the banner when back', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { socket } = setup({ blocked: false });
    serve(socket, { recentCalls: [recentCall()] });
    act(() => socket.serverSends('disconnect', 'transport close'));
    // A blip is not worth alarming the room.
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => vi.advanceTimersByTime(3_000));
    expect(screen.getByRole('alert').textContent).toContain('連線中斷');
    expect(screen.getByRole('alert').textContent).toContain('may be out of date');
    expect(within(screen.getByRole('region', { name: /現在叫號/ })).getByText('1001')).toBeTruthy();
    serve(socket, { recentCalls: [recentCall()] });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('after the server closed the socket, connects again; a refused token shows what to do, and a new one can be typed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { socket, forgotten } = setup();
    serve(socket);
    const before = socket.connects;
    act(() => socket.serverSends('disconnect', 'io server disconnect'));
    act(() => vi.advanceTimersByTime(2_000));
    expect(socket.connects).toBe(before + 1);
    act(() => socket.serverSends('connect_error', new Error('unauthenticated')));
    expect(screen.getByRole('heading', { name: /代碼已失效/ })).toBeTruthy();
    vi.useRealTimers();
    await userEvent.setup().click(screen.getByRole('button', { name: /輸入新的代碼/ }));
    expect(forgotten()).toBe(1);
    expect(screen.getByLabelText(/裝置代碼/)).toBeTruthy();
  });

  it('follows the settings the server sends: portrait, and only its counters', () => {
    const { socket } = setup();
    serve(socket, { recentCalls: [recentCall({ seq: 50, number: '1009', counterId: 'c2' }), recentCall({ seq: 49 })] }, displaySettings({ orientation: 'portrait', counterIds: ['c1'] }));
    expect(document.querySelector('.wall')?.getAttribute('data-layout')).toBe('portrait');
    expect(within(screen.getByRole('region', { name: /現在叫號/ })).getByText('1001')).toBeTruthy();
    expect(screen.queryByText('1009')).toBeNull();
  });
});
