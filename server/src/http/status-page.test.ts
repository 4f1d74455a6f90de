// The public waiting-count page (/status) as the server sends it, from a clients folder holding a
// fake build: status.html with its two markers and a stand-in for the SSR bundle (a plain ES module
// with the same exports as display/dist-ssr/status.js). The counts are in the HTML itself, the
// status beside it as escaped JSON, English with ?lang=en, 503 without a build.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PublicStatus } from '@jiaohao/shared';
import { testApp, type TestApp } from '../testing/fixtures';
import { send } from '../testing/http';
import { HOME_PAGE } from './clients';
import { islandJson, ISLAND_ID, SSR_DATA, SSR_OUTLET, STATUS_PAGE } from './status-page';

const PAGE = `<!doctype html>
<html lang="zh-Hant-TW">
<head><meta charset="UTF-8" /><title>即時候位人數 · Live waiting count</title>
<script type="module" crossorigin src="/display/assets/status-Ab12Cd34.js"></script></head>
<body><div id="root">${SSR_OUTLET}</div>
${SSR_DATA}
</body></html>`;

/** Like the real bundle: the counts in words, per line; counts its renders. */
const SSR = (mark: string) => `
export function renderStatusPage(status, lang) {
  globalThis.__statusRenders = (globalThis.__statusRenders ?? 0) + 1;
  const word = lang === 'en' ? 'waiting' : '人等候';
  return '<main data-build="${mark}">' + status.services.map((s) => '<p>' + s.names['zh-TW'] + ' ' + s.waiting + ' ' + word + '</p>').join('') + '</main>';
}
export function statusPageHead(status, lang) {
  return { title: (lang === 'en' ? 'Live waiting count · ' : '即時候位人數 · ') + status.office.names['zh-TW'], lang: lang === 'en' ? 'en' : 'zh-Hant-TW' };
}
`;

const renders = () => (globalThis as { __statusRenders?: number }).__statusRenders ?? 0;

function write(root: string, file: string, content: string, mtime?: Date): void {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  if (mtime) utimesSync(path, mtime, mtime);
}

/** The JSON island of a page, parsed. */
function island(html: string): { lang: string; status: PublicStatus } {
  const m = new RegExp(`<script type="application/json" id="${ISLAND_ID}">([\\s\\S]*?)</script>`).exec(html);
  expect(m, 'the page has its JSON island').not.toBeNull();
  return JSON.parse(m![1]!) as { lang: string; status: PublicStatus };
}

/** What #root holds. */
const root = (html: string) => /<div id="root">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';

let clientsDir: string;
let t: TestApp;
let kiosk: string;

beforeAll(async () => {
  clientsDir = mkdtempSync(join(tmpdir(), 'jiaohao-status-page-'));
  write(clientsDir, STATUS_PAGE.file, PAGE);
  write(clientsDir, STATUS_PAGE.ssr, SSR('one'), new Date('2026-01-05T01:00:00Z'));
  t = await testApp({ config: { clientsDir } });
  kiosk = t.deviceToken('kiosk');
});

afterAll(async () => {
  await t.close();
  rmSync(clientsDir, { recursive: true, force: true });
});

afterEach(() => vi.restoreAllMocks());

describe('GET /status', () => {
  it('holds the waiting counts in the HTML itself (no script needed), the status beside it, revalidated on every load', async () => {
    for (let i = 0; i < 2; i++) expect((await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' })).statusCode).toBe(201);
    const res = await t.app.inject({ url: '/status' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(root(res.body)).toContain('<p>戶籍登記 2 人等候</p>');
    expect(res.body).toContain('<html lang="zh-Hant-TW">');
    expect(res.body).toContain('<title>即時候位人數 · ');
    expect(res.body).toContain('<script type="module" crossorigin src="/display/assets/status-Ab12Cd34.js"></script>');
    expect(res.body).not.toContain(SSR_OUTLET);
    expect(res.body).not.toContain(SSR_DATA);
    const data = island(res.body);
    expect(data.lang).toBe('zh-TW');
    expect(data.status.services.find((s) => s.id === 'reg')?.waiting).toBe(2);
    // The feed's cached status, not one of its own.
    expect(data.status).toEqual(t.services.feed.current().status);
  });

  it('is in English with ?lang=en; anything else asked for gives Chinese', async () => {
    const en = await t.app.inject({ url: '/status?lang=en' });
    expect(en.body).toContain('<html lang="en">');
    expect(root(en.body)).toMatch(/戶籍登記 \d+ waiting/);
    expect(island(en.body).lang).toBe('en');
    const odd = await t.app.inject({ url: `/status?lang=${encodeURIComponent('"><script>alert(1)</script>')}` });
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain('<html lang="zh-Hant-TW">');
    expect(odd.body).not.toContain('alert(1)');
  });

  it('escapes the JSON island: an announcement cannot close the script element', async () => {
    const evil = '</script><script>alert(1)</script><!-- & \u2028';
    const supervisor = await t.staffToken('supervisor');
    const posted = await send(t.app, 'POST', '/api/v1/announcements', supervisor, { texts: { 'zh-TW': evil }, endsAt: new Date(t.clock.fn() + 3_600_000).toISOString() });
    expect(posted.statusCode, posted.body).toBe(201);
    const res = await t.app.inject({ url: '/status' });
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body.match(/<\/script>/g)?.length).toBe(2); // the module script and the island, nothing else
    expect(island(res.body).status.announcements.map((a) => a.texts['zh-TW'])).toContain(evil);
    expect(islandJson({ a: '</script>' })).toBe('{"a":"\\u003c/script\\u003e"}');
  });

  it('renders once per change of the status, not per request', async () => {
    await t.app.inject({ url: '/status' });
    const before = renders();
    await t.app.inject({ url: '/status' });
    await t.app.inject({ url: '/status' });
    expect(renders()).toBe(before);
    await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'cert' });
    const res = await t.app.inject({ url: '/status' });
    expect(renders()).toBe(before + 1);
    expect(root(res.body)).toContain('<p>自然人憑證 1 人等候</p>');
  });

  it('serves a new SSR bundle without a restart', async () => {
    expect(root((await t.app.inject({ url: '/status' })).body)).toContain('data-build="one"');
    write(clientsDir, STATUS_PAGE.ssr, SSR('two'), new Date('2026-01-05T02:00:00Z'));
    expect(root((await t.app.inject({ url: '/status' })).body)).toContain('data-build="two"');
  });

  it('is not in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).not.toContain('/status');
    expect(Object.keys(doc.paths)).not.toContain('/display/status.html');
  });

  it('is where / and the old address send a visitor', async () => {
    expect(HOME_PAGE).toBe('/status');
    const home = await t.app.inject({ url: '/' });
    expect([home.statusCode, home.headers.location]).toEqual([302, '/status']);
    const old = await t.app.inject({ url: '/display/status.html' });
    expect([old.statusCode, old.headers.location]).toEqual([302, '/status']);
    const oldEn = await t.app.inject({ url: '/display/status.html?lang=en' });
    expect(oldEn.headers.location).toBe('/status?lang=en');
  });
});

describe('GET /status without a build', () => {
  it('answers 503 saying how to build it while status.html is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'jiaohao-status-none-'));
    const bare = await testApp({ config: { clientsDir: empty } });
    try {
      const res = await bare.app.inject({ url: '/status' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toEqual({ error: { code: 'client_not_built', message: expect.stringContaining('npm run build -w display') } });
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('without the SSR bundle: the page and its status, no prerendered content, said once in the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiaohao-status-nossr-'));
    write(dir, STATUS_PAGE.file, PAGE);
    const app = await testApp({ config: { clientsDir: dir } });
    const warn = vi.spyOn(app.app.log, 'warn');
    try {
      const res = await app.app.inject({ url: '/status' });
      expect(res.statusCode).toBe(200);
      expect(root(res.body)).toBe('');
      expect(island(res.body).status.services.length).toBeGreaterThan(0);
      await app.app.inject({ url: '/status?lang=en' });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain('dist-ssr/status.js is missing');
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GET /status rate limit', () => {
  it('is limited per address like the public feeds', async () => {
    const limited = await testApp({ config: { clientsDir, rateLimits: 'on', publicPerMinute: 1 } });
    try {
      expect((await limited.app.inject({ url: '/status' })).statusCode).toBe(200);
      const res = await limited.app.inject({ url: '/status' });
      expect(res.statusCode).toBe(429);
      expect(res.json()).toMatchObject({ error: { code: 'rate_limited' } });
    } finally {
      await limited.close();
    }
  });
});
