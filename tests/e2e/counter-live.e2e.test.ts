// What one person does reaches the others live, without a reload: the supervisor's announcement
// reaches a wall display's socket, an admin's new line reaches a clerk's panel, and a clerk's call
// reaches the supervisor's floor.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { ADMIN, useE2E } from './support';
import { officeApi, openCounter, signIn, type OfficeApi } from './support/office';

const e2e = useE2E();
let office: OfficeApi;
beforeAll(async () => {
  office = await officeApi(e2e.server);
});

/** A wall display's connection, as the display client opens it: the /display namespace with its device token. */
async function displaySocket(): Promise<Socket> {
  const { token } = await office.call<{ token: string }>('POST', '/devices', { kind: 'display', name: 'e2e wall display' });
  const socket = io(`${e2e.server.origin}/display`, { auth: { token }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

const lines = (page: Page) => page.getByRole('region', { name: '本櫃台服務的業務' });

describe('live across people', () => {
  it('an announcement the supervisor posts reaches a wall display at once', async () => {
    const display = await displaySocket();
    try {
      const received = new Promise<{ data: { announcement: { texts: Record<string, string> } } }>((resolve) => display.once('announcement:posted', resolve));
      const boss = await office.staff('supervisor', 'live-boss');
      const page = await e2e.page();
      await signIn(page, e2e.server, boss);
      await page.getByRole('link', { name: '主管看板' }).click();
      const panel = page.getByRole('region', { name: '公告' });
      await panel.getByLabel('公告內容（中文，必填）').fill('櫃台 3 暫停服務 10 分鐘');
      await panel.getByRole('button', { name: '發布到叫號螢幕' }).click();
      const event = await received;
      expect(event.data.announcement.texts['zh-TW']).toBe('櫃台 3 暫停服務 10 分鐘');
    } finally {
      display.close();
    }
  });

  it('a line an admin adds, and gives to a counter, appears on that clerk’s panel without a reload', async () => {
    const clerk = await office.staff('clerk', 'live-clerk');
    const clerkPage = await e2e.page();
    await signIn(clerkPage, e2e.server, clerk);
    await openCounter(clerkPage, /^2號櫃臺$/);
    await lines(clerkPage).getByText('戶籍登記').waitFor();

    const adminPage = await e2e.page();
    await signIn(adminPage, e2e.server, ADMIN.username, ADMIN.password);
    await adminPage.getByRole('link', { name: '系統管理' }).click();
    const services = adminPage.getByRole('tabpanel', { name: '業務' });
    await services.getByRole('button', { name: '新增業務' }).click();
    const editor = services.getByRole('region', { name: '新增業務' });
    await editor.getByLabel('識別碼').fill('alien-residence');
    await editor.getByLabel('代碼').fill('AR');
    await editor.getByLabel('名稱（繁體中文）（必填）').fill('外籍配偶居留');
    await editor.getByRole('button', { name: '建立' }).click();
    await services.getByText('已儲存業務「外籍配偶居留」。').waitFor();
    // Counter 2 serves it from now on (the counters tab does the same through the same command).
    const counter = (await office.call<{ id: string; serviceIds: string[] }[]>('GET', '/counters')).find((c) => c.id === 'counter-2')!;
    await office.call('PATCH', '/counters/counter-2', { serviceIds: [...counter.serviceIds, 'alien-residence'] });

    await lines(clerkPage).getByText('外籍配偶居留').waitFor();
    const ticket = await office.issue('alien-residence');
    await lines(clerkPage).getByText(`接下來：${ticket.number}`).waitFor();
  });

  it('a clerk’s call appears on the supervisor’s floor as it happens', async () => {
    const clerk = await office.staff('clerk', 'live-caller');
    const boss = await office.staff('supervisor', 'live-watcher');
    const [clerkPage, bossPage] = [await e2e.page(), await e2e.page()];
    await signIn(clerkPage, e2e.server, clerk);
    await openCounter(clerkPage, /^3號櫃臺$/);
    await signIn(bossPage, e2e.server, boss);
    await bossPage.getByRole('link', { name: '主管看板' }).click();
    const ticket = await office.issue('passport');
    await clerkPage.getByRole('button', { name: /叫下一號/ }).click();
    const row = bossPage.getByRole('row').filter({ hasText: '3號櫃臺' });
    await row.getByText(ticket.number).waitFor();
  });
});
