// The widget for other sites: /widget.js (the built script, loadable from any page) and /embed
// (the page an <iframe> on any site may hold), each rate limited like the public feeds; 503
// saying how to build it while the widget is not built.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EMBED_PATH, WIDGET_PATH } from '@jiaohao/shared/rules';
import { testApp, type TestApp } from '../testing/fixtures';
import { WIDGET_FILE } from './widget';

const SCRIPT = '(function(){"use strict";/* the built widget */})();';

let clientsDir: string;
let t: TestApp;

beforeAll(async () => {
  clientsDir = mkdtempSync(join(tmpdir(), 'jiaohao-widget-'));
  const file = join(clientsDir, WIDGET_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, SCRIPT);
  t = await testApp({ config: { clientsDir } });
});

afterAll(async () => {
  await t.close();
  rmSync(clientsDir, { recursive: true, force: true });
});

describe(WIDGET_PATH, () => {
  it('is the built script as JavaScript, cached for minutes, loadable by any page', async () => {
    const res = await t.app.inject({ url: WIDGET_PATH, headers: { origin: 'https://www.example.gov.tw' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(SCRIPT);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    // Another site's <script> is a no-cors request: a same-origin resource policy would block it.
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('says how to build it when it is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'jiaohao-widget-none-'));
    const bare = await testApp({ config: { clientsDir: empty } });
    try {
      const res = await bare.app.inject({ url: WIDGET_PATH });
      expect(res.statusCode).toBe(503);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toEqual({ error: { code: 'client_not_built', message: expect.stringContaining('npm run build -w display') } });
      const embed = await bare.app.inject({ url: EMBED_PATH });
      expect(embed.statusCode).toBe(200); // the page itself needs no build; its script then answers 503
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe(EMBED_PATH, () => {
  it('is a page any site may frame, holding the widget in Traditional Chinese', async () => {
    const res = await t.app.inject({ url: EMBED_PATH });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-frame-options']).toBeUndefined();
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain('frame-ancestors *');
    expect(csp).toContain("script-src 'self'");
    expect(res.body).toContain('<html lang="zh-TW">');
    expect(res.body).toContain(`<script src="${WIDGET_PATH}" data-target="#jiaohao-embed" data-lang="zh-TW"`);
  });

  it('is in English with ?lang=en, and anything else asked for gives Chinese (nothing of the query reaches the page)', async () => {
    expect((await t.app.inject({ url: `${EMBED_PATH}?lang=en` })).body).toContain('<html lang="en">');
    const odd = await t.app.inject({ url: `${EMBED_PATH}?lang=${encodeURIComponent('"><script>alert(1)</script>')}` });
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain('<html lang="zh-TW">');
    expect(odd.body).not.toContain('alert(1)');
  });

  it('every other page still refuses to be framed', async () => {
    const res = await t.app.inject({ url: '/api/v1/health' });
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});

describe('rate limit', () => {
  it('answers 429 past the public limit per client address, and the script again after the window', async () => {
    // The limiter keeps its window by Date.now(): only the date is faked, timers run as usual.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const limited = await testApp({ config: { clientsDir, rateLimits: 'on', publicPerMinute: 2 } });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.app.inject({ url: WIDGET_PATH, remoteAddress: '203.0.113.9' })).statusCode);
      expect(codes).toEqual([200, 200, 429]);
      // Another visitor of the office's website is not held up by this one.
      expect((await limited.app.inject({ url: WIDGET_PATH, remoteAddress: '203.0.113.10' })).statusCode).toBe(200);
      vi.setSystemTime(Date.now() + 61_000);
      expect((await limited.app.inject({ url: WIDGET_PATH, remoteAddress: '203.0.113.9' })).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
      await limited.close();
    }
  });
});
