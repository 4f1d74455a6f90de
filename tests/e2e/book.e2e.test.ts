// The resident's booking page (/book) in Chromium on a phone-sized screen (360×740) against a real
// server with the demo office: a line, a day and a slot chosen, a name and a phone number left; the
// code, its QR code and the manage link shown; the manage link opened and the booking cancelled
// after the confirmation. A second booking with the same phone on the same day is refused in plain
// words. An unknown manage link says there is no such booking. axe on every screen; screenshots.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BookingOffer, Slot } from '@jiaohao/shared/schemas';
import { checkA11y, screenshot, useE2E } from './support';

const e2e = useE2E();
const PHONE = { width: 360, height: 740 };

async function openBook(path = '/book', locale = 'zh-TW'): Promise<Page> {
  const page = await e2e.page({ viewport: PHONE, locale, hasTouch: true, isMobile: true });
  await page.goto(e2e.server.url(path));
  return page;
}

/** The demo office's first bookable day for 預約服務, and a slot of it with a place left. */
async function firstFreeSlot(): Promise<{ date: string; slot: Slot }> {
  const offer = (await (await fetch(e2e.server.url('/api/v1/public/booking'))).json()) as BookingOffer;
  for (const date of offer.lines.find((l) => l.serviceId === 'appointment')?.dates ?? []) {
    const { slots } = (await (await fetch(e2e.server.url(`/api/v1/public/booking/slots?serviceId=appointment&date=${date}`))).json()) as { slots: Slot[] };
    const slot = slots.find((s) => s.left > 0);
    if (slot) return { date, slot };
  }
  throw new Error('the demo office offers no free slot for 預約服務');
}

/** Chooses 預約服務, the `dayIndex`-th day and its first free slot on the page, then fills in a name and `phone`. */
async function fillIn(page: Page, phone: string, dayIndex = 0): Promise<void> {
  await page.getByRole('radio', { name: '預約服務' }).check();
  await page.getByRole('group', { name: '日期' }).getByRole('radio').nth(dayIndex).check();
  const slots = page.getByRole('group', { name: '時段' });
  await slots.getByRole('radio', { disabled: false }).first().check();
  await page.getByRole('textbox', { name: '姓名' }).fill('王小明');
  await page.getByRole('textbox', { name: '電話號碼' }).fill(phone);
}

describe('the booking page', () => {
  it('books a slot, shows the code and QR code, opens the manage link and cancels there', async () => {
    const page = await openBook();
    await page.getByRole('heading', { name: '網路預約', level: 1 }).waitFor();
    await page.getByText('臺中市北區戶政事務所').first().waitFor();
    await checkA11y(page);
    await screenshot(page, 'form-empty');

    // Submitting too early: the problem beside its field, in words.
    await page.getByRole('button', { name: '確認預約' }).click();
    await page.getByText('請選擇要辦理的業務。').waitFor();
    expect(await page.getByRole('radio', { name: '預約服務' }).getAttribute('aria-invalid')).toBe('true');

    await fillIn(page, '0912-345-678');
    // A slot is read as its time and its places ("08:00–08:15 尚餘 2 位"), as a screen reader says it.
    await page.getByRole('radio', { name: /^\d\d:\d\d–\d\d:\d\d 尚餘 \d+ 位$/ }).first().waitFor();
    // The day's weekday is written out (週一 … 週日).
    await page.getByRole('group', { name: '日期' }).getByRole('radio', { name: /^\d+月\d+日 週[一二三四五六日]$/ }).first().waitFor();
    await page.getByText(/並在預約日期後 \d+ 天刪除/).waitFor();
    await checkA11y(page);
    await screenshot(page, 'form-filled', { fullPage: true });

    await page.getByRole('button', { name: '確認預約' }).click();
    await page.getByRole('heading', { name: '預約完成', level: 1 }).waitFor();
    const code = await page.getByText(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/).innerText();
    const qr = page.getByRole('img', { name: `預約代碼 ${code} 的 QR Code` });
    await qr.waitFor();
    // The image decoded (the tests' tsconfig has no DOM types: the element is read as what it is).
    const decoded = await qr.evaluate((img) => {
      const el = img as unknown as { complete: boolean; naturalWidth: number };
      return el.complete && el.naturalWidth > 0;
    });
    expect(decoded).toBe(true);
    await page.getByText(/分鐘內到取號機，輸入預約代碼或掃描這個 QR Code 報到/).waitFor();
    const link = page.getByRole('link', { name: /\/book\/m\// });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/book\/m\/[^/]+$/);
    expect(await link.innerText()).toBe(e2e.server.url(href ?? ''));
    await checkA11y(page);
    await screenshot(page, 'booked');
    await screenshot(page, 'booked-full', { fullPage: true });

    // The manage link, as the resident opens it later.
    await link.click();
    await page.getByRole('heading', { name: '我的預約', level: 1 }).waitFor();
    await page.getByText(code, { exact: true }).waitFor();
    await page.getByText('已預約', { exact: true }).waitFor();
    await page.getByRole('img', { name: `預約代碼 ${code} 的 QR Code` }).waitFor();
    await checkA11y(page);
    await screenshot(page, 'manage');

    await page.getByRole('button', { name: '取消預約' }).click();
    await page.getByRole('heading', { name: '確定要取消這筆預約嗎？' }).waitFor();
    await checkA11y(page);
    await screenshot(page, 'manage-confirm', { fullPage: true });
    await page.getByRole('button', { name: '確定取消' }).click();
    await page.getByText('已取消', { exact: true }).waitFor();
    await page.getByText('這筆預約已取消。如仍需辦理，可以重新預約。').waitFor();
    expect(await page.getByRole('img').count()).toBe(0);
    await checkA11y(page);
    await screenshot(page, 'manage-cancelled');

    // The server holds it so: the manage link answers the cancelled booking.
    const token = decodeURIComponent((href ?? '').slice('/book/m/'.length));
    const answer = (await (await fetch(e2e.server.url(`/api/v1/public/appointments/${encodeURIComponent(token)}`))).json()) as { state: string };
    expect(answer.state).toBe('cancelled');
  });

  it('refuses a second booking with the same phone on the same day, in plain words', async () => {
    const { date, slot } = await firstFreeSlot();
    const first = await fetch(e2e.server.url('/api/v1/public/appointments'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'appointment', date, start: slot.start, name: '林小華', phone: '0933-222-111' }),
    });
    expect(first.status).toBe(201);

    const page = await openBook();
    await fillIn(page, '0933 222 111');
    await page.getByRole('button', { name: '確認預約' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('您這一天已經有一筆預約（每人每天只能預約一次）。如要改時段，請先用原預約的管理連結取消。');
    expect(await page.getByRole('heading', { name: '預約完成' }).count()).toBe(0);
    await checkA11y(page);
    await screenshot(page, 'already-booked', { fullPage: true });
  });

  it('in Thai from the switch, and an unknown manage link says there is no such booking', async () => {
    const page = await openBook();
    await page.getByRole('combobox', { name: '語言' }).selectOption('th');
    await page.getByRole('heading', { name: 'จองคิวออนไลน์' }).waitFor();
    await page.getByRole('group', { name: 'บริการ' }).getByRole('radio').first().check();
    await page.getByRole('group', { name: 'วัน' }).waitFor();
    await checkA11y(page);
    await screenshot(page, 'form-thai');

    const missing = await openBook('/book/m/no-such-booking-0000000000');
    await missing.getByRole('heading', { name: '查無此預約' }).waitFor();
    await checkA11y(missing);
    await screenshot(missing, 'manage-missing');
  });
});
