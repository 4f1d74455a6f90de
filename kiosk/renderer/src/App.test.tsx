import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { counter, iso, service, snapshot, ticket } from '@jiaohao/shared/testing';
import { FakeSocket } from '@jiaohao/web/testing';
import { App } from './App';
import { createKioskI18n } from './kiosk/i18n';
import type { KioskShell, PrintResult } from './kiosk/shell';
import type { ServerApi } from './kiosk/server-api';
import type { Camera } from './kiosk/camera';
import { IDLE_MS } from './kiosk/flow';

const household = service({ names: { 'zh-TW': '戶籍登記', vi: 'Đăng ký hộ tịch' }, documents: { 'zh-TW': ['身分證'], vi: ['Thẻ căn cước'] } });

/** The server's wait model's answer for the household line (GET /api/v1/estimates). */
const ESTIMATES = { household: { normal: { min: 10, max: 20 }, priority: { min: 0, max: 5 } } };

/** No booking requests unless a test makes them: the check-in tests pass their own. */
const noBookings: ServerApi = {
  checkIn: () => Promise.resolve({ ok: false, error: { code: 'no_answer', message: 'not in this test' } }),
  rules: () => Promise.resolve(null),
  estimates: () => Promise.resolve(ESTIMATES),
};

function setup(options: { shell?: KioskShell | null; answer?: (event: string, payload: unknown) => unknown; api?: ServerApi; camera?: Camera | null } = {}) {
  const socket = new FakeSocket();
  socket.answer = options.answer ?? (() => undefined);
  let keys = 0;
  render(
    <App
      i18n={createKioskI18n()}
      pairing={{ token: 'kiosk-token', fromLink: false }}
      transport={() => socket}
      api={() => options.api ?? noBookings}
      camera={options.camera ?? null}
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
  it('with no answer says the number may already be taken, and pressing again sends the same key (the same ticket)', async () => {
    const socket = setup();
    let answers = 0;
    // The store gives no_answer when the server did not ack in time (web/src/connection/store.ts).
    socket.answer = (event, payload) =>
      event !== 'ticket:issue' ? undefined : ++answers === 1 ? { ok: false, error: { code: 'no_answer', message: 'no answer' } } : issued(payload as { language: string });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /戶籍登記/ }));
    await user.click(screen.getByRole('button', { name: /存在手機/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('伺服器沒有回應，號碼可能已經取好了。請再按一次：不會重複取號。');
    await user.click(screen.getByRole('button', { name: /存在手機/ }));
    expect(await screen.findByText('1009')).toBeTruthy();
    const keys = socket.sent.filter((m) => m.event === 'ticket:issue').map((m) => (m.payload as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toEqual(['key-1', 'key-1']);
  });

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
    // The ticket screen arrives with the answer; its title takes the focus once it is drawn.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Số của bạn' })));
  });

  it('shows the server’s wait for the ticket’s class, and reads it again after the office changes', async () => {
    const answers = [ESTIMATES, { household: { normal: { min: 15, max: 25 }, priority: { min: 5, max: 10 } } }];
    let reads = 0;
    const socket = setup({ api: { ...noBookings, estimates: () => Promise.resolve(answers[Math.min(reads++, answers.length - 1)] ?? null) } });
    await userEvent.setup().click(screen.getByRole('button', { name: /戶籍登記/ }));
    expect(await screen.findByText('預估等候 10–20 分鐘')).toBeTruthy();
    // Someone else takes a number: the range the next ticket would be given has moved.
    const other = ticket({ id: 'tx', number: '1010', serviceId: 'household', state: 'waiting' });
    act(() => socket.serverSends('ticket:issued', { seq: 43, type: 'ticket:issued', at: iso(Date.now()), actor: { kind: 'device', id: 'k2' }, reason: null, data: { ticket: other } }));
    expect(await screen.findByText('預估等候 15–25 分鐘')).toBeTruthy();
    expect(reads).toBe(2);
  });

  it('says the wait cannot be estimated when the server promises none', async () => {
    setup({ api: { ...noBookings, estimates: () => Promise.resolve({ household: { normal: null, priority: null } }) } });
    await userEvent.setup().click(screen.getByRole('button', { name: /戶籍登記/ }));
    expect(await screen.findByText('目前無法估計等候時間')).toBeTruthy();
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

const SLOT = '2024-05-06T02:30:00.000Z'; // 10:30 in Taipei
const checkedIn = (over: { late?: boolean; language?: string } = {}) => ({
  ok: true as const,
  data: {
    appointment: { code: 'K7Q4-M2PX', serviceId: 'household', at: SLOT, state: over.late ? ('late' as const) : ('checked_in' as const) },
    ticket: ticket({ id: 't7', number: over.late ? '1012' : 'A003', class: over.late ? 'normal' : 'appointment', language: (over.language ?? 'zh-TW') as 'vi', trackingToken: 'track-7' }),
    ahead: 2,
    estimate: { min: 5, max: 10 },
    late: over.late ?? false,
  },
});

/** A booking API that answers each check-in with the next of `answers`, and records what was sent. */
function bookings(answers: Awaited<ReturnType<ServerApi['checkIn']>>[], rules: Awaited<ReturnType<ServerApi['rules']>> = null) {
  const sent: unknown[] = [];
  const api: ServerApi = {
    checkIn: (body) => {
      sent.push(body);
      return Promise.resolve(answers.shift() ?? { ok: false, error: { code: 'no_answer', message: 'none left' } });
    },
    rules: () => Promise.resolve(rules),
    estimates: () => Promise.resolve(null),
  };
  return { api, sent };
}

const refusal = (code: string, message: string, details?: unknown) => ({ ok: false as const, error: { code, message, details } as never });

describe('checking a booking in at the kiosk', () => {
  it('types the code on the keypad and the keyboard as XXXX-XXXX, checks in in the resident’s language, and shows the ticket with its slot', async () => {
    const { api, sent } = bookings([checkedIn({ language: 'vi' })]);
    setup({ api });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tiếng Việt' }));
    await user.click(screen.getByRole('button', { name: /^Tôi đã đặt lịch hẹn/ }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Báo có mặt theo lịch hẹn' }));
    const code = screen.getByLabelText('Mã đặt lịch');
    const take = screen.getByRole('button', { name: /Lưu trên điện thoại/ });
    expect(take.hasAttribute('disabled')).toBe(true);
    for (const key of ['K', '7', 'Q', '4', 'A']) await user.click(screen.getByRole('button', { name: key }));
    expect(code.textContent).toContain('K7Q4-A');
    await user.click(screen.getByRole('button', { name: 'Xóa ký tự cuối' }));
    // The rest from a keyboard (a lower-case letter is its capital; the dash changes nothing).
    await user.keyboard('-m2px');
    expect(code.textContent).toContain('K7Q4-M2PX');
    // Full: the keypad takes no more.
    expect(screen.getByRole('button', { name: 'A' }).hasAttribute('disabled')).toBe(true);
    await user.click(take);
    expect(sent).toEqual([{ code: 'K7Q4M2PX', language: 'vi', idempotencyKey: 'key-1' }]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Số của bạn' })).toBeTruthy();
    expect(screen.getByText('A003')).toBeTruthy();
    expect(screen.getByText('Lịch hẹn lúc 10:30')).toBeTruthy();
    expect(screen.getByText('Bạn đã báo có mặt và sẽ được gọi vào giờ hẹn.')).toBeTruthy();
    expect(screen.getByText('Còn 2 người trước bạn')).toBeTruthy();
    expect(await screen.findByRole('img', { name: /Mã QR/ })).toBeTruthy();
  });

  it('says plainly when the resident came too late for the slot, with the office’s lateMinutes, else the rule’s 15', async () => {
    const { api } = bookings([checkedIn({ late: true })], { checkInEarlyMinutes: 30, lateMinutes: 20, offered: true });
    setup({ api });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'English' }));
    await user.click(screen.getByRole('button', { name: /^I have a booking/ }));
    await user.keyboard('K7Q4M2PX');
    await user.click(screen.getByRole('button', { name: /On my phone/ }));
    expect(await screen.findByText('You came more than 20 minutes after your booked time, so you have an ordinary number and will be called in the usual order.')).toBeTruthy();
    expect(screen.getByText('1012')).toBeTruthy();
    cleanup();

    setup({ api: bookings([checkedIn({ late: true })]).api });
    await user.click(screen.getByRole('button', { name: /^我有預約/ }));
    await user.keyboard('K7Q4M2PX{Enter}'); // a scanner that types ends with Enter: with no printer, that is the check-in
    expect(await screen.findByText(/您比預約時段晚到超過 15 分鐘/)).toBeTruthy();
  });

  it('refuses in plain words: no such code, used or cancelled, too early (from when), and a network failure', async () => {
    const { api, sent } = bookings([
      refusal('not_found', 'No booking has this code'),
      refusal('booking_not_active', 'Booking K7Q4-M2PX has already been checked in', { state: 'checked_in' }),
      refusal('check_in_too_early', 'Booking K7Q4-M2PX is for 10:30: check in from 10:00', { from: '2024-05-06T02:00:00.000Z' }),
      { ok: false, error: { code: 'no_answer', message: 'TypeError: Failed to fetch' } },
    ]);
    setup({ api });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /^我有預約/ }));
    await user.keyboard('K7Q4M2PX');
    const take = screen.getByRole('button', { name: /存在手機/ });
    const says = async () => (await screen.findByRole('alert')).textContent;
    await user.click(take);
    expect(await says()).toBe('找不到這個預約代碼，請檢查代碼是否正確。');
    await user.click(take);
    expect(await says()).toBe('這個預約已經取消或已經報到過，不能再使用。需要協助請到服務台。');
    await user.click(take);
    expect(await says()).toBe('現在還不能報到。請在 10:00 以後再來報到。');
    await user.click(take);
    expect(await says()).toBe('報到沒有成功，請再試一次，或到服務台詢問。');
    // Each try of this visit carries its key: sent again after no answer, the server answers the first.
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((b) => (b as { idempotencyKey: string }).idempotencyKey))).toEqual(new Set(['key-1']));
    // The code stays, to correct; a change clears the refusal.
    expect(screen.getByLabelText('預約代碼').textContent).toContain('K7Q4-M2PX');
    await user.click(screen.getByRole('button', { name: '清除整個代碼' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reads the code from the phone’s QR code where the kiosk has a camera, and turns the camera off on leaving', async () => {
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue();
    const track = { stopped: false, stop() { this.stopped = true; } };
    const camera: Camera = {
      open: () => Promise.resolve({ getTracks: () => [track] } as unknown as MediaStream),
      detector: () => ({ detect: () => Promise.resolve([{ rawValue: 'K7Q4-M2PX' }]) }),
    };
    setup({ camera });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /^我有預約/ }));
    expect(await screen.findByRole('heading', { level: 2, name: '或掃描手機上的 QR 碼' })).toBeTruthy();
    expect(await screen.findByText('已讀取預約代碼 K7Q4-M2PX。')).toBeTruthy();
    expect(screen.getByLabelText('預約代碼').textContent).toContain('K7Q4-M2PX');
    expect(track.stopped).toBe(false);
    await user.click(screen.getByRole('button', { name: '返回' }));
    expect(track.stopped).toBe(true);
  });

  it('offers no 我有預約 when the office takes no bookings and none waits today, and reads that again each time the start screen comes back', async () => {
    let offered = false;
    const api: ServerApi = { ...bookings([]).api, rules: () => Promise.resolve({ checkInEarlyMinutes: 30, lateMinutes: 15, offered }) };
    setup({ api });
    const user = userEvent.setup();
    await waitFor(() => expect(screen.queryByRole('button', { name: /^我有預約/ })).toBeNull());
    expect(screen.getByRole('button', { name: /戶籍登記/ })).toBeTruthy();
    // The admin switches bookings on; the next resident's start screen offers check-in.
    offered = true;
    await user.click(screen.getByRole('button', { name: /戶籍登記/ }));
    await user.click(await screen.findByRole('button', { name: '返回' }));
    expect(await screen.findByRole('button', { name: /^我有預約/ })).toBeTruthy();
  });

  it('shows no camera part without a camera, and goes back to the start when left alone', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    setup();
    act(() => screen.getByRole('button', { name: /^我有預約/ }).click());
    expect(screen.getByRole('heading', { level: 1, name: '預約報到' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: '或掃描手機上的 QR 碼' })).toBeNull();
    act(() => vi.advanceTimersByTime(IDLE_MS));
    expect(screen.getByRole('heading', { level: 1, name: /您好/ })).toBeTruthy();
  });
});

