// The waiting-count widget on the office's own website, both ways the README gives: the script tag
// (/widget.js drawing into an element) and the <iframe> (/embed), on a plain HTML page served from
// another origin whose CSS tries hard to restyle everything. Both show the counts, fit the width
// they are given, keep the host's styles out, and change live when a ticket is issued. axe on
// /embed and on the host page.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { checkA11y, screenshot, useE2E } from './support';
import { officeApi, type OfficeApi } from './support/office';

const e2e = useE2E();
/** A change made through the API shows within this (a push, not a poll). */
const LIVE = { timeout: 5_000 };
let office: OfficeApi;
let household: { zh: string; en: string };
/**
 * The office's website: a plain HTTP server of its own, so another origin than the queue server
 * (another port). On this machine both are on the loopback address: a page of a public address may
 * not reach a private one (Chromium's Private Network Access), as it could not in a real office.
 */
let website: Server;
let websiteOrigin: string;

beforeAll(async () => {
  website = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(e2e.server.origin));
  });
  await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
  websiteOrigin = `http://localhost:${(website.address() as AddressInfo).port}`;

  office = await officeApi(e2e.server);
  const lines = await office.services();
  const line = lines.find((s) => s.id === 'household');
  if (!line) throw new Error('the demo office has no household line');
  household = { zh: line.names['zh-TW'] ?? '', en: line.names.en ?? '' };
});

afterAll(async () => {
  await new Promise((resolve) => website.close(resolve));
});

/** The office's page: the README's two snippets, under CSS that would restyle anything it reaches. */
function hostPage(server: string): string {
  return `<!doctype html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<title>臺中市北區戶政事務所</title>
<style>
  body { font: 40px/3 "Times New Roman", serif; color: rgb(255, 0, 0); text-align: right; letter-spacing: 6px; margin: 0; }
  * { box-sizing: content-box; }
  table, th, td, p, section, a { border: 9px solid lime !important; background: yellow !important; font-size: 50px !important; }
  #waiting { color: rgb(255, 0, 0); font-family: serif; }
  aside { width: 300px; }
  .content { width: 720px; }
</style>
</head>
<body>
<h1>臺中市北區戶政事務所</h1>
<aside><div id="waiting"></div></aside>
<script src="${server}/widget.js" data-target="#waiting" async></script>
<div class="content">
  <iframe id="jiaohao-frame" src="${server}/embed?lang=en" title="Live waiting count" style="width:100%;border:0" height="300"></iframe>
</div>
<script>
  window.addEventListener('message', function (e) {
    if (e.origin !== '${server}' || !e.data || e.data.type !== 'jiaohao:embed-height') return;
    document.getElementById('jiaohao-frame').height = String(e.data.height);
  });
</script>
</body>
</html>`;
}

async function openHost(): Promise<Page> {
  const page = await e2e.page({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${websiteOrigin}/news/`);
  return page;
}

async function frameOf(page: Page): Promise<Frame> {
  const handle = await page.locator('#jiaohao-frame').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the iframe has no frame');
  return frame;
}

/** The line's row and the "waiting" cell in it. */
const waitingCell = (scope: Page | Frame, lineName: string) => scope.getByRole('row', { name: new RegExp(`^${lineName}`) }).getByRole('cell').first();

async function waitingNow(): Promise<number> {
  const status = await office.call<{ services: { id: string; waiting: number }[] }>('GET', '/public/status');
  return status.services.find((s) => s.id === 'household')?.waiting ?? 0;
}

it('a page of another site shows the counts both ways, and both change when a ticket is issued', { timeout: 60_000 }, async () => {
  const page = await openHost();
  const before = await waitingNow();

  const box = page.locator('#waiting').getByRole('region', { name: '即時候位人數' });
  await expect.poll(() => waitingCell(page, household.zh).textContent(), LIVE).toBe(`${before} 人`);
  const frame = await frameOf(page);
  const framed = frame.getByRole('region', { name: 'Live waiting count' });
  await framed.waitFor();
  await expect.poll(() => waitingCell(frame, household.en).textContent(), LIVE).toBe(`${before} ${before === 1 ? 'person' : 'people'}`);

  await office.issue('household');
  await expect.poll(() => waitingCell(page, household.zh).textContent(), LIVE).toBe(`${before + 1} 人`);
  await expect.poll(() => waitingCell(frame, household.en).textContent(), LIVE).toBe(`${before + 1} ${before + 1 === 1 ? 'person' : 'people'}`);

  // It fits the width it is given: the 300 px sidebar, the 720 px column the iframe fills.
  expect(Math.round((await box.boundingBox())?.width ?? 0)).toBe(300);
  expect(Math.round((await framed.boundingBox())?.width ?? 0)).toBe(720);
  // The frame took the height the page asked for (the README's resize listener), so nothing is cut off.
  // In view, as a visitor would have it: Chromium holds back the layout callbacks of an offscreen
  // frame of another origin.
  await page.locator('#jiaohao-frame').scrollIntoViewIfNeeded();
  const heightGap = async () => Math.abs(Number(await page.locator('#jiaohao-frame').getAttribute('height')) - ((await framed.boundingBox())?.height ?? 0));
  await expect.poll(heightGap, LIVE).toBeLessThanOrEqual(2);
  expect(await page.locator('#jiaohao-frame').getAttribute('height')).not.toBe('300');

  // None of the host's CSS reached in: not its rules (borders, backgrounds, sizes), nor what the
  // host element would pass down (colour, font, alignment, letter spacing).
  const inside = (await page.evaluate(`(() => {
    const root = document.querySelector('#waiting').shadowRoot;
    const style = (el) => { const s = getComputedStyle(el); return { color: s.color, fontSize: s.fontSize, fontFamily: s.fontFamily, textAlign: s.textAlign, letterSpacing: s.letterSpacing, border: s.borderTopColor, background: s.backgroundColor }; };
    return { box: style(root.querySelector('section')), cell: style(root.querySelector('td')) };
  })()`)) as Record<'box' | 'cell', Record<string, string>>;
  for (const part of [inside.box, inside.cell]) {
    expect(part.color).toBe('rgb(26, 26, 26)');
    expect(part.fontFamily).not.toMatch(/Times New Roman|^serif$/);
    expect(part.letterSpacing).toBe('normal');
    expect(part.textAlign).toBe('start');
    expect(part.border).not.toBe('rgb(0, 255, 0)');
    expect(part.background).not.toBe('rgb(255, 255, 0)');
  }
  expect(inside.box.fontSize).toBe('16px');
  expect(inside.box.background).toBe('rgb(255, 255, 255)');

  await checkA11y(page);
  await screenshot(page, 'widget-on-another-site');
});

it('the /embed page alone: English with ?lang=en, Chinese by default, no serious axe findings', async () => {
  const page = await e2e.page({ viewport: { width: 360, height: 640 } });
  await page.goto(e2e.server.url('/embed'));
  await page.getByRole('region', { name: '即時候位人數' }).getByRole('table').waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-TW');
  await checkA11y(page);
  await screenshot(page, 'embed-zh-360');

  await page.goto(e2e.server.url('/embed?lang=en'));
  const region = page.getByRole('region', { name: 'Live waiting count' });
  await region.getByRole('table').waitFor();
  await expect.poll(() => region.getByRole('link').getAttribute('href')).toBe(e2e.server.url('/status?lang=en'));
  await checkA11y(page);
  await screenshot(page, 'embed-en-360');
});

it('says the figures may be out of date while the server is away, and goes live again', { timeout: 60_000 }, async () => {
  const page = await e2e.page({ viewport: { width: 360, height: 640 } });
  await page.goto(e2e.server.url('/embed?lang=en'));
  const region = page.getByRole('region', { name: 'Live waiting count' });
  await region.getByRole('table').waitFor();
  await e2e.server.halt();
  try {
    await expect.poll(() => region.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/Connection to the server lost/);
    // The last figures stay on screen.
    expect(await region.getByRole('row').count()).toBeGreaterThan(1);
    await screenshot(page, 'embed-lost-360');
  } finally {
    await e2e.server.resume();
  }
  await expect.poll(() => region.getByRole('status').textContent(), { timeout: 15_000 }).toBe('');
});
