// The admin's settings in Chromium, against a real server on the demo office: a new service line
// with its numbers previewed, a counter, a staff account, pairing a display (its token once, a QR
// code) and setting what it shows, the office's sessions; axe and a screenshot of each screen at a laptop's and a 10-inch
// tablet's sizes, and nothing to scroll sideways.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_DISPLAY_SETTINGS, type Device } from '@jiaohao/shared';
import { ADMIN, checkA11y, screenshot, useE2E, VIEWPORTS } from './support';
import { signIn } from './support/office';

const e2e = useE2E();

const SIZES = [VIEWPORTS.laptop, VIEWPORTS.desktop, { width: 800, height: 1280 }];

async function openAdmin(page: Page): Promise<void> {
  await signIn(page, e2e.server, ADMIN.username, ADMIN.password);
  await page.getByRole('link', { name: '系統管理' }).click();
  await page.getByRole('heading', { name: '系統管理' }).waitFor();
}

/** Runs in the page (a string: this package's types have no DOM). */
const fitsWidth = (page: Page) => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth') as Promise<boolean>;

describe('the admin view', () => {
  it.each(SIZES)('every tab reads well and passes axe (at $width×$height)', async (viewport) => {
    const page = await e2e.page({ viewport });
    await openAdmin(page);
    const size = `${viewport.width}x${viewport.height}`;
    for (const tab of ['業務', '櫃台', '人員帳號', '裝置', '事務所']) {
      await page.getByRole('tab', { name: tab }).click();
      const panel = page.getByRole('tabpanel', { name: tab });
      await panel.getByRole('heading').first().waitFor();
      if (tab === '人員帳號' || tab === '裝置') await panel.getByRole('table').waitFor();
      await checkA11y(page);
      expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `admin-${tab}-${size}`, { fullPage: true });
    }
    await page.getByRole('tab', { name: '業務' }).click();
    await page.getByRole('button', { name: '編輯：戶籍登記' }).click();
    await page.getByRole('region', { name: '編輯業務：戶籍登記' }).waitFor();
    await checkA11y(page);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, `admin-service-editor-${size}`, { fullPage: true });
  });

  it('creates a service line the server accepts, numbered as previewed', async () => {
    const page = await e2e.page();
    await openAdmin(page);
    const panel = page.getByRole('tabpanel', { name: '業務' });
    await panel.getByRole('button', { name: '新增業務' }).click();
    const editor = panel.getByRole('region', { name: '新增業務' });
    await editor.getByLabel('識別碼').fill('residence');
    await editor.getByLabel('代碼').fill('RS');
    await editor.getByLabel('名稱（繁體中文）（必填）').fill('居留證明');
    await editor.getByLabel('名稱（English）').fill('Residence certificate');
    const normal = editor.getByRole('group', { name: '一般號碼' });
    // The demo office prints 1001–7899: the first free thousand is 8001.
    expect(await normal.getByLabel('起號').inputValue()).toBe('8001');
    await normal.getByLabel('字首（大寫英文，可空白）').fill('r');
    expect(await normal.getByRole('status').innerText()).toContain('最先發出：R8001、R8002、R8003');
    await editor.getByLabel('應備文件（繁體中文）').fill('國民身分證正本\n居留證');
    await checkA11y(page);
    await screenshot(page, 'admin-new-service', { fullPage: true });
    await editor.getByRole('button', { name: '建立' }).click();
    await panel.getByText('已儲存業務「居留證明」。').waitFor();
    await panel.getByRole('rowheader', { name: '居留證明' }).waitFor();

    // A duplicate code is refused beside the code.
    await panel.getByRole('button', { name: '新增業務' }).click();
    const again = panel.getByRole('region', { name: '新增業務' });
    await again.getByLabel('識別碼').fill('residence2');
    await again.getByLabel('代碼').fill('RS');
    await again.getByLabel('名稱（繁體中文）（必填）').fill('居留證明二');
    await again.getByRole('button', { name: '建立' }).click();
    const code = again.getByLabel('代碼');
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    expect(await again.getByRole('alert').innerText()).toContain('這個代碼已被其他業務使用。');
    await checkA11y(page);
    await screenshot(page, 'admin-service-refused');
  });

  it('adds a counter serving two lines in order', async () => {
    const page = await e2e.page();
    await openAdmin(page);
    await page.getByRole('tab', { name: '櫃台' }).click();
    const panel = page.getByRole('tabpanel', { name: '櫃台' });
    await panel.getByRole('button', { name: '新增櫃台' }).click();
    const editor = panel.getByRole('region', { name: '新增櫃台' });
    await editor.getByLabel('名稱（繁體中文）（必填）').fill('9號櫃臺');
    const lines = editor.getByRole('group', { name: '服務的業務（依叫號順序）' });
    await lines.getByLabel('要加入的業務').selectOption({ label: '戶籍登記' });
    await lines.getByRole('button', { name: '加入' }).click();
    await lines.getByLabel('要加入的業務').selectOption({ label: '戶籍謄本' });
    await lines.getByRole('button', { name: '加入' }).click();
    await lines.getByRole('button', { name: '上移「戶籍謄本」' }).click();
    await checkA11y(page);
    await screenshot(page, 'admin-new-counter', { fullPage: true });
    await editor.getByRole('button', { name: '建立' }).click();
    await panel.getByText('已儲存櫃台「9號櫃臺」。').waitFor();
    const row = panel.getByRole('row', { name: /9號櫃臺/ });
    expect(await row.innerText()).toMatch(/戶籍謄本[\s\S]*戶籍登記/);
  });

  it('adds a staff account that can sign in', async () => {
    const page = await e2e.page();
    await openAdmin(page);
    await page.getByRole('tab', { name: '人員帳號' }).click();
    const panel = page.getByRole('tabpanel', { name: '人員帳號' });
    await panel.getByRole('button', { name: '新增人員' }).click();
    const dialog = page.getByRole('dialog', { name: '新增人員' });
    await dialog.getByLabel('帳號').fill('newclerk');
    await dialog.getByLabel('顯示名稱').fill('新同仁');
    await dialog.getByLabel('初始密碼').fill('a password for the e2e');
    await checkA11y(page);
    await screenshot(page, 'admin-new-staff');
    await dialog.getByRole('button', { name: '建立' }).click();
    await panel.getByRole('rowheader', { name: '新同仁' }).waitFor();
    const other = await e2e.page();
    await signIn(other, e2e.server, 'newclerk', 'a password for the e2e');
  });

  it('pairs a display: its token once, a link and a QR code; then revokes it', async () => {
    const page = await e2e.page();
    await openAdmin(page);
    await page.getByRole('tab', { name: '裝置' }).click();
    const panel = page.getByRole('tabpanel', { name: '裝置' });
    const form = panel.getByRole('group', { name: '登記新裝置' });
    await form.getByLabel('名稱').fill('大廳看板');
    await form.getByRole('button', { name: '登記' }).click();
    const dialog = page.getByRole('dialog', { name: '配對叫號看板：大廳看板' });
    const qr = dialog.getByRole('img', { name: '「大廳看板」配對連結的 QR 碼' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const link = await dialog.getByLabel('配對連結').inputValue();
    const token = await dialog.getByLabel('配對權杖').inputValue();
    expect(link).toBe(e2e.server.url(`/display/#token=${encodeURIComponent(token)}`));
    await checkA11y(page);
    await screenshot(page, 'admin-device-token');
    // The token works: the display namespace would take it (checked through REST as that device).
    const services = await fetch(e2e.server.url('/api/v1/services'), { headers: { authorization: `Bearer ${token}` } });
    expect(services.status).toBe(200);
    await dialog.getByRole('button', { name: '已完成配對，關閉' }).click();
    expect(await page.content()).not.toContain(token);

    await panel.getByRole('button', { name: '撤銷：大廳看板' }).click();
    await page.getByRole('dialog', { name: '撤銷裝置：大廳看板' }).getByRole('button', { name: '撤銷' }).click();
    await panel.getByText('已撤銷「大廳看板」。').waitFor();
    const after = await fetch(e2e.server.url('/api/v1/services'), { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
  });

  it('sets what a display shows: two counters, portrait; the server keeps it', async () => {
    const page = await e2e.page();
    await openAdmin(page);
    await page.getByRole('tab', { name: '裝置' }).click();
    const panel = page.getByRole('tabpanel', { name: '裝置' });
    const form = panel.getByRole('group', { name: '登記新裝置' });
    await form.getByLabel('名稱').fill('2樓看板');
    await form.getByRole('button', { name: '登記' }).click();
    await page.getByRole('dialog', { name: '配對叫號看板：2樓看板' }).getByRole('button', { name: '已完成配對，關閉' }).click();
    const row = panel.getByRole('row', { name: /2樓看板/ });
    await row.getByText('全部業務 · 全部櫃台').waitFor();

    await panel.getByRole('button', { name: '顯示設定：2樓看板' }).click();
    const dialog = page.getByRole('dialog', { name: '顯示設定：2樓看板' });
    const counters = dialog.getByRole('group', { name: '顯示哪些櫃台的叫號' });
    await counters.getByLabel('全部櫃台（包括日後新增的）').uncheck();
    await counters.getByLabel('櫃台 3：3號櫃臺', { exact: true }).check();
    await counters.getByLabel('櫃台 2：2號櫃臺', { exact: true }).check();
    await dialog.getByLabel('畫面方向').selectOption({ label: '直向 1080×1920' });
    await checkA11y(page);
    await screenshot(page, 'admin-display-settings');
    await page.setViewportSize({ width: 800, height: 1280 });
    await checkA11y(page);
    await screenshot(page, 'admin-display-settings-800x1280');
    await page.setViewportSize(VIEWPORTS.laptop);
    await dialog.getByRole('button', { name: '儲存' }).click();
    await panel.getByText('已儲存「2樓看板」的顯示設定，看板會立即套用。').waitFor();
    await row.getByText('全部業務 · 櫃台 2、3').waitFor();
    await checkA11y(page);
    await screenshot(page, 'admin-display-zone');

    const devices = (await (await fetch(e2e.server.url('/api/v1/devices'), { headers: { authorization: `Bearer ${await adminToken()}` } })).json()) as Device[];
    expect(devices.find((d) => d.name === '2樓看板')?.display).toEqual({ ...DEFAULT_DISPLAY_SETTINGS, counterIds: ['counter-2', 'counter-3'], orientation: 'portrait' });
  });

  it('changes the office’s telephone and adds a session', async () => {
    const page = await e2e.page();
    await openAdmin(page);
    await page.getByRole('tab', { name: '事務所' }).click();
    const panel = page.getByRole('tabpanel', { name: '事務所' });
    await panel.getByLabel('電話').fill('04-2236-1272');
    await panel.getByRole('button', { name: '新增時段' }).click();
    const table = panel.getByRole('table', { name: '開放時段列表' });
    const n = (await table.getByRole('row').count()) - 1;
    await table.getByLabel(`時段 ${n} 開始`).fill('13:00');
    await table.getByLabel(`時段 ${n} 結束`).fill('15:00');
    await panel.getByRole('button', { name: '儲存', exact: true }).click();
    await panel.getByText('已儲存事務所資料。').waitFor();
    const office = (await (await fetch(e2e.server.url('/api/v1/office'), { headers: { authorization: `Bearer ${await adminToken()}` } })).json()) as {
      tel: string;
      sessions: { weekday: number; start: string; end: string }[];
    };
    expect(office.tel).toBe('04-2236-1272');
    expect(office.sessions.at(-1)).toMatchObject({ start: '13:00', end: '15:00' });
  });
});

async function adminToken(): Promise<string> {
  const res = await fetch(e2e.server.url('/api/v1/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  return ((await res.json()) as { token: string }).token;
}
