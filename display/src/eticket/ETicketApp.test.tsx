import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ETicketView, Language, RatingBody } from '@jiaohao/shared/schemas';
import { FakeSocket } from '@jiaohao/web/testing';
import type { CallAlert } from './alert';
import type { CancelOutcome, RateOutcome } from './api';
import { LOST_AFTER_MS } from '@jiaohao/web';
import { ETicketApp } from './ETicketApp';
import { createETicketI18n } from './i18n';
import { calledView, doneView, iso, NOW, ticketView } from './test-views';

const TOKEN = 'tok_ABCDEFGHIJKLMNOPQRSTUV';

function fakeAlert(): CallAlert & { plays: number; unlocks: number } {
  const listeners = new Set<() => void>();
  const a = {
    ready: false,
    plays: 0,
    unlocks: 0,
    unlock() {
      a.unlocks++;
      a.ready = true;
      for (const l of listeners) l();
    },
    play() {
      a.plays++;
    },
    onChange(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return a;
}

interface Setup {
  view?: ETicketView | 'missing';
  chosen?: Language | null;
  token?: string | null;
  cancel?: CancelOutcome;
  rate?: RateOutcome;
}

function setup({ view = ticketView(), chosen = null, token = TOKEN, cancel = 'cancelled', rate = 'rated' }: Setup = {}) {
  const socket = new FakeSocket();
  socket.answer = (event) => {
    if (event !== 'ticket:follow') return undefined;
    return view === 'missing' ? { ok: false, error: { code: 'not_found', message: 'No such ticket' } } : { ok: true, data: view };
  };
  const alert = fakeAlert();
  const cancels: [string, string][] = [];
  const ratings: [string, RatingBody][] = [];
  const remembered: Language[] = [];
  const i18n = createETicketI18n(chosen ?? 'zh-TW');
  render(
    <ETicketApp
      token={token}
      i18n={i18n}
      transport={() => socket}
      api={{
        cancel: (id, t) => {
          cancels.push([id, t]);
          return Promise.resolve(cancel);
        },
        rate: (t, body) => {
          ratings.push([t, body]);
          return Promise.resolve(rate);
        },
      }}
      alert={alert}
      chosen={chosen}
      remember={(l) => remembered.push(l)}
    />,
  );
  const connect = () => act(() => socket.serverSends('connect'));
  const push = (v: ETicketView) => act(() => socket.serverSends('ticket:view', v));
  return { socket, alert, cancels, ratings, remembered, connect, push, i18n };
}

const liveRegion = () => screen.getByRole('status');

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the e-ticket page', () => {
  it('follows its ticket on connect and shows it in the ticket’s language: number, line, people ahead, wait, office', async () => {
    const { socket, connect } = setup();
    expect(screen.getByText('正在讀取您的號碼牌…')).toBeTruthy();
    connect();
    await screen.findByRole('heading', { level: 1, name: 'Phiếu số thứ tự của bạn' });
    expect(socket.sent).toContainEqual({ event: 'ticket:follow', payload: { token: TOKEN } });
    expect(screen.getByText('1023')).toBeTruthy();
    expect(screen.getByText('Đăng ký hộ tịch')).toBeTruthy();
    expect(screen.getByText('Văn phòng Đăng ký Hộ khẩu Quận Bắc, Đài Trung')).toBeTruthy();
    const card = screen.getByRole('region', { name: 'Phiếu số thứ tự của bạn' });
    expect(within(card).getByText('Số người phía trước').nextSibling?.textContent).toBe('3 người');
    expect(within(card).getByText('Thời gian chờ dự kiến').nextSibling?.textContent).toBe('Khoảng 10–15 phút');
    expect(screen.getByText('Đang cập nhật trực tiếp')).toBeTruthy();
    expect(document.documentElement.lang).toBe('vi');
    expect(document.title).toBe('Phiếu số 1023');
  });

  it('moves with the line without a reload, and the live region says the new place', async () => {
    const { connect, push } = setup();
    connect();
    await screen.findByText('3 người');
    push(ticketView({ ahead: 2, seq: 11 }));
    expect(screen.getByText('2 người')).toBeTruthy();
    expect(liveRegion().textContent).toBe('Số người phía trước bạn: 2.');
    push(ticketView({ ahead: 0, estimatedWait: { min: 0, max: 5 }, seq: 12 }));
    expect(screen.getAllByText('Bạn là người tiếp theo').length).toBeGreaterThan(0);
    expect(screen.getByText('Dưới 5 phút')).toBeTruthy();
    // A view older than the one shown (overtaken) changes nothing.
    push(ticketView({ ahead: 5, seq: 9 }));
    expect(screen.queryByText('5 người')).toBeNull();
  });

  it('a call fills the screen in the ticket’s language and in Chinese, beeps, and comes back with a recall', async () => {
    const { connect, push, alert } = setup();
    connect();
    await screen.findByText('3 người');
    push(calledView(Date.now(), 0, { seq: 20 }));
    const dialog = screen.getByRole('alertdialog', { name: /Đến lượt bạn!/ });
    expect(within(dialog).getByText('Số 1023, vui lòng đến quầy số 5.')).toBeTruthy();
    expect(within(dialog).getByText('1023 號，請到 5 號櫃台。')).toBeTruthy();
    expect(within(dialog).getByText('輪到您了！').getAttribute('lang')).toBe('zh-Hant-TW');
    expect(alert.plays).toBe(1);
    expect(liveRegion().textContent).toBe('Số 1023, vui lòng đến quầy số 5.');
    const ok = within(dialog).getByRole('button', { name: 'Vâng, tôi đến ngay' });
    expect(document.activeElement).toBe(ok);
    expect(document.title).toBe('Đến lượt bạn! Số 1023: quầy 5');

    await userEvent.click(ok);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    // Closed, the card still says where to go.
    expect(screen.getByText('Vui lòng đến quầy số 5')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Hủy phiếu của tôi' })).toBeNull();

    push(calledView(Date.now(), 1, { seq: 21 }));
    const again = screen.getByRole('alertdialog');
    expect(within(again).getByText('Gọi lại lần nữa')).toBeTruthy();
    expect(alert.plays).toBe(2);
  });

  it('being served, then done: the final state, not an error', async () => {
    const { connect, push } = setup({ view: calledView() });
    connect();
    await userEvent.click(await screen.findByRole('button', { name: 'Vâng, tôi đến ngay' }));
    push(calledView(Date.now(), 0, { state: 'serving', seq: 30 }));
    const card = screen.getByRole('region', { name: 'Phiếu số thứ tự của bạn' });
    expect(within(card).getByText('Bạn đang được phục vụ tại quầy số 5.')).toBeTruthy();
    expect(liveRegion().textContent).toBe('Bạn đang được phục vụ tại quầy số 5.');
    push(ticketView({ state: 'done', ahead: null, estimatedWait: null, endedAt: new Date().toISOString(), seq: 31 }));
    expect(screen.getByRole('heading', { level: 2, name: 'Đã hoàn tất' })).toBeTruthy();
    expect(screen.getByText('Cảm ơn bạn đã kiên nhẫn chờ đợi. Chúc bạn một ngày tốt lành.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('cancels only after the confirmation: focus in the dialog, kept inside, Escape keeps the ticket', async () => {
    const { connect, push, cancels, socket } = setup();
    const user = userEvent.setup();
    connect();
    const cancel = await screen.findByRole('button', { name: 'Hủy phiếu của tôi' });
    await user.click(cancel);
    const dialog = screen.getByRole('dialog', { name: 'Bạn muốn hủy phiếu này?' });
    expect(within(dialog).getByText(/Số 1023 sẽ rời khỏi hàng chờ/)).toBeTruthy();
    const keep = within(dialog).getByRole('button', { name: 'Không, giữ lại' });
    const yes = within(dialog).getByRole('button', { name: 'Đồng ý hủy' });
    expect(document.activeElement).toBe(keep);
    await user.tab();
    expect(document.activeElement).toBe(yes);
    await user.tab();
    expect(document.activeElement).toBe(keep);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(cancel));
    expect(cancels).toEqual([]);

    await user.click(cancel);
    const follows = socket.sent.filter((m) => m.event === 'ticket:follow').length;
    await user.click(screen.getByRole('button', { name: 'Đồng ý hủy' }));
    expect(cancels).toEqual([['ticket-1', TOKEN]]);
    // It asks for the ticket again rather than wait for the push.
    expect(socket.sent.filter((m) => m.event === 'ticket:follow').length).toBe(follows + 1);
    push(ticketView({ state: 'cancelled', ahead: null, estimatedWait: null, endedAt: new Date().toISOString(), seq: 40 }));
    expect(screen.getByRole('heading', { level: 2, name: 'Đã hủy' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Hủy phiếu của tôi' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 })));
  });

  it('says so when the cancel came too late or the phone is offline', async () => {
    const { connect } = setup({ cancel: 'too_late' });
    const user = userEvent.setup();
    connect();
    await user.click(await screen.findByRole('button', { name: 'Hủy phiếu của tôi' }));
    await user.click(screen.getByRole('button', { name: 'Đồng ý hủy' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Số của bạn đã được gọi nên không thể hủy tại đây.');
  });

  it('an unknown token shows a plain "no such ticket", and nothing else', async () => {
    const { connect } = setup({ view: 'missing', chosen: 'en' });
    connect();
    await screen.findByRole('heading', { level: 1, name: 'No such ticket' });
    expect(screen.getByText(/does not belong to any ticket/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(document.title).toBe('No such ticket');
  });

  it('a link without a token says the same, without connecting', () => {
    const { socket } = setup({ token: null, chosen: 'th' });
    expect(screen.getByRole('heading', { level: 1, name: 'ไม่พบบัตรคิวนี้' })).toBeTruthy();
    expect(socket.connects).toBe(0);
  });

  it('the language switch changes every string and is remembered; the ticket’s language does not override it', async () => {
    const { connect, push, remembered } = setup();
    const user = userEvent.setup();
    connect();
    await screen.findByText('3 người');
    await user.selectOptions(screen.getByLabelText('Ngôn ngữ'), 'th');
    expect(screen.getByRole('heading', { level: 1, name: 'บัตรคิวของคุณ' })).toBeTruthy();
    expect(screen.getByText('3 คน')).toBeTruthy();
    expect(remembered).toEqual(['th']);
    // The line has no Thai name: Chinese, marked as such.
    expect(screen.getByText('戶籍登記').getAttribute('lang')).toBe('zh-Hant-TW');
    push(ticketView({ ahead: 2, seq: 11 }));
    expect(screen.getByText('2 คน')).toBeTruthy();
  });

  it('a language chosen earlier on this phone wins over the ticket’s', async () => {
    const { connect } = setup({ chosen: 'en' });
    connect();
    await screen.findByRole('heading', { level: 1, name: 'Your ticket' });
    expect(screen.getByText('3 people')).toBeTruthy();
  });

  it('shows the connection: reconnecting at once, out of date after a few seconds, live again with a fresh follow', async () => {
    const { connect, socket } = setup();
    connect();
    await screen.findByText('3 người');
    vi.useFakeTimers();
    act(() => socket.serverSends('disconnect', 'transport close'));
    expect(screen.getByText('Mất kết nối, đang kết nối lại…')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => vi.advanceTimersByTime(LOST_AFTER_MS));
    expect(screen.getByRole('alert').textContent).toMatch(/thông tin trên màn hình có thể chưa mới nhất/);
    // The last state stays on screen.
    expect(screen.getByText('1023')).toBeTruthy();
    const before = socket.sent.length;
    act(() => socket.serverSends('connect'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(socket.sent.slice(before)).toEqual([{ event: 'ticket:follow', payload: { token: TOKEN } }]);
  });

  it('offers the call alert and turns it on with a touch', async () => {
    const { connect, alert } = setup();
    const user = userEvent.setup();
    connect();
    await user.click(await screen.findByRole('button', { name: 'Bật âm báo gọi số' }));
    expect(alert.unlocks).toBeGreaterThan(0);
    expect(screen.getByText('Điện thoại sẽ phát âm báo và rung khi đến số của bạn.')).toBeTruthy();
  });
});

describe('the rating of a finished ticket', () => {
  const follows = (socket: FakeSocket) => socket.sent.filter((m) => m.event === 'ticket:follow').length;

  it('is offered once the ticket is done, in the ticket’s language: five named choices, a comment, send; then thanks', async () => {
    const { connect, push, socket, ratings } = setup({ view: doneView() });
    const user = userEvent.setup();
    connect();
    const block = await screen.findByRole('region', { name: 'Đánh giá dịch vụ' });
    const group = within(block).getByRole('group', { name: 'Bạn có hài lòng với dịch vụ hôm nay không?' });
    expect(within(group).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['5', '4', '3', '2', '1']);
    expect(within(group).getByRole('radio', { name: '5 – Rất hài lòng' })).toBeTruthy();
    expect(within(group).getByRole('radio', { name: '1 – Rất không hài lòng' })).toBeTruthy();
    const comment = within(block).getByLabelText('Góp ý (không bắt buộc)');
    expect(comment.getAttribute('maxlength')).toBe('500');
    expect(document.getElementById(comment.getAttribute('aria-describedby')!)?.textContent).toMatch(/Tối đa 500 ký tự/);

    await user.click(within(group).getByRole('radio', { name: '4 – Hài lòng' }));
    await user.type(comment, '  Nhanh và lịch sự.  ');
    const before = follows(socket);
    await user.click(within(block).getByRole('button', { name: 'Gửi đánh giá' }));
    expect(ratings).toEqual([[TOKEN, { score: 4, comment: 'Nhanh và lịch sự.' }]]);
    const thanks = await within(block).findByRole('status');
    expect(thanks.textContent).toBe('Cảm ơn bạn đã đánh giá! Ý kiến của bạn giúp chúng tôi phục vụ tốt hơn.Bạn đã chấm 4 trên 5 điểm.');
    expect(document.activeElement).toBe(thanks);
    expect(within(block).queryByRole('radio')).toBeNull();
    expect(within(block).queryByRole('textbox')).toBeNull();
    // It asks for the view again; the view with the rating keeps the thanks.
    expect(follows(socket)).toBe(before + 1);
    push(doneView({ rating: { score: 4, ratedAt: iso(NOW) }, seq: 31 }));
    expect(within(block).getByText('Bạn đã chấm 4 trên 5 điểm.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a ticket rated before (a reload) shows the thanks and the score, no form', async () => {
    const { connect } = setup({ view: doneView({ rating: { score: 2, ratedAt: iso(NOW) } }), chosen: 'en' });
    connect();
    const block = await screen.findByRole('region', { name: 'Rate our service' });
    expect(within(block).getByText('Thank you for your rating! It helps us improve our service.')).toBeTruthy();
    expect(within(block).getByText('You gave 2 out of 5.')).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Send rating' })).toBeNull();
  });

  it('when the server says it was rated already, says so kindly, not as an error', async () => {
    const { connect } = setup({ view: doneView(), chosen: 'en', rate: 'already_rated' });
    const user = userEvent.setup();
    connect();
    await user.click(await screen.findByRole('radio', { name: '5 – Very satisfied' }));
    await user.click(screen.getByRole('button', { name: 'Send rating' }));
    const block = screen.getByRole('region', { name: 'Rate our service' });
    expect((await within(block).findByRole('status')).textContent).toBe('This ticket has already been rated. Thank you!');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks for a score first, and keeps the form when the phone is offline', async () => {
    const { connect, ratings } = setup({ view: doneView(), chosen: 'zh-TW', rate: 'offline' });
    const user = userEvent.setup();
    connect();
    const send = await screen.findByRole('button', { name: '送出評分' });
    await user.click(send);
    expect(screen.getByRole('alert').textContent).toBe('請先選擇 1 到 5 分。');
    expect(ratings).toEqual([]);
    await user.click(screen.getByRole('radio', { name: '3 – 普通' }));
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(send);
    expect((await screen.findByRole('alert')).textContent).toBe('目前沒有網路連線，評分沒有送出。連線恢復後請再試一次。');
    expect(ratings).toEqual([[TOKEN, { score: 3 }]]);
    // Still there, with the choice kept, to send again.
    expect(screen.getByRole('radio', { name: '3 – 普通' })).toHaveProperty('checked', true);
  });

  it('is not offered before the end, nor for a ticket that was not served', async () => {
    const { connect, push } = setup({ chosen: 'en' });
    connect();
    await screen.findByText('3 people');
    expect(screen.queryByRole('region', { name: 'Rate our service' })).toBeNull();
    push(ticketView({ state: 'no_show', ahead: null, estimatedWait: null, endedAt: iso(NOW), seq: 40 }));
    expect(screen.getByRole('heading', { level: 2, name: 'Missed' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Rate our service' })).toBeNull();
  });
});
