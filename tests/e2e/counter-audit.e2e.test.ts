// The supervisor's audit trail in Chromium, against a real server on a fresh database: a clerk marks
// a resident as a no-show with a reason and a note at the counter, the supervisor finds it in the
// audit view with the clerk's name and the reason, then checks the whole event log; axe and a
// screenshot of each, in Chinese and in English.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, screenshot, useE2E, VIEWPORTS } from './support';
import { officeApi, openCounter, signIn, type OfficeApi } from './support/office';

const e2e = useE2E();
let office: OfficeApi;
beforeAll(async () => {
  office = await officeApi(e2e.server);
});

describe('the audit trail', () => {
  it('shows a clerk’s no-show with the reason and the clerk’s name, and the event log verifies intact', async () => {
    const clerk = await office.staff('clerk', 'audit-clerk', '林美玲');
    const boss = await office.staff('supervisor', 'audit-boss', '陳主任');
    const clerkPage = await e2e.page();
    await signIn(clerkPage, e2e.server, clerk);
    await openCounter(clerkPage, /^3號櫃臺$/);
    const ticket = await office.issue('household');
    await clerkPage.getByRole('button', { name: /叫下一號/ }).click();
    await clerkPage.getByText(`已叫 ${ticket.number} 號`).waitFor();
    await clerkPage.getByRole('button', { name: /^過號/ }).click();
    const dialog = clerkPage.getByRole('dialog', { name: '過號' });
    await dialog.getByLabel('原因').selectOption({ label: '民眾已離開' });
    await dialog.getByLabel('備註（選填）').fill('叫號三次無人回應');
    await dialog.getByRole('button', { name: '確定' }).click();
    await clerkPage.getByText(`${ticket.number} 號已過號`).waitFor();

    const page = await e2e.page({ viewport: VIEWPORTS.laptop });
    await signIn(page, e2e.server, boss);
    await page.getByRole('link', { name: '稽核紀錄' }).click();
    const table = page.getByRole('table', { name: /的例外紀錄（1 筆）$/ });
    const row = table.getByRole('row', { name: new RegExp(ticket.number) });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('過號（未到）');
    expect(text).toContain('3號櫃臺');
    expect(text).toContain('林美玲');
    expect(text).toContain('民眾已離開：叫號三次無人回應');

    const check = page.getByRole('region', { name: '事件紀錄檢查' });
    await check.getByRole('button', { name: '驗證事件紀錄' }).click();
    await check.getByText(/^事件紀錄完整：已檢查 \d+ 筆事件，沒有發現問題。$/).waitFor();
    // The server anchored its head at start, so the check has a seal to compare with.
    await check.getByText(/^已封存並確認到第 \d+ 筆事件（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）。$/).waitFor();
    await checkA11y(page);
    await screenshot(page, 'audit-trail-verified', { fullPage: true });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

    // In English, on a tablet held upright, the same row still fits.
    const tablet = await e2e.page({ viewport: { width: 800, height: 1280 } });
    await signIn(tablet, e2e.server, boss);
    await tablet.getByRole('button', { name: /English/ }).click();
    await tablet.getByRole('link', { name: 'Audit trail' }).click();
    const enRow = tablet.getByRole('table', { name: /^Exceptions on .* \(1\)$/ }).getByRole('row', { name: new RegExp(ticket.number) });
    await enRow.waitFor();
    expect(await enRow.innerText()).toContain('Resident left: 叫號三次無人回應');
    await checkA11y(tablet);
    await screenshot(tablet, 'audit-trail-english-800x1280', { fullPage: true });
    expect(await tablet.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  });
});
