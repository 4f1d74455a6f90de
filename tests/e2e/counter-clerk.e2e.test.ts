// The clerk's day in Chromium, against a real server on a fresh database: signing in, opening a
// counter, calling, serving and finishing; two clerks calling at once; the network dropping.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, screenshot, useE2E, VIEWPORTS } from './support';
import { officeApi, openCounter, signIn, type OfficeApi } from './support/office';

const e2e = useE2E();
let office: OfficeApi;
beforeAll(async () => {
  office = await officeApi(e2e.server);
});

const currentNumber = (page: Page) => page.getByRole('region', { name: '目前號碼' }).locator('.big-number');

describe('signing in', () => {
  it('a wrong password shows an error and keeps the form; nothing else is shown', async () => {
    await office.staff('clerk', 'wrongpw');
    const page = await e2e.page();
    await page.goto(e2e.server.url('/counter/'));
    await page.getByLabel('帳號').fill('wrongpw');
    await page.getByLabel('密碼').fill('not the password');
    await page.getByRole('button', { name: '登入' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('帳號或密碼錯誤');
    expect(await page.getByRole('button', { name: '登出' }).count()).toBe(0);
    await checkA11y(page);
    await screenshot(page, 'clerk-login-error');
  });
});

describe('a clerk at a counter', () => {
  it.each(Object.values(VIEWPORTS))('opens the counter, calls next, sees why, starts and finishes (at $width×$height)', async (viewport) => {
    const clerk = await office.staff('clerk', `mei${viewport.width}`, `林美${viewport.width}`);
    const page = await e2e.page({ viewport });
    await signIn(page, e2e.server, clerk);
    const counter = viewport.width === 1366 ? /^2號櫃臺$/ : /^3號櫃臺$/;
    await openCounter(page, counter);
    const ticket = await office.issue('household');
    await page.getByRole('button', { name: /叫下一號/ }).click();
    await page.getByText(`已叫 ${ticket.number} 號`).waitFor();
    expect(await currentNumber(page).innerText()).toBe(ticket.number);
    await page.getByText('為何叫這一號：等候最久的民眾').waitFor();
    await page.getByRole('group', { name: '應備文件' }).waitFor();
    await checkA11y(page);
    await screenshot(page, `clerk-called-${viewport.width}x${viewport.height}`, { fullPage: true });
    // By keyboard alone: S starts, F finishes.
    await page.keyboard.press('s');
    await page.getByText(`開始服務 ${ticket.number} 號`).waitFor();
    await page.keyboard.press('f');
    await page.getByText(`${ticket.number} 號已完成`).waitFor();
    await page.getByText('目前沒有號碼').waitFor();
  });

  it('two clerks at two counters calling at the same moment get different tickets', async () => {
    const [a, b] = [await office.staff('clerk', 'chen'), await office.staff('clerk', 'lin')];
    const [pa, pb] = [await e2e.page(), await e2e.page()];
    await Promise.all([signIn(pa, e2e.server, a), signIn(pb, e2e.server, b)]);
    await Promise.all([openCounter(pa, /^4號櫃臺$/), openCounter(pb, /^5號櫃臺$/)]);
    const issued = [await office.issue('idcard'), await office.issue('idcard')];
    await Promise.all([pa.getByRole('button', { name: /叫下一號/ }).click(), pb.getByRole('button', { name: /叫下一號/ }).click()]);
    await Promise.all([pa.getByText(/^已叫 \d+ 號$/).waitFor(), pb.getByText(/^已叫 \d+ 號$/).waitFor()]);
    const called = [await currentNumber(pa).innerText(), await currentNumber(pb).innerText()];
    expect(new Set(called).size).toBe(2);
    expect(called.sort()).toEqual(issued.map((t) => t.number).sort());
  });

  it('a counter another clerk holds is shown as taken on the picker', async () => {
    const [a, b] = [await office.staff('clerk', 'kao', '高小姐'), await office.staff('clerk', 'wu')];
    const pa = await e2e.page();
    await signIn(pa, e2e.server, a);
    await openCounter(pa, /^6號櫃臺$/);
    const pb = await e2e.page();
    await signIn(pb, e2e.server, b);
    await pb.getByRole('heading', { name: '選擇櫃台' }).waitFor();
    const item = pb.getByRole('listitem').filter({ has: pb.getByRole('button', { name: /^6號櫃臺$/ }) });
    await item.getByText(/使用中/).waitFor();
  });

  it('when the network drops the view says so, refuses actions, and catches up when it is back', async () => {
    const clerk = await office.staff('clerk', 'hsu');
    const page = await e2e.page();
    await signIn(page, e2e.server, clerk);
    await openCounter(page, /^7號 英語服務櫃臺$/);
    await page.context().setOffline(true);
    await page.getByText(/連線中斷，重新連線中/).waitFor();
    await page.getByRole('button', { name: /叫下一號/ }).click();
    expect(await page.getByRole('alert').innerText()).toContain('目前沒有連線');
    // Meanwhile a resident takes a number.
    const ticket = await office.issue('marriage');
    await page.context().setOffline(false);
    await page.getByText('已連線').waitFor();
    const line = page.getByRole('region', { name: '本櫃台服務的業務' }).getByRole('listitem').filter({ hasText: '結婚登記' });
    await line.getByText(`接下來：${ticket.number}`).waitFor();
  });
});
