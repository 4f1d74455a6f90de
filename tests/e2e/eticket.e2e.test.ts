// The resident's e-ticket page in Chromium on a phone-sized screen (360×740) against a real server:
// a ticket issued at the kiosk in Vietnamese, followed live as the ticket ahead is called, then
// called itself (the whole screen, in Vietnamese and Chinese, with a vibration and a beep), recalled,
// served and finished; another cancelled after the confirmation; Thai; an unknown token; the
// connection dropping. axe on every screen; screenshots in vi, zh-TW and th.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, screenshot, useE2E } from './support';
import { frontDesk, officeApi, type IssuedWithToken, type OfficeApi } from './support/office';

const e2e = useE2E();
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
/** A change made through the API shows on the phone within this (a push, not a poll). */
const LIVE = { timeout: 3_000 };

let office: OfficeApi;
/** A kiosk's device token: residents' tickets come from the kiosk. */
let kiosk: string;
/** The clerk at counter 2 (the demo office's ordinary counter serving every line). */
let clerk: string;

type Issued = IssuedWithToken;

beforeAll(async () => {
  office = await officeApi(e2e.server);
  ({ kiosk, clerk } = await frontDesk(office, 'eticket'));
});

/** Issues a ticket at the kiosk in `language`, as a resident choosing the e-ticket would. */
async function issue(language: string, serviceId = 'household'): Promise<Issued> {
  const { ticket } = await office.call<{ ticket: Issued }>('POST', '/tickets', { serviceId, language }, kiosk);
  if (!ticket.trackingToken) throw new Error('the issue answer carries no trackingToken');
  return ticket;
}

const clerkDoes = (ticketId: string, move: 'start' | 'finish' | 'recall') => office.call('POST', `/tickets/${ticketId}/${move}`, {}, clerk);
async function callNext(): Promise<string> {
  const { ticket } = await office.call<{ ticket: { id: string } | null }>('POST', '/counters/counter-2/call-next', {}, clerk);
  if (!ticket) throw new Error('counter 2 called nobody');
  return ticket.id;
}
/** Calls the next ticket and serves it to the end. */
async function serveNext(): Promise<void> {
  const id = await callNext();
  await clerkDoes(id, 'start');
  await clerkDoes(id, 'finish');
}

/** Counts the page's vibrations and beeps (oscillators started), installed before it loads. */
const ALERT_SPY = `
  window.__vibrations = [];
  window.__beeps = 0;
  Object.defineProperty(navigator, 'vibrate', { configurable: true, value: (pattern) => (window.__vibrations.push(pattern), true) });
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) {
    window.__beeps++;
    return start.apply(this, args);
  };
`;
const vibrations = (page: Page) => page.evaluate('window.__vibrations.length') as Promise<number>;
const beeps = (page: Page) => page.evaluate('window.__beeps') as Promise<number>;

async function openTicket(token: string, viewport = PHONE, locale = 'zh-TW'): Promise<Page> {
  const page = await e2e.page({ viewport, locale, hasTouch: viewport === PHONE, isMobile: viewport === PHONE });
  await page.addInitScript(ALERT_SPY);
  await page.goto(e2e.server.url(`/t/${token}`));
  return page;
}

const card = (page: Page, title: string) => page.getByRole('region', { name: title });
/** The value beside `label` on the ticket ("Ahead of you" → "3 people"). */
const fact = (page: Page, title: string, label: string) =>
  card(page, title).getByRole('term').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]');

describe('the e-ticket page', () => {
  it('in Vietnamese: the number and people ahead live, then called to the counter, recalled, served and done', async () => {
    const ahead = await issue('zh-TW');
    const mine = await issue('vi');
    const page = await openTicket(mine.trackingToken);
    const title = 'Phiếu số thứ tự của bạn';
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await card(page, title).getByText(mine.number, { exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await card(page, title).getByText('Đăng ký hộ tịch').waitFor();
    await page.getByText('Văn phòng Đăng ký Hộ khẩu Quận Bắc, Đài Trung').waitFor();
    await page.getByText('Đang cập nhật trực tiếp').waitFor();
    expect(await fact(page, title, 'Số người phía trước').innerText()).toBe('1 người');
    expect(await fact(page, title, 'Thời gian chờ dự kiến').innerText()).toMatch(/phút/);
    await screenshot(page, 'vi-waiting');
    await checkA11y(page);

    // Turn on the alert, as the page offers: the touch that lets the phone beep later.
    await page.getByRole('button', { name: 'Bật âm báo gọi số' }).click();
    await page.getByText('Điện thoại sẽ phát âm báo và rung khi đến số của bạn.').waitFor();

    // The ticket ahead is called: the page moves on by itself.
    expect(await callNext()).toBe(ahead.id);
    await expect.poll(() => fact(page, title, 'Số người phía trước').innerText(), LIVE).toBe('Bạn là người tiếp theo');
    expect(await page.getByRole('status').innerText()).toBe('Bạn là người tiếp theo');
    await clerkDoes(ahead.id, 'start');
    await clerkDoes(ahead.id, 'finish');

    // Now this one: the whole screen says where to go, in Vietnamese and in Chinese.
    expect(await callNext()).toBe(mine.id);
    const called = page.getByRole('alertdialog', { name: /Đến lượt bạn!/ });
    await called.waitFor(LIVE);
    await called.getByText(`Số ${mine.number}, vui lòng đến quầy số 2.`).waitFor();
    await called.getByText(`${mine.number} 號，請到 2 號櫃台。`).waitFor();
    await expect.poll(() => vibrations(page)).toBe(1);
    await expect.poll(() => beeps(page)).toBe(3);
    expect(await page.title()).toBe(`Đến lượt bạn! Số ${mine.number}: quầy 2`);
    await screenshot(page, 'vi-called');
    await checkA11y(page);
    await called.getByRole('button', { name: 'Vâng, tôi đến ngay' }).click();
    await called.waitFor({ state: 'detached' });
    await card(page, title).getByText('Vui lòng đến quầy số 2').waitFor();

    // A recall shows it again.
    await clerkDoes(mine.id, 'recall');
    await called.getByText('Gọi lại lần nữa').waitFor(LIVE);
    await expect.poll(() => vibrations(page)).toBe(2);
    await called.getByRole('button', { name: 'Vâng, tôi đến ngay' }).click();

    await clerkDoes(mine.id, 'start');
    await card(page, title).getByText('Bạn đang được phục vụ tại quầy số 2.').waitFor(LIVE);
    await clerkDoes(mine.id, 'finish');
    await page.getByRole('heading', { level: 2, name: 'Đã hoàn tất' }).waitFor(LIVE);
    await page.getByText('Cảm ơn bạn đã kiên nhẫn chờ đợi.', { exact: false }).waitFor();
    await screenshot(page, 'vi-done');
    await checkA11y(page);
  });

  it('in Chinese: cancelled after the confirmation, and the page then says so', async () => {
    const mine = await issue('zh-TW');
    const page = await openTicket(mine.trackingToken);
    const title = '我的號碼牌';
    await card(page, title).getByText(mine.number, { exact: true }).waitFor();
    expect(await fact(page, title, '前面等候').innerText()).toBe('下一位就是您');
    await screenshot(page, 'zh-TW-waiting');
    await checkA11y(page);

    const cancel = page.getByRole('button', { name: '取消號碼牌' });
    await cancel.click();
    const dialog = page.getByRole('dialog', { name: '確定要取消號碼牌嗎？' });
    await dialog.getByText(`取消後 ${mine.number} 號將離開隊伍`, { exact: false }).waitFor();
    // The safe answer has the focus; Escape keeps the ticket.
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('不要取消');
    await screenshot(page, 'zh-TW-cancel-dialog');
    await checkA11y(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('取消號碼牌');

    await cancel.click();
    await dialog.getByRole('button', { name: '確定取消' }).click();
    await page.getByRole('heading', { level: 2, name: '已取消' }).waitFor(LIVE);
    await page.getByText('這張號碼牌已取消，不再排隊。', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: '取消號碼牌' }).count()).toBe(0);
    const status = await office.call<{ ticket: { state: string } }>('GET', `/tickets/${mine.id}`);
    expect(status.ticket.state).toBe('cancelled');
    await screenshot(page, 'zh-TW-cancelled');
    await checkA11y(page);
  });

  it('in Thai, waiting and called; the resident’s own choice of language is kept on this phone', async () => {
    const first = await issue('th');
    const mine = await issue('th');
    const page = await openTicket(mine.trackingToken);
    const title = 'บัตรคิวของคุณ';
    await card(page, title).getByText(mine.number, { exact: true }).waitFor();
    expect(await fact(page, title, 'คิวก่อนหน้าคุณ').innerText()).toBe('1 คน');
    await screenshot(page, 'th-waiting');
    await checkA11y(page);

    expect(await callNext()).toBe(first.id);
    await clerkDoes(first.id, 'start');
    await clerkDoes(first.id, 'finish');
    expect(await callNext()).toBe(mine.id);
    const called = page.getByRole('alertdialog', { name: /ถึงคิวของคุณแล้ว!/ });
    await called.waitFor(LIVE);
    await called.getByText(`หมายเลข ${mine.number} กรุณาไปที่ช่องบริการหมายเลข 2`).waitFor();
    await screenshot(page, 'th-called');
    await checkA11y(page);
    await called.getByRole('button', { name: 'รับทราบ กำลังไป' }).click();

    // Switched to English here, it stays English after a reload, though the ticket is Thai.
    await page.getByLabel('ภาษา').selectOption('en');
    await card(page, 'Your ticket').getByText('Please go to counter 2').waitFor();
    await page.reload();
    await card(page, 'Your ticket').getByText(mine.number, { exact: true }).waitFor();
    await page.getByRole('alertdialog', { name: /It’s your turn!/ }).getByRole('button', { name: 'OK, I’m on my way' }).click();
    await clerkDoes(mine.id, 'start');
    await clerkDoes(mine.id, 'finish');
    await page.getByRole('heading', { level: 2, name: 'Completed' }).waitFor(LIVE);
  });

  it('an unknown token gets a plain "no such ticket", revealing nothing', async () => {
    const page = await openTicket('AAAAAAAAAAAAAAAAAAAAAAAA');
    await page.getByRole('heading', { level: 1, name: '查無此號碼牌' }).waitFor();
    await page.getByText('這個連結沒有對應的號碼牌。', { exact: false }).waitFor();
    expect(await page.getByRole('button').count()).toBe(0);
    await screenshot(page, 'zh-TW-unknown');
    await checkA11y(page);
    // A phone set to Vietnamese reads it in Vietnamese.
    const vi = await openTicket('BBBBBBBBBBBBBBBBBBBBBBBB', PHONE, 'vi-VN');
    await vi.getByRole('heading', { level: 1, name: 'Không tìm thấy phiếu' }).waitFor();
    await screenshot(vi, 'vi-unknown');
  });

  it('shows the connection: reconnecting when the phone goes offline, out of date after a few seconds, live again after', async () => {
    const mine = await issue('vi');
    const page = await openTicket(mine.trackingToken, DESKTOP);
    const title = 'Phiếu số thứ tự của bạn';
    await card(page, title).getByText(mine.number, { exact: true }).waitFor();
    await screenshot(page, 'vi-desktop');
    await checkA11y(page);

    await page.context().setOffline(true);
    await page.getByRole('alert').filter({ hasText: 'thông tin trên màn hình có thể chưa mới nhất' }).waitFor({ timeout: 15_000 });
    await page.getByText('Mất kết nối, đang kết nối lại…').waitFor();
    await card(page, title).getByText(mine.number, { exact: true }).waitFor();
    await screenshot(page, 'vi-offline');
    await checkA11y(page);
    // Served while the phone was away: back online, it catches up (it asks for its ticket again).
    await serveNext();
    await page.context().setOffline(false);
    await page.getByText('Đang cập nhật trực tiếp').waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { level: 2, name: 'Đã hoàn tất' }).waitFor(LIVE);
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});
