import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '@jiaohao/shared/schemas';
import { httpApi } from './api';
import { createBookI18n } from './i18n';
import { ManageApp } from './ManageApp';
import { appointment, fakeServer, MANAGE_TOKEN, type FakeServer } from './test-server';

afterEach(cleanup);

function setup({ token = MANAGE_TOKEN as string | null, chosen = null as Language | null, prepare = (_s: FakeServer) => undefined as void } = {}) {
  const server = fakeServer();
  prepare(server);
  render(<ManageApp token={token} i18n={createBookI18n(chosen ?? 'zh-TW')} api={httpApi(server.fetch)} chosen={chosen} remember={() => undefined} />);
  return { server, user: userEvent.setup() };
}

const facts = () => Object.fromEntries(screen.getAllByRole('term').map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));

describe("a booking's own page", () => {
  it('shows the code, its QR code, the details, the state and what to do on the day', async () => {
    setup();
    expect(await screen.findByRole('heading', { name: '我的預約', level: 1 })).toBeTruthy();
    expect(screen.getByText('K7Q4-M2PX')).toBeTruthy();
    expect(await screen.findByRole('img', { name: '預約代碼 K7Q4-M2PX 的 QR Code' })).toBeTruthy();
    expect(screen.getByText('已預約')).toBeTruthy();
    expect(facts()).toEqual({ 日期: '12月2日週三', 時段: '09:30–09:45', 業務: '預約服務', 姓名: '王小明', 聯絡方式: '0912-***-678' });
    expect(screen.getByText(/請在預約時間前 30 分鐘內到取號機/)).toBeTruthy();
  });

  it('cancels after a confirmation ("keep it" first, which changes nothing); then says cancelled, without the QR code', async () => {
    const { server, user } = setup();
    await user.click(await screen.findByRole('button', { name: '取消預約' }));
    expect(screen.getByRole('heading', { name: '確定要取消這筆預約嗎？' })).toBeTruthy();
    expect(screen.getByText('取消後，12月2日週三 09:30–09:45 的時段會讓給其他人，無法復原。')).toBeTruthy();
    // The safe answer has the focus.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: '不要取消' }));
    await user.click(screen.getByRole('button', { name: '不要取消' }));
    expect(server.count('POST', `/api/v1/public/appointments/${MANAGE_TOKEN}/cancel`)).toBe(0);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: '取消預約' }));

    await user.click(screen.getByRole('button', { name: '取消預約' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('heading', { name: '確定要取消這筆預約嗎？' })).toBeNull();

    await user.click(screen.getByRole('button', { name: '取消預約' }));
    await user.click(screen.getByRole('button', { name: '確定取消' }));
    expect(await screen.findByText('已取消')).toBeTruthy();
    expect(server.count('POST', `/api/v1/public/appointments/${MANAGE_TOKEN}/cancel`)).toBe(1);
    expect(screen.getByText('這筆預約已取消。如仍需辦理，可以重新預約。')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByRole('button', { name: '取消預約' })).toBeNull();
    expect(screen.getByRole('link', { name: '預約其他時段' }).getAttribute('href')).toBe('/book');
  });

  it('a booking no longer cancellable (checked in meanwhile): says so and shows it as it is now', async () => {
    const { server, user } = setup();
    await user.click(await screen.findByRole('button', { name: '取消預約' }));
    server.cancelAnswer = { status: 409, code: 'booking_not_active' };
    server.booking = appointment({ state: 'checked_in' });
    await user.click(screen.getByRole('button', { name: '確定取消' }));
    expect((await screen.findByRole('alert')).textContent).toBe('這筆預約已經不能取消了（已報到、已取消或已過期）。');
    expect(await screen.findByText('已報到')).toBeTruthy();
    expect(screen.getByText('您已經報到，請依號碼牌等候叫號。')).toBeTruthy();
  });

  it.each([
    ['late', '逾時報到'],
    ['missed', '未到'],
  ] as const)('a %s booking says so, with nothing to cancel', async (state, words) => {
    setup({ prepare: (s) => void (s.booking = appointment({ state })) });
    expect(await screen.findByText(words)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '取消預約' })).toBeNull();
  });

  it('opens in the language the booking was made in, unless the resident chose one on this phone', async () => {
    setup({ prepare: (s) => void (s.booking = appointment({ language: 'en' })) });
    expect(await screen.findByRole('heading', { name: 'Your booking' })).toBeTruthy();
    expect(await screen.findByText('Booked')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel the booking' })).toBeTruthy();
    cleanup();
    setup({ chosen: 'vi', prepare: (s) => void (s.booking = appointment({ language: 'en' })) });
    expect(await screen.findByRole('heading', { name: 'Lịch hẹn của bạn' })).toBeTruthy();
  });

  it('an unknown token gets a plain "no such booking", and so does a link without one', async () => {
    setup({ prepare: (s) => void (s.booking = null) });
    expect(await screen.findByRole('heading', { name: '查無此預約' })).toBeTruthy();
    expect(screen.getByText('這個連結沒有對應的預約。請確認連結完整，或打電話到戶政事務所。')).toBeTruthy();
    expect(screen.queryByText(/server says/)).toBeNull();
    cleanup();
    const { server } = setup({ token: null });
    expect(screen.getByRole('heading', { name: '查無此預約' })).toBeTruthy();
    expect(server.calls).toEqual([]);
  });
});
