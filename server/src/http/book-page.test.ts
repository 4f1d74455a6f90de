// The booking page at /book and a booking's own page at /book/m/<token> (bookingManagePath): the
// display's built book.html for either, the same for any token (whether a booking exists is for the
// page to ask), never cached or indexed, under the same strict CSP as every page; 503 saying how to
// build it while the display is not built.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_PATH, bookingManagePath } from '@jiaohao/shared/rules';
import { testApp, type TestApp } from '../testing/fixtures';
import { BOOK_PAGE } from './book-page';

const PAGE = '<!doctype html><title>booking page</title><script type="module" src="/display/assets/book-Ab12Cd34.js"></script>';

let clientsDir: string;
let t: TestApp;

beforeAll(async () => {
  clientsDir = mkdtempSync(join(tmpdir(), 'jiaohao-book-'));
  const file = join(clientsDir, BOOK_PAGE.file);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, PAGE);
  writeFileSync(join(clientsDir, 'display/dist/index.html'), '<!doctype html><title>display index</title>');
  t = await testApp({ config: { clientsDir } });
});

afterAll(async () => {
  await t.close();
  rmSync(clientsDir, { recursive: true, force: true });
});

describe('GET /book and /book/m/:token', () => {
  it('answers /book with the page: no-store, not indexed, no referrer, the strict CSP (QR codes as data: images allowed)', async () => {
    const res = await t.app.inject({ url: BOOK_PATH });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toBe(PAGE);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/img-src 'self' data:/);
  });

  it.each([bookingManagePath('a'.repeat(32)), '/book/m/unknown', '/book/m/', '/book/m/abc/extra', '/book/m/abc?src=mail', '/book/', '/book?lang=en'])(
    '%s gets the same page: whether a booking exists is for the page to ask, not for the address to tell',
    async (url) => {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(PAGE);
      expect(res.headers['cache-control']).toBe('no-store');
    },
  );

  it('leaves other paths under /book alone', async () => {
    const res = await t.app.inject({ url: '/book/other' });
    expect(res.statusCode).toBe(404);
  });

  it('answers 503 saying how to build it while the display is not built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiaohao-book-empty-'));
    const empty = await testApp({ config: { clientsDir: dir } });
    try {
      for (const url of [BOOK_PATH, bookingManagePath('some-token')]) {
        const res = await empty.app.inject({ url });
        expect(res.statusCode).toBe(503);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.json()).toEqual({
          error: { code: 'client_not_built', message: 'The booking page is not built; run npm start (it builds missing clients) or npm run build -w display' },
        });
      }
    } finally {
      await empty.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
