// The supervisor's floor in Chromium, against a real server on a fresh database: every counter and
// line live, freeing a counter, stopping and starting the issuing, an announcement, the emergency
// closure, today's figures and the queue policy; axe and a screenshot at each screen size.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, screenshot, useE2E, VIEWPORTS } from './support';
import { officeApi, openCounter, signIn, type OfficeApi } from './support/office';

const e2e = useE2E();
let office: OfficeApi;
beforeAll(async () => {
  office = await officeApi(e2e.server);
});

const TABLET_PORTRAIT = { width: 800, height: 1280 };

async function openFloor(page: Page, username: string): Promise<void> {
  await signIn(page, e2e.server, username);
  await page.getByRole('link', { name: '主管看板' }).click();
  await page.getByRole('heading', { name: '櫃台', exact: true }).waitFor();
}

const region = (page: Page, name: string | RegExp) => page.getByRole('region', { name });

describe('the floor', () => {
  it.each([VIEWPORTS.laptop, VIEWPORTS.desktop, TABLET_PORTRAIT])('shows a clerk’s counter and ticket live (at $width×$height)', async (viewport) => {
    const clerk = await office.staff('clerk', `floor${viewport.width}x${viewport.height}`, `林美${viewport.width}`);
    const boss = await office.staff('supervisor', `boss${viewport.width}x${viewport.height}`, `陳主任${viewport.width}`);
    const counterNo = { 1366: 2, 1280: 3, 800: 4 }[viewport.width] ?? 5;
    const clerkPage = await e2e.page();
    await signIn(clerkPage, e2e.server, clerk);
    await openCounter(clerkPage, new RegExp(`^${counterNo}號櫃臺$`));

    const page = await e2e.page({ viewport });
    await openFloor(page, boss);
    const row = region(page, '櫃台').getByRole('row', { name: new RegExp(`${counterNo}號櫃臺`) });
    await row.getByText(`林美${viewport.width}`).waitFor();
    const ticket = await office.issue('household');
    await clerkPage.getByRole('button', { name: /叫下一號/ }).click();
    await row.getByText(ticket.number).waitFor();
    expect(await row.innerText()).toContain('已叫號');
    await region(page, '今日概況').getByRole('table').waitFor();
    await checkA11y(page);
    await screenshot(page, `floor-${viewport.width}x${viewport.height}`, { fullPage: true });
    // The view fits the width: nothing to scroll sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    // Clean up for the next size: the clerk finishes the ticket.
    await clerkPage.getByRole('button', { name: /開始服務/ }).click();
    await clerkPage.getByRole('button', { name: /完成/ }).click();
    await row.getByText('無', { exact: true }).waitFor();
  });

  it('reads in English too, and the longer words still fit a tablet held upright', async () => {
    const boss = await office.staff('supervisor', 'boss-english');
    const page = await e2e.page({ viewport: TABLET_PORTRAIT });
    await openFloor(page, boss);
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Counters', exact: true }).waitFor();
    await region(page, 'Queue policy (priority tickets)').getByText('Every 3rd call at a normal counter serves a priority ticket, when one waits.').waitFor();
    await checkA11y(page);
    await screenshot(page, 'floor-english-800x1280', { fullPage: true });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  });

  it('frees a counter a clerk left open: its ticket goes back in line', async () => {
    const clerk = await office.staff('clerk', 'gone-home', '王小明');
    const boss = await office.staff('supervisor', 'boss-release');
    const clerkPage = await e2e.page();
    await signIn(clerkPage, e2e.server, clerk);
    await openCounter(clerkPage, /^6號櫃臺$/);
    const ticket = await office.issue('idcard');
    await clerkPage.getByRole('button', { name: /叫下一號/ }).click();
    await clerkPage.getByText(`已叫 ${ticket.number} 號`).waitFor();

    const page = await e2e.page();
    await openFloor(page, boss);
    await page.getByRole('button', { name: '釋放櫃台：6號櫃臺' }).click();
    const dialog = page.getByRole('dialog', { name: '釋放6號櫃臺？' });
    expect(await dialog.innerText()).toContain(`${ticket.number} 號會回到原本的排隊位置`);
    await checkA11y(page);
    await screenshot(page, 'floor-release-dialog');
    await dialog.getByRole('button', { name: '釋放櫃台' }).click();
    await page.getByText('6號櫃臺已釋放並關閉。').waitFor();
    const row = region(page, '櫃台').getByRole('row', { name: /6號櫃臺/ });
    await row.getByText('已關閉').waitFor();
    expect(await row.innerText()).toContain('無人');
  });

  it('stops the issuing of a line until started again, and starts it again', async () => {
    const boss = await office.staff('supervisor', 'boss-issuing');
    const page = await e2e.page();
    await openFloor(page, boss);
    await page.getByRole('button', { name: '停止取號：戶籍謄本' }).click();
    const dialog = page.getByRole('dialog', { name: '停止取號：戶籍謄本' });
    await dialog.getByLabel('原因').selectOption({ label: '人力不足' });
    await dialog.getByLabel('直到我重新開放').check();
    await checkA11y(page);
    await dialog.getByRole('button', { name: '停止取號' }).click();
    await page.getByText('戶籍謄本已停止取號，直到重新開放。').waitFor();
    const row = region(page, '各業務等候').getByRole('row', { name: /戶籍謄本/ });
    await row.getByText('已停止取號：人力不足，直到重新開放').waitFor();
    const status = await office.call<{ services: { id: string; issuing: { open: boolean; reason: string | null } }[] }>('GET', '/public/status');
    expect(status.services.find((s) => s.id === 'transcript')?.issuing).toEqual({ open: false, reason: 'staff_shortage' });
    await page.getByRole('button', { name: '重新開放取號：戶籍謄本' }).click();
    await page.getByText('戶籍謄本已重新開放取號。').waitFor();
  });

  it('posts an announcement to the displays and withdraws it', async () => {
    const boss = await office.staff('supervisor', 'boss-announce');
    const page = await e2e.page();
    await openFloor(page, boss);
    const panel = region(page, '公告');
    await panel.getByLabel('公告內容（中文，必填）').fill('今日下午系統維護');
    await panel.getByText('其他語言（選填）').click();
    await panel.getByLabel('公告內容（English）').fill('System maintenance this afternoon');
    const end = new Date(Date.now() + 2 * 3_600_000);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(end).replace(' ', 'T');
    await panel.getByLabel('顯示到').fill(local);
    await panel.getByRole('button', { name: '發布到叫號螢幕' }).click();
    await panel.getByText(/^公告已發布，顯示到/).waitFor();
    await panel.getByRole('listitem').getByText('今日下午系統維護').waitFor();
    const status = await office.call<{ announcements: { texts: Record<string, string> }[] }>('GET', '/public/status');
    expect(status.announcements.map((a) => a.texts.en)).toEqual(['System maintenance this afternoon']);
    await checkA11y(page);
    await screenshot(page, 'floor-announcement', { fullPage: true });
    await panel.getByRole('button', { name: '撤下：今日下午系統維護' }).click();
    await panel.getByText('已撤下公告「今日下午系統維護」。').waitFor();
    await panel.getByText('目前沒有公告。').waitFor();
  });

  it('closes the office in an emergency with one switch, saying what will happen, and ends it', async () => {
    const boss = await office.staff('supervisor', 'boss-typhoon');
    await office.issue('certificate');
    const page = await e2e.page();
    await openFloor(page, boss);
    const panel = region(page, '緊急停止服務');
    const toggle = panel.getByRole('switch', { name: /緊急停止服務/ });
    await toggle.click();
    const dialog = page.getByRole('dialog', { name: '緊急停止服務' });
    await dialog.getByLabel('原因（中文，必填）').fill('颱風停班停課');
    await dialog.getByLabel('原因（英文，選填）').fill('Closed: typhoon day');
    await dialog.getByText(/仍會被叫號、服務到完/).waitFor();
    await checkA11y(page);
    await screenshot(page, 'floor-closure-dialog');
    await dialog.getByRole('button', { name: '停止服務（等候中的民眾繼續服務）' }).click();
    await panel.getByText('已緊急停止服務，取號機停止取號。').waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    const status = await office.call<{ closure: { reason: Record<string, string> } | null; issuing: { open: boolean } }>('GET', '/public/status');
    expect(status.closure?.reason).toEqual({ 'zh-TW': '颱風停班停課', en: 'Closed: typhoon day' });
    expect(status.issuing.open).toBe(false);
    await screenshot(page, 'floor-closed', { fullPage: true });
    await toggle.click();
    await page.getByRole('dialog', { name: '結束緊急停止服務？' }).getByRole('button', { name: '結束緊急停止服務' }).click();
    await panel.getByText('已結束緊急停止服務。').waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
  });

  it('changes the queue policy, each number explained as it is typed', async () => {
    const boss = await office.staff('supervisor', 'boss-policy');
    const page = await e2e.page();
    await openFloor(page, boss);
    const panel = region(page, '叫號規則（愛心號）');
    await panel.getByLabel('愛心號等候超過幾分鐘就優先（分鐘）').fill('15');
    await panel.getByText('愛心號等候 15 分鐘以上，任何櫃台的下一號就叫它。').waitFor();
    await panel.getByLabel('一般櫃台每叫幾號就服務一位愛心號').fill('4');
    await panel.getByText('一般櫃台每叫到第 4 號時，改叫一位等候中的愛心號。').waitFor();
    await panel.getByRole('button', { name: '儲存規則' }).click();
    await panel.getByText('叫號規則已儲存，下一次叫號就會套用。').waitFor();
    const policy = await office.call<{ priorityMaxWaitMinutes: number; priorityEveryNth: number }>('GET', '/policy');
    expect(policy).toMatchObject({ priorityMaxWaitMinutes: 15, priorityEveryNth: 4 });
  });
});
