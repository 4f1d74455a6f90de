// The counter client as a clerk uses it, against a fake server (the socket and REST are faked;
// the reducer, the store and every component are real).
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counter, service, snapshot, ticket } from '@jiaohao/shared/testing';
import type { Staff } from '@jiaohao/shared/schemas';
import { App } from './App';
import { createI18n } from './i18n/i18n';
import { FakeSocket } from '@jiaohao/web/testing';
import { fakeApi, serverEvent } from './testing/fakes';

const clerk: Staff = { id: 'staff-1', username: 'mei', displayName: '林美', role: 'clerk', active: true };
let socket: FakeSocket;

beforeEach(() => {
  localStorage.clear();
  socket = new FakeSocket();
});
afterEach(() => {
  cleanup();
  localStorage.clear();
});

function start(api = fakeApi(clerk)) {
  render(<App i18n={createI18n('zh-TW')} api={api} transport={() => socket} />);
  return api;
}

const office = () =>
  snapshot({
    seq: 10,
    services: [service({ id: 'reg', names: { 'zh-TW': '戶籍登記', en: 'Registration' }, documents: { 'zh-TW': ['身分證'], en: ['ID card'] } })],
    counters: [counter({ id: 'c1', number: 1, names: { 'zh-TW': '1號櫃臺', en: 'Counter 1' }, serviceIds: ['reg'], status: 'open', staffId: clerk.id })],
    tickets: [ticket({ id: 't9', number: '1009', serviceId: 'reg', state: 'waiting' })],
  });

const button = (name: RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;

/** The socket connects and the server sends its snapshot. */
function connected() {
  act(() => {
    socket.serverSends('connect');
    socket.serverSends('snapshot', office());
  });
}

async function signIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('帳號'), 'mei');
  await user.type(screen.getByLabelText('密碼'), 'right password');
  await user.click(screen.getByRole('button', { name: '登入' }));
  await screen.findByText('林美（櫃台人員）');
}

describe('signing in', () => {
  it('a wrong password says so and keeps the form; the right one signs in', async () => {
    const user = userEvent.setup();
    start();
    await user.type(await screen.findByLabelText('帳號'), 'mei');
    await user.type(screen.getByLabelText('密碼'), 'wrong');
    await user.click(screen.getByRole('button', { name: '登入' }));
    expect((await screen.findByRole('alert')).textContent).toContain('帳號或密碼錯誤');
    await user.type(screen.getByLabelText('密碼'), 'right password');
    await user.click(screen.getByRole('button', { name: '登入' }));
    expect(await screen.findByText('林美（櫃台人員）')).toBeTruthy();
  });
});

describe('the call panel', () => {
  it('calls next, shows the ticket with why it was chosen and its documents, and updates live', async () => {
    const user = userEvent.setup();
    start();
    await signIn(user);
    connected();
    await user.click(await screen.findByRole('button', { name: '1號櫃臺' }));
    const callNext = await screen.findByRole('button', { name: /叫下一號/ });
    expect(callNext.getAttribute('aria-keyshortcuts')).toBe('N');
    expect(button(/開始服務/).disabled).toBe(true);

    const called = ticket({ id: 't9', number: '1009', serviceId: 'reg', state: 'called', counterId: 'c1', calledAt: new Date().toISOString() });
    socket.answer = (event) => {
      if (event !== 'counter:call-next') return undefined;
      // The server broadcasts the event, then acks.
      socket.serverSends('ticket:called', serverEvent(11, 'ticket:called', { ticket: called, counter: office().counters[0]!, pickReason: 'longest_wait' }, called.calledAt!, clerk));
      return { ok: true, data: { ticket: called, reason: 'longest_wait' } };
    };
    await user.keyboard('n');
    expect(socket.sent.map((m) => m.event)).toContain('counter:call-next');
    const current = screen.getByRole('region', { name: '目前號碼' });
    expect(await within(current).findByText('1009')).toBeTruthy();
    expect(within(current).getByText('為何叫這一號：等候最久的民眾')).toBeTruthy();
    expect(within(current).getByRole('checkbox', { name: '身分證' })).toBeTruthy();
    expect(await screen.findByText('已叫 1009 號')).toBeTruthy();
    expect(button(/開始服務/).disabled).toBe(false);
    expect(button(/叫下一號/).disabled).toBe(true);
    // The key's button disabled itself: the focus is on the first move that can be made now.
    expect(document.activeElement?.textContent).toContain('重複叫號');
  });

  it('while the connection is down it says so, and an action is refused with a message, not sent', async () => {
    const user = userEvent.setup();
    start();
    await signIn(user);
    connected();
    await user.click(await screen.findByRole('button', { name: '1號櫃臺' }));
    act(() => socket.serverSends('disconnect', 'transport close'));
    expect(await screen.findByText(/連線中斷，重新連線中/)).toBeTruthy();
    const before = socket.sent.length;
    await user.click(screen.getByRole('button', { name: /叫下一號/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('目前沒有連線');
    expect(socket.sent.length).toBe(before);
  });

  it('switches to English', async () => {
    const user = userEvent.setup();
    start();
    await signIn(user);
    connected();
    await user.click(await screen.findByRole('button', { name: /English/ }));
    expect(await screen.findByRole('button', { name: 'Counter 1' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });
});
