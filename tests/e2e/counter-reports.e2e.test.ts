// The reports in Chromium, against a real server on a fresh database: a supervisor reads today's
// report after a few tickets were issued and served (the figures, the chart, the tables), downloads
// it as CSV, ODS and PDF, and is refused a range the server would not take; axe and a screenshot.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, screenshot, useE2E, VIEWPORTS } from './support';
import { frontDesk, officeApi, signIn, type FrontDesk, type OfficeApi } from './support/office';

const e2e = useE2E();
let office: OfficeApi;
let desk: FrontDesk;

/** Three numbers given in the household line, two of them served at counter 2, one still waiting. */
beforeAll(async () => {
  office = await officeApi(e2e.server);
  desk = await frontDesk(office, 'reports');
  for (let i = 0; i < 3; i++) await office.call('POST', '/tickets', { serviceId: 'household' }, desk.kiosk);
  for (let i = 0; i < 2; i++) {
    const { ticket } = await office.call<{ ticket: { id: string } | null }>('POST', '/counters/counter-2/call-next', {}, desk.clerk);
    if (!ticket) throw new Error('nothing to call');
    await office.call('POST', `/tickets/${ticket.id}/start`, {}, desk.clerk);
    await office.call('POST', `/tickets/${ticket.id}/finish`, {}, desk.clerk);
  }
});

const TABLET_PORTRAIT = { width: 800, height: 1280 };

async function openReports(page: Page, username: string): Promise<void> {
  await signIn(page, e2e.server, username);
  await page.getByRole('link', { name: '報表' }).click();
  await page.getByRole('region', { name: '全所總計' }).waitFor();
}

/** The value shown under a headline figure's name. */
const figure = (page: Page, name: string) => page.getByRole('region', { name: '全所總計' }).getByText(name, { exact: true }).locator('xpath=following-sibling::dd').innerText();

describe('the reports', () => {
  it.each([VIEWPORTS.laptop, TABLET_PORTRAIT])('show today’s figures, the chart and the tables (at $width×$height)', async (viewport) => {
    const boss = await office.staff('supervisor', `boss-reports-${viewport.width}`);
    const page = await e2e.page({ viewport });
    await openReports(page, boss);
    expect(await figure(page, '取號')).toBe('3');
    expect(await figure(page, '完成')).toBe('2');
    expect(await figure(page, '過號')).toBe('0');
    const chart = page.getByRole('img', { name: /每小時取號與完成/ });
    expect(await chart.getAttribute('aria-label')).toContain('共取號 3 張、完成 2 張');
    const lines = page.getByRole('table', { name: /^各業務/ });
    expect(await lines.getByRole('row', { name: /全所/ }).innerText()).toMatch(/^全所\s+3\s+2\s+0/);
    await checkA11y(page);
    await screenshot(page, `reports-${viewport.width}x${viewport.height}`, { fullPage: true });
    // The view fits the width: nothing to scroll sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  });

  it('downloads the same report as CSV, ODS and PDF with the session’s cookie', async () => {
    const boss = await office.staff('supervisor', 'boss-downloads');
    const page = await e2e.page();
    await openReports(page, boss);
    const downloads = page.getByRole('region', { name: '下載這份報表' });
    const expected = { CSV: 'text/csv', '試算表（ODS）': 'application/vnd.oasis.opendocument.spreadsheet', PDF: 'application/pdf' };
    for (const [name, type] of Object.entries(expected)) {
      const href = await downloads.getByRole('link', { name }).getAttribute('href');
      expect(href).toMatch(/^\/api\/v1\/reports\.(csv|ods|pdf)\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
      const res = await page.request.get(new URL(href!, page.url()).href);
      expect(res.status(), `${name} ${href}`).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
      expect((await res.body()).length).toBeGreaterThan(0);
    }
  });

  it('refuses a range over 366 days beside the fields, and reads a month with a table per day', async () => {
    const boss = await office.staff('supervisor', 'boss-range');
    const page = await e2e.page();
    await openReports(page, boss);
    await page.getByLabel('自訂期間').check();
    await page.getByLabel('起日').fill('2020-01-01');
    await page.getByLabel('迄日').fill('2021-12-31');
    await page.getByRole('button', { name: '顯示報表' }).click();
    await page.getByText('一份報表最長 366 天，這段期間有 731 天，請縮短。').waitFor();
    expect(await page.getByLabel('起日').getAttribute('aria-invalid')).toBe('true');
    await checkA11y(page);
    await screenshot(page, 'reports-refused-range');

    await page.getByLabel('整月').check();
    await page.getByRole('button', { name: '顯示報表' }).click();
    await page.getByRole('table', { name: /^每日/ }).waitFor();
    expect(await page.getByRole('link', { name: 'PDF' }).getAttribute('href')).toMatch(/from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-(28|29|30|31)$/);
  });
});
