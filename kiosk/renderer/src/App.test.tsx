import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { counter, iso, service, snapshot, ticket } from '@jiaohao/shared/testing';
import { FakeSocket } from '@jiaohao/web/testing';
import { App } from './App';
import { createKioskI18n } from './kiosk/i18n';
import type { KioskShell, PrintResult } from './kiosk/shell';

const household = service({ names: { 'zh-TW': '戶籍登記', vi: 'Đăng ký hộ tịch' }, documents: { 'zh-TW': ['身分證'], vi: ['Thẻ căn cước'] } });

function setup(options: { shell?: KioskShell | null; answer?: (event: string, payload: unknown) => unknown } = {}) {
  const socket = new FakeSocket();
  socket.answer = options.answer ?? (() => undefined);
  let keys = 0;
  render(
    <App
      i18n={createKioskI18n()}
      pairing={{ token: 'kiosk-token', fromLink: false }}
      transport={() => socket}
      shell={options.shell ?? null}
      origin="https://queue.example.tw"
      keep={() => undefined}
      forget={() => undefined}
      newKey={() => `key-${++keys}`}
    />,
  );
  act(() => {
    socket.serverSends('connect');
    socket.serverSends('snapshot', snapshot({ at: iso(Date.now()), office: { ...snapshot().office, issuingMode: 'open' }, services: [household], counters: [counter({ status: 'open' })] }));
  });
  return socket;
}

const issued = (payload: { language: string }) => ({
  ok: true,
  data: { ticket: ticket({ id: 't9', number: '1009', language: payload.language as 'vi', trackingToken: 'track-9' }), ahead: 0, estimate: { min: 0, max: 5 } },
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the kiosk', () => {
  it('issues one ticket in the resident’s language, with one key however often the button is pressed', async () => {
    let answer: ((a: unknown) => void) | null = null;
    const socket = setup();
    socket.answer = () => undefined;
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tiếng Việt' }));
    await user.click(screen.getByRole('button', { name: /Đăng ký hộ tịch/ }));
    expect(screen.getByText('Thẻ căn cước')).toBeTruthy();
    // The server is slow: three more presses while the first waits.
    socket.emit = ((event: string, ...args: unknown[]) => {
      const ack = args.pop() as (a: unknown) => void;
      socket.sent.push({ event, payload: args[0] });
      if (event === 'ticket:issue') answer = () => ack(issued(args[0] as { language: string }));
      return socket;
    }) as typeof socket.emit;
    const take = screen.getByRole('button', { name: /Lưu trên điện thoại/ });
    await user.click(take);
    await user.click(take);
    const issues = socket.sent.filter((m) => m.event === 'ticket:issue');
    expect(issues).toEqual([{ event: 'ticket:issue', payload: { serviceId: 'household', class: 'normal', language: 'vi', idempotencyKey: 'key-1' } }]);
    await act(async () => answer?.(null));
    expect(screen.getByText('1009')).toBeTruthy();
    expect(await screen.findByRole('img', { name: /Mã QR/ })).toBeTruthy();
  });

  it('prints through the shell, and when printing fails says so and never prints later by itself', async () => {
    const prints: string[] = [];
    const shell: KioskShell = {
      printTicket: (id, token) => {
        prints.push(`${id}:${token}`);
        return Promise.resolve<PrintResult>({ ok: false, reason: 'no_printer', message: 'no printer' });
      },
      getDeviceInfo: () => Promise.resolve({ printer: null, version: 'test', shell: 'electron' }),
    };
    const socket = setup({ shell, answer: (event, payload) => (event === 'ticket:issue' ? issued(payload as { language: string }) : undefined) });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /戶籍登記/ }));
    await user.click(screen.getByRole('button', { name: '印出號碼單' }));
    expect((await screen.findByRole('alert')).textContent).toContain('號碼單無法列印');
    expect(screen.getByText('1009')).toBeTruthy();
    expect(prints).toEqual(['t9:track-9']);
    // The supervisors are told, once, why.
    expect(socket.sent.filter((m) => m.event === 'ticket:print-failed')).toEqual([{ event: 'ticket:print-failed', payload: { ticketId: 't9', reason: 'no_printer' } }]);
    // The paper did not come out: the number's QR code stays on screen to photograph.
    const qr = await screen.findByRole('img', { name: /QR/ });
    expect(qr.getAttribute('alt')).toContain('1009');
  });

  it('shows no QR code for a ticket that printed, and the paper and the screen agree', async () => {
    const shell: KioskShell = {
      printTicket: () => Promise.resolve<PrintResult>({ ok: true }),
      getDeviceInfo: () => Promise.resolve({ printer: 'TM-T88', version: 'test', shell: 'electron' }),
    };
    const socket = setup({ shell, answer: (event, payload) => (event === 'ticket:issue' ? issued(payload as { language: string }) : undefined) });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /戶籍登記/ }));
    await user.click(screen.getByRole('button', { name: '印出號碼單' }));
    expect((await screen.findByRole('status')).textContent).toContain('請取走號碼單');
    expect(screen.getByText('1009')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    expect(socket.sent.filter((m) => m.event === 'ticket:print-failed')).toEqual([]);
  });

  it('moves the focus to each new screen’s title, so a screen reader says where the resident is', async () => {
    setup({ answer: (event, payload) => (event === 'ticket:issue' ? issued(payload as { language: string }) : undefined) });
    const user = userEvent.setup();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    await user.click(screen.getByRole('button', { name: /戶籍登記/ }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: /請確認/ }));
    // A language change redraws the same screen: the focus stays on the language chosen.
    await user.click(screen.getByRole('button', { name: 'Tiếng Việt' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Tiếng Việt' }));
    await user.click(screen.getByRole('button', { name: /Lưu trên điện thoại/ }));
    expect(document.activeElement).toBe(await screen.findByRole('heading', { level: 1, name: 'Số của bạn' }));
  });

  it('offers only the phone in a plain browser (no shell to print with)', async () => {
    setup();
    await userEvent.setup().click(screen.getByRole('button', { name: /戶籍登記/ }));
    expect(screen.getByRole('button', { name: /存在手機/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '印出號碼單' })).toBeNull();
  });

  it('stops offering numbers a few seconds after losing the server, in every language', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const socket = setup();
    act(() => socket.serverSends('disconnect', 'transport close'));
    expect(screen.getByRole('button', { name: /戶籍登記/ })).toBeTruthy();
    act(() => vi.advanceTimersByTime(3_000));
    expect(screen.queryByRole('button', { name: /戶籍登記/ })).toBeNull();
    for (const title of ['暫停服務', 'Out of service', 'Tạm ngừng hoạt động', 'Sedang tidak berfungsi', 'งดให้บริการชั่วคราว']) {
      expect(screen.getByRole('heading', { name: title, level: 2 })).toBeTruthy();
    }
  });
});
