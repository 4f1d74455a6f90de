// The rating on the resident's e-ticket page in Chromium on a phone-sized screen (360×740) against a
// real server: a ticket issued, called, started and finished through the API as a clerk, then rated
// on the page (4 with a comment, chosen by role and label); the thanks, also after a reload; a
// second rating refused by the API; the rating in the supervisor's figures. In Chinese, Vietnamese
// and Thai; in Thai the rating given elsewhere reaches the open page by itself. axe on every screen.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, screenshot, useE2E } from './support';
import { frontDesk, officeApi, type IssuedWithToken, type OfficeApi } from './support/office';

const e2e = useE2E();
const PHONE = { width: 360, height: 740 };
/** A change made through the API shows on the phone within this (a push, not a poll). */
const LIVE = { timeout: 3_000 };

let office: OfficeApi;
let kiosk: string;
let clerk: string;

type Issued = IssuedWithToken;

beforeAll(async () => {
  office = await officeApi(e2e.server);
  ({ kiosk, clerk } = await frontDesk(office, 'rating'));
});

/** A ticket issued at the kiosk in `language` with its tracking token, called at counter 2, started and finished. */
async function served(language: string): Promise<Issued> {
  const { ticket } = await office.call<{ ticket: Issued }>('POST', '/tickets', { serviceId: 'household', language }, kiosk);
  if (!ticket.trackingToken) throw new Error('the issue answer carries no trackingToken');
  const { ticket: called } = await office.call<{ ticket: { id: string } | null }>('POST', '/counters/counter-2/call-next', {}, clerk);
  expect(called?.id).toBe(ticket.id);
  await office.call('POST', `/tickets/${ticket.id}/start`, {}, clerk);
  await office.call('POST', `/tickets/${ticket.id}/finish`, {}, clerk);
  return ticket;
}

/** POST …/rating as a resident's phone would, answering the status and the body. */
async function rate(token: string, body: object): Promise<{ status: number; body: { error?: { code: string } } }> {
  const res = await fetch(e2e.server.url(`/api/v1/public/tickets/${token}/rating`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

async function openTicket(token: string, locale = 'zh-TW'): Promise<Page> {
  const page = await e2e.page({ viewport: PHONE, locale, hasTouch: true, isMobile: true });
  await page.goto(e2e.server.url(`/t/${token}`));
  return page;
}

describe('the rating on the e-ticket page', () => {
  it('in Chinese: offered once finished, rated 4 with a comment, thanks (also after a reload); a second rating is 409; in the figures', async () => {
    const mine = await served('zh-TW');
    const page = await openTicket(mine.trackingToken);
    await page.getByRole('heading', { level: 2, name: '已辦理完成' }).waitFor();
    const block = page.getByRole('region', { name: '服務評分' });
    const scores = block.getByRole('group', { name: '您對這次的服務滿意嗎？' });
    await scores.waitFor();
    expect(await scores.getByRole('radio').count()).toBe(5);
    await block.scrollIntoViewIfNeeded();
    console.log(`screenshot: ${await screenshot(page, 'zh-TW-form', { fullPage: true })}`);
    await checkA11y(page);

    await scores.getByRole('radio', { name: '4 – 滿意' }).check();
    await block.getByLabel('意見（選填）').fill('櫃台人員很親切，說明清楚。');
    expect(await scores.getByRole('radio', { name: '4 – 滿意' }).isChecked()).toBe(true);
    console.log(`screenshot: ${await screenshot(page, 'zh-TW-form-filled', { fullPage: true })}`);
    await checkA11y(page);
    await block.getByRole('button', { name: '送出評分' }).click();

    await block.getByText('感謝您的評分！您的意見能幫助我們改善服務。').waitFor(LIVE);
    await block.getByText('您給了 4 分（滿分 5 分）。').waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    console.log(`screenshot: ${await screenshot(page, 'zh-TW-thanks', { fullPage: true })}`);
    await checkA11y(page);

    // A reload asks the server: the thanks, no form.
    await page.reload();
    await page.getByRole('region', { name: '服務評分' }).getByText('您給了 4 分（滿分 5 分）。').waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: '送出評分' }).count()).toBe(0);

    // The second time the API refuses, and keeps the first.
    const again = await rate(mine.trackingToken, { score: 1, comment: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('already_rated');
    const view = await office.call<{ rating: { score: number } | null }>('GET', `/public/tickets/${mine.trackingToken}`);
    expect(view.rating?.score).toBe(4);

    // The supervisor's figures count it.
    const stats = await office.call<{ totals: { ratings: { count: number; mean: number | null } } }>('GET', '/stats/today');
    expect(stats.totals.ratings.count).toBeGreaterThanOrEqual(1);
    expect(stats.totals.ratings.mean).not.toBeNull();
  });

  it('in Vietnamese: the form and the thanks in the ticket’s language', async () => {
    const mine = await served('vi');
    const page = await openTicket(mine.trackingToken, 'vi-VN');
    const block = page.getByRole('region', { name: 'Đánh giá dịch vụ' });
    const scores = block.getByRole('group', { name: 'Bạn có hài lòng với dịch vụ hôm nay không?' });
    await scores.waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    console.log(`screenshot: ${await screenshot(page, 'vi-form', { fullPage: true })}`);
    await checkA11y(page);
    await scores.getByRole('radio', { name: '5 – Rất hài lòng' }).check();
    await block.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await block.getByText('Bạn đã chấm 5 trên 5 điểm.').waitFor(LIVE);
    console.log(`screenshot: ${await screenshot(page, 'vi-thanks', { fullPage: true })}`);
    await checkA11y(page);
  });

  it('in Thai: the form; a rating given elsewhere (another phone with the link) reaches the open page by itself', async () => {
    const mine = await served('th');
    const page = await openTicket(mine.trackingToken, 'th-TH');
    const block = page.getByRole('region', { name: 'ประเมินการให้บริการ' });
    await block.getByRole('radio', { name: '3 – เฉย ๆ' }).waitFor();
    console.log(`screenshot: ${await screenshot(page, 'th-form', { fullPage: true })}`);
    await checkA11y(page);
    expect((await rate(mine.trackingToken, { score: 3 })).status).toBe(201);
    await block.getByText('คุณให้คะแนน 3 จาก 5').waitFor(LIVE);
    expect(await page.getByRole('radio').count()).toBe(0);
  });
});
