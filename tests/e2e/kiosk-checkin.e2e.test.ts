// Checking a booking in at the kiosk (我有預約), in Chromium against a real server: a clerk books
// today's next slot for a resident on the phone (the API), the resident types the booking code on
// the kiosk's keypad and keyboard and gets the appointment ticket with its slot; the same code again
// is refused in plain words. Axe on the start, check-in and ticket screens; portrait and landscape.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { KIOSK } from '@jiaohao/shared/catalogs';
import { checkA11y, screenshot, useE2E } from './support';
import { officeApi, type OfficeApi } from './support/office';

const e2e = useE2E();
let office: OfficeApi;
let timeZone: string;

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

/** Today's date, weekday and time of day in the office's zone. */
function localNow(zone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday };
}

beforeAll(async () => {
  office = await officeApi(e2e.server);
  // Whatever the hour the test runs at: today is one long session, bookable the same day, and a
  // booking checks in from three hours before its slot (the rules' largest window).
  const current = await office.call<{ timeZone: string; sessions: { weekday: number }[] }>('GET', '/office');
  timeZone = current.timeZone;
  const { weekday } = localNow(timeZone);
  await office.call('PATCH', '/office', {
    sessions: [...current.sessions.filter((s) => s.weekday !== weekday), { weekday, start: '00:00', end: '23:59', kind: 'regular', serviceIds: null }],
    specialDays: [],
  });
  await office.call('PATCH', '/booking/settings', { minDaysAhead: 0, cutoffTime: null, checkInEarlyMinutes: 180 });
});

let phones = 0;
/** A clerk books today's next free slot of the appointment line for a resident on the phone. */
async function bookToday(): Promise<{ code: string; start: string }> {
  const { date } = localNow(timeZone);
  const { slots } = await office.call<{ slots: { start: string; left: number }[] }>('GET', `/booking/slots?serviceId=appointment&date=${date}`);
  const slot = slots.find((s) => s.left > 0);
  if (!slot) throw new Error(`no slot left today (${date}): the test cannot run in the last minutes of the day`);
  const { appointment } = await office.call<{ appointment: { code: string; start: string } }>('POST', '/appointments', {
    serviceId: 'appointment',
    date,
    start: slot.start,
    name: '王小明',
    phone: `0912-345-${String(100 + ++phones)}`,
  });
  return appointment;
}

async function openKiosk(viewport = PORTRAIT, before?: (page: Page) => Promise<unknown>): Promise<Page> {
  const { token } = await office.call<{ token: string }>('POST', '/devices', { kind: 'kiosk', name: `kiosk ${Math.random()}` });
  const page = await e2e.page({ viewport });
  await before?.(page);
  await page.goto(e2e.server.url(`/kiosk/#token=${encodeURIComponent(token)}`));
  await page.getByRole('button', { name: /^我有預約/ }).waitFor();
  return page;
}

const typedCode = (page: Page) => page.getByLabel(KIOSK.t('zh-TW', 'kiosk.checkin.code'));

describe('checking a booking in at the kiosk', () => {
  it('types the booking code, gets the appointment ticket with its slot, and the same code again is refused in plain words', async () => {
    const { code, start } = await bookToday();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const page = await openKiosk();
    await screenshot(page, 'checkin-start-zh-portrait');

    await page.getByRole('button', { name: /^我有預約/ }).click();
    await page.getByRole('heading', { level: 1, name: '預約報到' }).waitFor();
    // No BarcodeDetector in Chromium on Linux: no camera part, the keypad only.
    expect(await page.getByRole('heading', { name: '或掃描手機上的 QR 碼' }).isVisible()).toBe(false);
    await checkA11y(page);
    // The first half on the keypad, a wrong key taken back, the rest from the keyboard in lower case.
    for (const c of code.slice(0, 4)) await page.getByRole('group', { name: '代碼鍵盤' }).getByRole('button', { name: c, exact: true }).click();
    await page.getByRole('button', { name: 'Z', exact: true }).click();
    await page.getByRole('button', { name: '刪除最後一個字' }).click();
    await page.keyboard.type(`-${code.slice(5).toLowerCase()}`);
    await expect.poll(() => typedCode(page).innerText()).toContain(code);
    await screenshot(page, 'checkin-typed-zh-portrait');
    await checkA11y(page);

    await page.getByRole('button', { name: /存在手機/ }).click();
    await page.getByRole('heading', { level: 1, name: '您的號碼' }).waitFor();
    await page.getByText(`預約時段 ${start}`).waitFor();
    await page.getByText('報到完成，會在您的預約時段叫號。').waitFor();
    const number = (await page.locator('.ticket-number').textContent())?.trim() ?? '';
    await page.getByRole('img', { name: KIOSK.t('zh-TW', 'kiosk.ticket.qrAlt').replace('{{number}}', number) }).waitFor();
    await screenshot(page, 'checkin-ticket-zh-portrait');
    await checkA11y(page);
    // On the server: the booking is checked in, with an appointment ticket in its line.
    const { appointments } = await office.call<{ appointments: { code: string; state: string; ticketId: string | null }[] }>('GET', `/appointments?date=${localNow(timeZone).date}`);
    const booking = appointments.find((a) => a.code === code);
    expect(booking?.state).toBe('checked_in');
    const { ticket } = await office.call<{ ticket: { number: string; class: string; serviceId: string } }>('GET', `/tickets/${booking?.ticketId}`);
    expect(ticket).toMatchObject({ number, class: 'appointment', serviceId: 'appointment' });

    // The same code again, this time as a scanner types it (the code, then Enter): refused.
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('button', { name: /^我有預約/ }).click();
    await page.getByRole('heading', { level: 1, name: '預約報到' }).waitFor();
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('這個預約已經取消或已經報到過，不能再使用。需要協助請到服務台。').waitFor();
    await screenshot(page, 'checkin-refused-zh-portrait');
    await checkA11y(page);
  });

  it('in English and landscape: a code that is no booking is refused, and the screen passes axe', async () => {
    const page = await openKiosk(LANDSCAPE);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: /^I have a booking/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Check in for your booking' }).waitFor();
    await page.getByText(KIOSK.t('en', 'kiosk.checkin.need')).waitFor();
    await screenshot(page, 'checkin-empty-en-landscape');
    await checkA11y(page);
    await page.keyboard.type('ZZZZ-ZZZZ');
    await page.getByRole('button', { name: /On my phone/ }).click();
    await page.getByRole('alert').getByText('There is no booking with this code. Please check the code.').waitFor();
    await screenshot(page, 'checkin-not-found-en-landscape');
    await checkA11y(page);
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('button', { name: /^I have a booking/ }).waitFor();
  });

  it('where the kiosk has a camera, reads the booking from the phone’s QR code and checks it in; the camera goes off on leaving', async () => {
    const { code, start } = await bookToday();
    // Chromium on Linux has no BarcodeDetector and the test machine no camera: a canvas's stream
    // stands in for the camera, and a detector that sees, after a ticket's QR code, the booking's.
    const page = await openKiosk(LANDSCAPE, (p) =>
      p.addInitScript(`
        window.__tracks = [];
        navigator.mediaDevices.getUserMedia = async () => {
          const canvas = document.createElement('canvas');
          canvas.getContext('2d').fillRect(0, 0, 10, 10);
          const stream = canvas.captureStream(5);
          window.__tracks.push(...stream.getTracks());
          return stream;
        };
        window.BarcodeDetector = class {
          constructor() { this.looks = 0; }
          async detect() {
            this.looks++;
            return this.looks < 3 ? [{ rawValue: location.origin + '/t/a-ticket-token' }] : [{ rawValue: ${JSON.stringify(`https://queue.example.tw/book/${code}`)} }];
          }
        };
      `),
    );
    await page.getByRole('button', { name: /^我有預約/ }).click();
    await page.getByRole('heading', { level: 2, name: '或掃描手機上的 QR 碼' }).waitFor();
    await page.getByRole('status').getByText(`已讀取預約代碼 ${code}。`).waitFor();
    expect(await typedCode(page).innerText()).toContain(code);
    await screenshot(page, 'checkin-scanned-zh-landscape');
    await checkA11y(page);
    expect(await page.evaluate('window.__tracks.map((t) => t.readyState)')).toEqual(['live']);
    await page.getByRole('button', { name: /存在手機/ }).click();
    await page.getByText(`預約時段 ${start}`).waitFor();
    expect(await page.evaluate('window.__tracks.map((t) => t.readyState)')).toEqual(['ended']);
    await screenshot(page, 'checkin-ticket-zh-landscape');
  });
});

