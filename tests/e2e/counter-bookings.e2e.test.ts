// Bookings at the counter in Chromium, against a real server on a fresh demo office (which takes
// bookings for 預約服務 and 結婚登記): a clerk books a slot for a caller, reads the code shown large
// and finds the booking in that day's list, then cancels it; an admin changes the slot length in
// 預約設定 and the server keeps it; axe on every screen, and screenshots.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, screenshot, useE2E, VIEWPORTS } from './support';
import { officeApi, signIn, type OfficeApi } from './support/office';

const e2e = useE2E();
let office: OfficeApi;
beforeAll(async () => {
  office = await officeApi(e2e.server);
});

/** The first slot of the chosen day that still has places (the office's hours decide which). */
async function chooseFreeSlot(page: Page): Promise<string> {
  const slot = page.getByRole('region', { name: '電話預約' }).getByLabel('時段');
  const free = slot.locator('option:not([disabled]):not([value=""])').first();
  await free.waitFor({ state: 'attached' });
  const value = await free.getAttribute('value');
  if (!value) throw new Error('no free slot');
  await slot.selectOption(value);
  return value;
}

describe('bookings at the counter', () => {
  it('a clerk books for a caller, sees the code large and the row in that day’s list, and cancels it', async () => {
    const clerk = await office.staff('clerk', 'bookings-clerk', '林美玲');
    const page = await e2e.page({ viewport: VIEWPORTS.laptop });
    await signIn(page, e2e.server, clerk);
    await page.getByRole('link', { name: '預約' }).click();
    const list = page.getByRole('region', { name: '預約' });
    await list.getByText(/沒有預約。$|的預約（/).waitFor();
    const phone = page.getByRole('region', { name: '電話預約' });
    await phone.getByLabel('業務').selectOption({ label: '預約服務' });
    const date = await phone.getByLabel('預約日期').inputValue();
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const start = await chooseFreeSlot(page);
    await phone.getByLabel('姓名').fill('陳大文');
    await phone.getByLabel('電話號碼').fill('0922-111-333');
    await checkA11y(page);
    await screenshot(page, 'bookings-phone-form', { fullPage: true });

    await phone.getByRole('button', { name: '預約' }).click();
    const done = phone.getByRole('region', { name: '預約完成' });
    await done.waitFor();
    const code = await done.locator('.bookings-code').innerText();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(await done.innerText()).toContain(`${date} ${start}，預約服務，預約代碼 ${code}`);
    // The list now shows the booked day, with the new row.
    const table = list.getByRole('table', { name: new RegExp(`^${date} 的預約`) });
    const row = table.getByRole('row', { name: new RegExp(code) });
    await row.waitFor();
    const text = await row.innerText();
    for (const part of [start, code, '預約服務', '陳大文', '電話', '已預約']) expect(text).toContain(part);
    expect(text).not.toContain('0922-111-333');
    await checkA11y(page);
    await screenshot(page, 'bookings-booked', { fullPage: true });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

    // The same caller cannot book the same day twice: said beside the phone number.
    await done.getByRole('button', { name: '再登記一筆' }).click();
    await phone.getByLabel('預約日期').selectOption(date);
    await chooseFreeSlot(page);
    await phone.getByLabel('姓名').fill('陳大文');
    await phone.getByLabel('電話號碼').fill('0922-111-333');
    await phone.getByRole('button', { name: '預約' }).click();
    await phone.getByText('這個電話號碼或電子郵件當天已經有預約（每人每天限一筆）。').waitFor();
    expect(await phone.getByLabel('電話號碼').getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page);
    await screenshot(page, 'bookings-already-booked');

    await row.getByRole('button', { name: `取消預約 ${code}（陳大文）` }).click();
    const dialog = page.getByRole('dialog', { name: '取消這筆預約？' });
    await checkA11y(page);
    await dialog.getByRole('button', { name: '確定取消' }).click();
    await list.getByText(`已取消預約 ${code}。`).waitFor();
    await row.getByText('已取消').waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
  });

  it('a supervisor also sees the repeated no-shows; on a tablet held upright nothing scrolls sideways', async () => {
    const boss = await office.staff('supervisor', 'bookings-boss', '陳主任');
    const page = await e2e.page({ viewport: { width: 800, height: 1280 } });
    await signIn(page, e2e.server, boss);
    await page.getByRole('link', { name: '預約' }).click();
    const noShows = page.getByRole('region', { name: '多次未到的聯絡方式' });
    await noShows.getByText('沒有預約未到 2 次以上的聯絡方式。').waitFor();
    await page.getByRole('region', { name: '電話預約' }).getByLabel('時段').waitFor();
    await checkA11y(page);
    await screenshot(page, 'bookings-supervisor-tablet', { fullPage: true });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  });

  it('an admin changes the slot length in 預約設定, and the server keeps it', async () => {
    const admin = await office.staff('admin', 'bookings-admin', '王管理');
    const page = await e2e.page({ viewport: VIEWPORTS.laptop });
    await signIn(page, e2e.server, admin);
    await page.getByRole('link', { name: '系統管理' }).click();
    await page.getByRole('tab', { name: '預約設定' }).click();
    const panel = page.getByRole('tabpanel', { name: '預約設定' });
    await panel.getByRole('table', { name: '可預約的業務與各自的上限' }).waitFor();
    expect(await panel.getByRole('rowheader').allInnerTexts()).toEqual(expect.arrayContaining(['預約服務', '結婚登記']));
    const slot = panel.getByLabel('每個時段長度（分鐘）');
    const before = await slot.inputValue();
    const next = before === '20' ? '30' : '20';
    await checkA11y(page);
    await screenshot(page, 'bookings-settings', { fullPage: true });

    // Wrong first: nothing is sent, the problem is beside the field.
    await slot.fill('3');
    await panel.getByRole('button', { name: '儲存預約設定' }).click();
    await panel.getByText('請輸入 5 到 120 之間的整數。').waitFor();
    expect(await slot.getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page);
    await screenshot(page, 'bookings-settings-invalid');

    await slot.fill(next);
    await panel.getByRole('button', { name: '儲存預約設定' }).click();
    await panel.getByText('預約設定已儲存。').waitFor();
    const kept = await office.call<{ slotMinutes: number }>('GET', '/booking/settings');
    expect(kept.slotMinutes).toBe(Number(next));
  });
});
