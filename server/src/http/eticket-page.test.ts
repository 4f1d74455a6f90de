// The resident's e-ticket page at /t/<token> (eTicketPath): the display's built eticket.html for any
// token, revealing nothing about whether the ticket exists, never cached or indexed, under the same
// strict CSP as every page; 503 saying how to build it while the display is not built.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eTicketPath } from '@jiaohao/shared/rules';
import { testApp, type TestApp } from '../testing/fixtures';
import { officeWithClerkAndKiosk } from '../testing/http';
import { E_TICKET_PAGE } from './clients';

const PAGE = '<!doctype html><title>e-ticket page</title><script type="module" src="/display/assets/eticket-Ab12Cd34.js"></script>';

let clientsDir: string;
let t: TestApp;

beforeAll(async () => {
  clientsDir = mkdtempSync(join(tmpdir(), 'jiaohao-eticket-'));
  const file = join(clientsDir, E_TICKET_PAGE.file);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, PAGE);
  writeFileSync(join(clientsDir, 'display/dist/index.html'), '<!doctype html><title>display index</title>');
  t = await testApp({ config: { clientsDir } });
});

afterAll(async () => {
  await t.close();
  rmSync(clientsDir, { recursive: true, force: true });
});

describe('GET /t/:token', () => {
  it("answers a real ticket's link with the page: no-store, not indexed, no referrer, the strict CSP", async () => {
    const { t: office, kiosk } = await officeWithClerkAndKiosk();
    try {
      const issued = await office.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { authorization: `Bearer ${kiosk}` }, payload: { serviceId: 'reg' } });
      const token = issued.json<{ ticket: { trackingToken: string } }>().ticket.trackingToken;
      const res = await t.app.inject({ url: eTicketPath(token) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toBe(PAGE);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
    } finally {
      await office.close();
    }
  });

  it.each(['/t/unknown-token-000000000', '/t/x', '/t/abc/', '/t/abc/def', '/t/abc?src=qr'])(
    '%s gets the same page: whether a ticket exists is for the page to ask, not for the address to tell',
    async (url) => {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(PAGE);
    },
  );

  it('answers 503 saying how to build it while the display is not built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiaohao-eticket-empty-'));
    const empty = await testApp({ config: { clientsDir: dir } });
    try {
      const res = await empty.app.inject({ url: '/t/some-token-0000000000' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toEqual({
        error: { code: 'client_not_built', message: 'The e-ticket page is not built; run npm start (it builds missing clients) or npm run build -w display' },
      });
    } finally {
      await empty.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
