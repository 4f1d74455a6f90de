// The kiosk renderer in Chromium against a real server, as a resident uses it: a language, a line,
// the documents to bring, an e-ticket with its QR code; one ticket for a double tap; back to the
// start when left alone; out of service while the server is down; a stopped line says why; a
// printer that fails leaves the number and its QR code on screen and tells the supervisors; the
// office closed says so. Portrait and landscape, axe on every screen in all five languages.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LANGUAGE_NAMES } from '@jiaohao/shared/i18n';
import { KIOSK } from '@jiaohao/shared/catalogs';
import type { Language } from '@jiaohao/shared/schemas';
import { checkA11y, screenshot, useE2E } from './support';
import { officeApi, type OfficeApi } from './support/office';

const e2e = useE2E();
let office: OfficeApi;

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

beforeAll(async () => {
  office = await officeApi(e2e.server);
  // A counter open for the household line, so the kiosk can estimate the wait.
  await office.call('POST', '/counters/counter-2/open', {});
});

async function openKiosk(viewport = PORTRAIT, before?: (page: Page) => void | Promise<void>): Promise<Page> {
  const { token } = await office.call<{ token: string }>('POST', '/devices', { kind: 'kiosk', name: `kiosk ${Math.random()}` });
  const page = await e2e.page({ viewport });
  await before?.(page);
  await page.goto(e2e.server.url(`/kiosk/#token=${encodeURIComponent(token)}`));
  await lines(page).first().waitFor();
  return page;
}

const lines = (page: Page) => page.getByRole('list').filter({ has: page.getByRole('button', { name: /戶籍|Household|hộ tịch|ทะเบียน|rumah/ }) }).getByRole('button');
const waitingIn = async (serviceId: string) => {
  const status = await office.call<{ services: { id: string; waiting: number }[] }>('GET', '/public/status');
  return status.services.find((s) => s.id === serviceId)?.waiting ?? -1;
};

const householdWait = async () => (await office.call<Record<string, { normal: { min: number; max: number } | null }>>('GET', '/estimates')).household?.normal ?? null;

describe('the kiosk', () => {
  it('in Vietnamese: a line, its documents, an e-ticket with a QR code; the ticket is on the server in that language', async () => {
    // The issue answer, as the server sent it over the kiosk's socket: the ticket's id.
    const frames: string[] = [];
    const page = await openKiosk(PORTRAIT, (p) =>
      void p.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => void (typeof payload === 'string' && payload.includes('trackingToken') && frames.push(payload)))),
    );
    await screenshot(page, 'kiosk-start-zh-portrait');
    await checkA11y(page);
    expect(page.url()).toBe(e2e.server.url('/kiosk/'));

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
    await screenshot(page, 'kiosk-start-vi-portrait');
    await checkA11y(page);

    const before = await waitingIn('household');
    const estimatesBefore = await householdWait();
    await page.getByRole('button', { name: /Đăng ký hộ tịch/ }).click();
    await page.getByRole('heading', { name: /Vui lòng chuẩn bị các giấy tờ sau/ }).waitFor();
    await page.getByText('Thẻ căn cước (bản gốc)').waitFor();
    await page.getByText(new RegExp(`Còn ${before} người trước bạn`)).waitFor();
    // The wait shown is the server's wait model's (GET /estimates), read before or after the screen
    // opened: the minute can turn in between.
    const wait = page.locator('.wait[aria-busy="false"]');
    await wait.waitFor();
    const shown = (await wait.textContent())?.trim();
    const said = (w: { min: number; max: number } | null) =>
      w === null
        ? KIOSK.t('vi', 'kiosk.confirm.waitUnknown')
        : w.min === 0 && before === 0
          ? KIOSK.t('vi', 'kiosk.confirm.waitNone')
          : KIOSK.t('vi', 'kiosk.confirm.wait').replace('{{min}}', String(w.min)).replace('{{max}}', String(w.max));
    expect([said(estimatesBefore), said(await householdWait())]).toContain(shown);
    await screenshot(page, 'kiosk-confirm-vi-portrait');
    await checkA11y(page);

    await page.getByRole('button', { name: /Lưu trên điện thoại/ }).click();
    await page.getByRole('heading', { name: 'Số của bạn' }).waitFor();
    const qr = page.getByRole('img', { name: /Mã QR/ });
    await qr.waitFor();
    const number = (await page.locator('.ticket-number').textContent())?.trim() ?? '';
    expect(number).toMatch(/^\d{4}$/);
    await screenshot(page, 'kiosk-ticket-vi-portrait');
    await checkA11y(page);
    expect(await waitingIn('household')).toBe(before + 1);
    const id = /"id":"([0-9a-f-]{36})"/.exec(frames.at(-1) ?? '')?.[1];
    const { ticket } = await office.call<{ ticket: { number: string; language: string; serviceId: string; channel: string } }>('GET', `/tickets/${id}`);
    expect(ticket).toMatchObject({ number, language: 'vi', serviceId: 'household', channel: 'kiosk' });
  });

  // Fifteen screens, each checked with axe: 5 s here when quiet, several times that under load.
  it('passes axe on the start, confirm and ticket screens in every language, the focus on each new screen’s title', { timeout: 60_000 }, async () => {
    const page = await openKiosk();
    const household: Record<Language, string> = { 'zh-TW': '戶籍登記', en: 'Household registration', vi: 'Đăng ký hộ tịch', id: 'Registrasi rumah tangga', th: 'ทะเบียนครัวเรือน' };
    for (const lang of ['zh-TW', 'en', 'vi', 'id', 'th'] as const) {
      const t = (key: Parameters<typeof KIOSK.t>[1]) => KIOSK.t(lang, key);
      await page.getByRole('button', { name: LANGUAGE_NAMES[lang] }).click();
      await page.getByRole('heading', { level: 1, name: t('kiosk.welcome') }).waitFor();
      await checkA11y(page);
      if (lang === 'en' || lang === 'id') await screenshot(page, `kiosk-start-${lang}-portrait`);

      await page.getByRole('button', { name: new RegExp(`^${household[lang]}`) }).click();
      const confirm = page.getByRole('heading', { level: 1, name: new RegExp(t('kiosk.confirm.title')) });
      await confirm.waitFor();
      expect(await page.locator('h1:focus').textContent()).toContain(t('kiosk.confirm.title'));
      await checkA11y(page);

      await page.getByRole('button', { name: new RegExp(t('kiosk.how.phone')) }).click();
      const title = page.getByRole('heading', { level: 1, name: t('kiosk.ticket.title') });
      await title.waitFor();
      const number = (await page.locator('.ticket-number').textContent())?.trim() ?? '';
      await page.getByRole('img', { name: KIOSK.t(lang, 'kiosk.ticket.qrAlt').replace('{{number}}', number) }).waitFor();
      expect(await page.locator('h1:focus').textContent()).toBe(t('kiosk.ticket.title'));
      await checkA11y(page);
      if (lang === 'zh-TW' || lang === 'th') await screenshot(page, `kiosk-ticket-${lang}-portrait`);
      // Done: back to the start, in Chinese, for the next resident.
      await page.getByRole('button', { name: t('kiosk.ticket.done') }).click();
      await page.getByRole('heading', { level: 1, name: /您好，請選擇要辦理的業務/ }).waitFor();
    }
  });

  it('when the printer fails, keeps the number and its QR code on screen, says what to do, and tells the supervisors', async () => {
    // The Electron shell's preload, as the page sees it, with a printer that has no paper.
    const page = await openKiosk(PORTRAIT, async (p) => {
      await p.addInitScript(`
        window.__prints = [];
        window.jiaohaoKiosk = {
          printTicket: (ticketId) => {
            window.__prints.push(ticketId);
            return Promise.resolve({ ok: false, reason: 'printer_error', message: 'media-empty' });
          },
          getDeviceInfo: () => Promise.resolve({ printer: 'TM-T88', version: 'e2e', shell: 'electron' }),
        };
      `);
    });
    const { seq } = await office.call<{ seq: number }>('GET', '/snapshot');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: /^Household registration/ }).click();
    await page.getByRole('button', { name: KIOSK.t('en', 'kiosk.how.print') }).click();
    await page.getByRole('alert').getByText(/could not be printed/).waitFor();
    const number = (await page.locator('.ticket-number').textContent())?.trim() ?? '';
    expect(number).toMatch(/^\d{4}$/);
    await page.getByRole('img', { name: new RegExp(`QR code to follow number ${number}`) }).waitFor();
    await screenshot(page, 'kiosk-print-failed-en-portrait');
    await checkA11y(page);
    expect(await page.evaluate('window.__prints.length')).toBe(1);
    // The supervisors' log (and floor view) has it: which kiosk, which number, why.
    await expect
      .poll(async () => {
        const { events } = await office.call<{ events: { type: string; data: { alert?: { kind: string; number?: string; reason?: string } } }[] }>('GET', `/events?after=${seq}&limit=1000`);
        return events.filter((e) => e.type === 'alert:raised' && e.data.alert?.kind === 'print_failed').map((e) => e.data.alert);
      })
      .toEqual(expect.arrayContaining([expect.objectContaining({ number, reason: 'printer_error' })]));
  });

  it('says in all five languages that the office is closed, and why, while an emergency closure lasts', async () => {
    const page = await openKiosk(LANDSCAPE);
    await office.call('POST', '/office/emergency-close', { reason: { 'zh-TW': '颱風停班停課', en: 'typhoon day' }, waiting: 'serve' });
    try {
      await page.getByRole('heading', { level: 2, name: KIOSK.t('vi', 'kiosk.closedOffice.title') }).waitFor();
      for (const lang of ['zh-TW', 'en', 'id', 'th'] as const) await page.getByRole('heading', { level: 2, name: KIOSK.t(lang, 'kiosk.closedOffice.title') }).waitFor();
      await page.getByText(/颱風停班停課/).first().waitFor();
      expect(await page.getByRole('button', { name: /戶籍登記/ }).count()).toBe(0);
      await screenshot(page, 'kiosk-closed-landscape');
      await checkA11y(page);
    } finally {
      await office.call('POST', '/office/emergency-end', {});
    }
    await page.getByRole('button', { name: /戶籍登記/ }).waitFor();
  });

  it('a double tap on the button gives one ticket, not two', async () => {
    const page = await openKiosk();
    const before = await waitingIn('household');
    await page.getByRole('button', { name: /戶籍登記/ }).click();
    await page.getByRole('button', { name: /存在手機/ }).dblclick();
    await page.getByRole('heading', { name: '您的號碼' }).waitFor();
    expect(await waitingIn('household')).toBe(before + 1);
  });

  it('in Thai and in landscape, and a line stopped by the supervisor says why on its button', async () => {
    await office.call('POST', '/office/issuing/stop', { serviceId: 'passport', reason: 'capacity_reached', until: 'resumed' });
    try {
      const page = await openKiosk(LANDSCAPE);
      await page.getByRole('button', { name: 'ไทย' }).click();
      const passport = page.getByRole('button', { name: /บริการหนังสือเดินทาง/ });
      await expect(passport.isDisabled()).resolves.toBe(true);
      await page.getByText('คิวของวันนี้เต็มแล้ว').waitFor();
      await screenshot(page, 'kiosk-start-th-landscape');
      await checkA11y(page);
      await page.getByRole('button', { name: /^ทะเบียนครัวเรือน/ }).click();
      await page.getByRole('heading', { name: /กรุณาเตรียมเอกสาร/ }).waitFor();
      await screenshot(page, 'kiosk-confirm-th-landscape');
      await checkA11y(page);
      // Back, and the choices are there until the start is left alone or the ticket is taken.
      await page.getByRole('button', { name: 'ย้อนกลับ' }).click();
      await page.getByRole('button', { name: /^ทะเบียนครัวเรือน/ }).waitFor();
    } finally {
      await office.call('POST', '/office/issuing/resume', { serviceId: 'passport' });
    }
  });

  it('goes back to the start, in Chinese, when left alone', async () => {
    const page = await e2e.page({ viewport: PORTRAIT });
    await page.clock.install();
    const { token } = await office.call<{ token: string }>('POST', '/devices', { kind: 'kiosk', name: 'idle kiosk' });
    await page.goto(e2e.server.url(`/kiosk/#token=${encodeURIComponent(token)}`));
    await lines(page).first().waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: /Household registration/ }).click();
    await page.getByRole('heading', { name: 'Please have these ready' }).waitFor();
    await page.clock.fastForward(46_000);
    await page.getByRole('heading', { name: /您好，請選擇要辦理的業務/ }).waitFor();
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('false');
  });

  // A server stopped and started again within the test: generous on a loaded machine.
  it('is out of service in all five languages while the server is down, and recovers by itself', { timeout: 90_000 }, async () => {
    const page = await openKiosk();
    await e2e.server.halt();
    try {
      await page.getByRole('heading', { name: 'Tạm ngừng hoạt động', level: 2 }).waitFor({ timeout: 10_000 });
      for (const title of ['暫停服務', 'Out of service', 'Sedang tidak berfungsi', 'งดให้บริการชั่วคราว']) await page.getByRole('heading', { name: title, level: 2 }).waitFor();
      expect(await page.getByRole('button', { name: /戶籍登記/ }).count()).toBe(0);
      await screenshot(page, 'kiosk-offline');
      await checkA11y(page);
    } finally {
      await e2e.server.resume();
    }
    await page.getByRole('button', { name: /戶籍登記/ }).waitFor({ timeout: 15_000 });
  });
});
