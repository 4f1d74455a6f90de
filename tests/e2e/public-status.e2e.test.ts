// The public waiting-count page (/status), which anyone may open on a phone or a desktop, in
// Chromium against a real server: the counts rendered by the server (there with JavaScript off
// too), kept live as tickets are issued, the stale notice while the server is away and gone when it
// is back, the English switch, axe in both languages, screenshots on a phone and a desktop.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, screenshot, useE2E } from './support';
import { officeApi, type OfficeApi } from './support/office';

const e2e = useE2E();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
/** A ticket issued through the API shows on the page within this (a push, not a poll). */
const LIVE = { timeout: 3_000 };

let office: OfficeApi;
beforeAll(async () => {
  office = await officeApi(e2e.server);
});

/** How many wait in the line now, as the public feed says. */
async function waitingIn(serviceId: string): Promise<number> {
  const status = (await (await fetch(e2e.server.url('/api/v1/public/status'))).json()) as { services: { id: string; waiting: number }[] };
  const line = status.services.find((s) => s.id === serviceId);
  if (!line) throw new Error(`no line ${serviceId} in the public status`);
  return line.waiting;
}

const line = (page: Page, name: string) => page.getByRole('listitem', { name });
/** The value beside `label` in a line's card ("等候人數" → "3 人"). */
const fact = (page: Page, name: string, label: string) =>
  line(page, name).getByRole('term').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]');
const waitingText = (page: Page) => fact(page, '戶籍登記', '等候人數').innerText();

async function openStatus(options: Parameters<typeof e2e.page>[0], path = '/status'): Promise<Page> {
  const page = await e2e.page(options);
  const response = await page.goto(e2e.server.url(path));
  expect(response?.status()).toBe(200);
  return page;
}

describe('the public status page', () => {
  it('shows each line’s count from the server’s rendering, then follows new tickets live without a reload', async () => {
    await office.issue('household');
    await office.issue('household');
    const page = await openStatus(PHONE);
    await page.getByRole('heading', { level: 1, name: '即時候位人數' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant-TW');
    expect(await waitingText(page)).toBe(`${await waitingIn('household')} 人`);
    expect(await fact(page, '戶籍登記', '取號').innerText()).toBe('開放取號');
    expect(await fact(page, '戶籍登記', '預估等候').innerText()).toMatch(/分鐘|暫無法預估/);
    await page.getByRole('status').filter({ hasText: '即時更新中' }).waitFor();
    expect(await page.title()).toBe('即時候位人數 · 臺中市北區戶政事務所');

    const before = await waitingIn('household');
    await office.issue('household');
    await expect.poll(() => waitingText(page), LIVE).toBe(`${before + 1} 人`);
    await page.getByText(/^資料時間：/).waitFor();
    await checkA11y(page);
    await screenshot(page, 'zh-phone-390x844');
  });

  it('with JavaScript off: the counts are in the page, which says to reload it; the English link works too', async () => {
    const page = await openStatus({ ...PHONE, javaScriptEnabled: false });
    await page.getByRole('heading', { level: 1, name: '即時候位人數' }).waitFor();
    expect(await waitingText(page)).toBe(`${await waitingIn('household')} 人`);
    // Playwright's text and role engines skip <noscript>: read what the page shows.
    expect(await page.locator('body').innerText()).toContain('這個頁面不會自動更新：請重新整理以取得最新人數。');
    // Nothing claims a live connection the page does not have.
    expect(await page.getByRole('status', { includeHidden: true }).innerText()).toBe('');
    await page.getByRole('link', { name: 'Read this page in English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Live waiting count' }).waitFor();
    expect(page.url()).toBe(e2e.server.url('/status?lang=en'));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const people = await waitingIn('household');
    expect(await fact(page, 'Household registration', 'Waiting').innerText()).toBe(people === 1 ? '1 person' : `${people} people`);
    await screenshot(page, 'en-phone-no-javascript');
  });

  it('says the figures may be out of date while the server is away, keeps them, and goes live again when it is back', async () => {
    const page = await openStatus(DESKTOP);
    await page.getByRole('status').filter({ hasText: '即時更新中' }).waitFor();
    const shown = await waitingText(page);
    const stale = page.getByRole('alert').filter({ hasText: '與伺服器的連線中斷' });
    await e2e.server.halt();
    try {
      await stale.waitFor({ timeout: 10_000 });
      expect(await stale.innerText()).toMatch(/可能不是最新的/);
      expect(await page.getByRole('status').innerText()).toBe('連線中斷');
      expect(await waitingText(page)).toBe(shown);
      await screenshot(page, 'zh-desktop-stale');
    } finally {
      await e2e.server.resume();
    }
    await stale.waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByRole('status').filter({ hasText: '即時更新中' }).waitFor();
    const before = await waitingIn('household');
    await office.issue('household');
    await expect.poll(() => waitingText(page), LIVE).toBe(`${before + 1} 人`);
  });

  it('switches to English in place and back; axe finds nothing serious in either; a stopped line and a notice say why', async () => {
    await office.call('POST', '/office/issuing/stop', { serviceId: 'passport', reason: 'capacity_reached', until: 'resumed' });
    await office.call('POST', '/announcements', {
      texts: { 'zh-TW': '本所今日下午 3 時起停車場整修，請多利用大眾運輸。', en: 'The car park is closed for repairs from 3 pm today: please come by public transport.' },
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const page = await openStatus(DESKTOP);
    await page.getByRole('status').filter({ hasText: '即時更新中' }).waitFor();
    expect(await fact(page, '護照一站式', '取號').innerText()).toBe('暫停取號：今日號碼已發完');
    await page.getByRole('region', { name: '公告' }).getByText(/停車場整修/).waitFor();
    await checkA11y(page);
    await screenshot(page, 'zh-desktop-1280x800');
    await screenshot(page, 'zh-desktop-full', { fullPage: true });

    await page.getByRole('link', { name: 'Read this page in English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Live waiting count' }).waitFor();
    expect(page.url()).toBe(e2e.server.url('/status?lang=en'));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe('Live waiting count · Taichung City North District Household Registration Office');
    expect(await fact(page, 'Passport one-stop service', 'Numbers').innerText()).toBe("Not issuing: today's numbers are all taken");
    await page.getByRole('region', { name: 'Notices' }).getByText(/car park/).waitFor();
    // Still live after the switch (it kept its connection).
    expect(await page.getByRole('status').innerText()).toBe('Live');
    await checkA11y(page);
    await screenshot(page, 'en-desktop-1280x800');

    const phone = await openStatus(PHONE, '/status?lang=en');
    await phone.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await checkA11y(phone);
    await screenshot(phone, 'en-phone-390x844');
    await screenshot(phone, 'en-phone-full', { fullPage: true });

    await page.getByRole('link', { name: '以中文閱讀本頁' }).click();
    await page.getByRole('heading', { level: 1, name: '即時候位人數' }).waitFor();
    expect(page.url()).toBe(e2e.server.url('/status'));
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant-TW');
  });

  it('the old address and / lead to the page', async () => {
    const page = await openStatus(PHONE, '/display/status.html');
    expect(page.url()).toBe(e2e.server.url('/status'));
    await page.goto(e2e.server.url('/'));
    expect(page.url()).toBe(e2e.server.url('/status'));
    await page.getByRole('heading', { level: 1, name: '即時候位人數' }).waitFor();
  });
});
