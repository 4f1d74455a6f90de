// GET /api/v1/tickets/:id/ticket.pdf, the kiosk's printed ticket, read back with the real tools a
// person would use (poppler-utils): pdftotext for what it says, pdfinfo for the paper width,
// pdfimages for the QR code (compared module by module with the QR code of the e-ticket address),
// pdftoppm for a picture. Each test builds its own office; the PNGs land in test-results/ticket-print/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Language, Ticket } from '@jiaohao/shared';
import type { LightMyRequestResponse } from 'fastify';
import { bearerHeader, testApp, TEST_SERVICES, TEST_SETUP, type TestApp } from '../../testing/fixtures';
import { errorCode, send } from '../../testing/http';
import type { Config } from '../../config';

const POPPLER = ['pdftotext', 'pdfinfo', 'pdftoppm', 'pdfimages'];

let missingTools: string[] | undefined;

/** Fails every test (never skips one) without poppler-utils: the checks below are the point of this file. */
function requirePoppler(): void {
  const missing = (missingTools ??= POPPLER.filter((tool) => {
    try {
      execFileSync(tool, ['-v'], { stdio: 'ignore' });
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ENOENT';
    }
  }));
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} not found: these tests read the printed ticket with poppler-utils. ` +
        'Run scripts/setup.sh (as root it installs what the tests need), or apt-get install -y poppler-utils.',
    );
  }
}

const SHOTS = fileURLToPath(new URL('../../../../test-results/ticket-print/', import.meta.url));
let work: string;

/** The line the tests print for, with its names and documents in the resident languages used here. */
const SETUP = {
  ...TEST_SETUP,
  services: TEST_SERVICES.map((s) =>
    s.id === 'reg'
      ? {
          ...s,
          names: { ...s.names, vi: 'Đăng ký hộ tịch', th: 'ทะเบียนครัวเรือน' },
          documents: {
            'zh-TW': ['國民身分證正本', '印章（或簽名）', '戶口名簿'],
            vi: ['Thẻ căn cước (bản gốc)', 'Con dấu (hoặc chữ ký)', 'Sổ hộ khẩu'],
            th: ['บัตรประชาชน (ฉบับจริง)', 'ตราประทับ (หรือลายมือชื่อ)', 'ทะเบียนบ้าน'],
          },
        }
      : s,
  ),
};

let t: TestApp;
let clerk: string;
let kiosk: string;

/** The office the running test opened, closed after it. */
let open: TestApp | undefined;

async function start(config: Partial<Config> = {}): Promise<void> {
  t = open = await testApp({ setup: SETUP, config });
  clerk = await t.staffToken('clerk');
  kiosk = t.deviceToken('kiosk');
}

type Issued = Ticket & { trackingToken: string };

async function issue(language: Language = 'zh-TW', token = kiosk, serviceId = 'reg'): Promise<Issued> {
  const res = await send(t.app, 'POST', '/api/v1/tickets', token, { serviceId, language });
  expect(res.statusCode, res.body).toBe(201);
  t.clock.minutes(1);
  return res.json<{ ticket: Issued }>().ticket;
}

function printed(id: string, token: string | undefined, trackingToken?: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/tickets/${id}/ticket.pdf`,
    headers: { ...(token ? bearerHeader(token) : {}), ...(trackingToken !== undefined ? { 'x-tracking-token': trackingToken } : {}), ...headers },
  });
}

/** Fetches a ticket's PDF (200) and writes it where the tools can read it. */
async function pdfOf(ticket: Issued, name: string, token = kiosk, withToken = true, headers: Record<string, string> = {}): Promise<string> {
  const res = await printed(ticket.id, token, withToken ? ticket.trackingToken : undefined, headers);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, res.rawPayload);
  return file;
}

const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
/** The text as pdftotext lays it out, and the same without any white space (lines wrap anywhere). */
function textOf(file: string): { layout: string; compact: string } {
  const layout = run('pdftotext', '-layout', file, '-');
  return { layout, compact: layout.replace(/\s+/g, '') };
}
const compact = (s: string) => s.replace(/\s+/g, '');

function pageSize(file: string): { width: number; height: number } {
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(run('pdfinfo', file));
  expect(m, 'pdfinfo gave no page size').not.toBeNull();
  return { width: Number(m![1]), height: Number(m![2]) };
}

/** The embedded images (pdfimages -list rows of type "image"; a PNG's alpha comes as an "smask"). */
function images(file: string): { width: number; height: number }[] {
  return run('pdfimages', '-list', file)
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[2] === 'image')
    .map((cols) => ({ width: Number(cols[3]), height: Number(cols[4]) }));
}

/** A binary PBM, PGM or PPM (P4 bits, P5 grey, P6 colour) as grey levels, 0 black to 255 white. */
function readPnm(file: string): { width: number; height: number; grey: (x: number, y: number) => number } {
  const data = readFileSync(file);
  const header = /^(P[456])\s+(\d+)\s+(\d+)\s+(?:(\d+)\s)?/.exec(data.subarray(0, 64).toString('latin1'));
  expect(header, `${file} is not a binary PBM/PGM/PPM`).not.toBeNull();
  const [whole, kind, w, h] = header!;
  const width = Number(w);
  const offset = Buffer.byteLength(whole!, 'latin1');
  if (kind === 'P4') {
    // One bit a pixel, 1 = black, rows padded to a byte.
    const rowBytes = Math.ceil(width / 8);
    return { width, height: Number(h), grey: (x, y) => (data[offset + y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7)) ? 0 : 255) };
  }
  const channels = kind === 'P6' ? 3 : 1;
  return { width, height: Number(h), grey: (x, y) => data[offset + (y * width + x) * channels]! };
}

/** Whether the PDF's one image is, module for module, the QR code of `url` (with its 4-module quiet zone). */
function imageIsQrOf(file: string, url: string): boolean {
  const prefix = `img-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  run('pdfimages', file, join(work, prefix));
  const made = readdirSync(work).filter((f) => f.startsWith(prefix));
  expect(made).toHaveLength(1);
  const img = readPnm(join(work, made[0]!));
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  if (img.width !== modules.size + 2 * quiet || img.height !== img.width) return false;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const inside = x >= quiet && y >= quiet && x < quiet + modules.size && y < quiet + modules.size;
      const dark = inside && modules.get(y - quiet, x - quiet) === 1;
      if (img.grey(x, y) < 128 !== dark) return false;
    }
  }
  return true;
}

/** The height of the word `text` on the page, in pt, from pdftotext -bbox. */
function wordHeight(file: string, text: string): number {
  const words = [...run('pdftotext', '-bbox', file, '-').matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)];
  const word = words.find((m) => m[3] === text);
  expect(word, `no word ${text}`).toBeDefined();
  return Number(word![2]) - Number(word![1]);
}

/**
 * Thai as pdftotext gives it back: its -layout mode sorts a line's glyphs by position, which can put
 * a vowel or tone mark after the next letter (มือ as มอื). Compared without the marks, and without spaces.
 */
const thaiLetters = (s: string) => s.replace(/[\s\p{M}]+/gu, '');

/** Renders the page: a PNG to look at (test-results/ticket-print/), and the share of dark pixels. */
function render(file: string, name: string): number {
  mkdirSync(SHOTS, { recursive: true });
  run('pdftoppm', '-png', '-r', '100', '-singlefile', file, join(SHOTS, name));
  const grey = join(work, `${name}-grey`);
  run('pdftoppm', '-gray', '-r', '50', '-singlefile', file, grey);
  const img = readPnm(`${grey}.pgm`);
  let dark = 0;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (img.grey(x, y) < 128) dark++;
  return dark / (img.width * img.height);
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'jiaohao-ticket-pdf-'));
});
// In beforeEach, not beforeAll: each test then fails by itself (a failed beforeAll marks them skipped).
beforeEach(requirePoppler);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe('GET /api/v1/tickets/:id/ticket.pdf', () => {
  it('a zh-TW ticket: 80 mm wide, the office, the line, the number and the figures at issue, and the QR code of its e-ticket page', async () => {
    await start();
    await issue();
    await issue();
    const ticket = await issue('zh-TW');
    const file = await pdfOf(ticket, 'zh-TW');

    const { width, height } = pageSize(file);
    expect(Math.abs(width - 226.77)).toBeLessThan(0.5);
    // As tall as the ticket: a receipt, not an A4 page.
    expect(height).toBeGreaterThan(250);
    expect(height).toBeLessThan(700);

    const text = textOf(file);
    for (const expected of ['測試戶政事務所', 'Test Household Registration Office', '戶籍登記', '1003', '取號時間：2026-12-01 09:02', '取號時前方等候：2 人', '國民身分證正本', '掃描 QR 碼，用手機查看叫號進度', '電話 04-0000-0000']) {
      expect(text.compact, expected).toContain(compact(expected));
    }
    // The number in very large type (72 pt: its digits stand about 52 pt tall, its box is taller).
    expect(wordHeight(file, '1003')).toBeGreaterThan(60);
    expect(wordHeight(file, '戶籍登記')).toBeLessThan(25);
    // No tofu-prone spaces from Intl formatting.
    expect(text.layout).not.toMatch(/[\u2009\u202f]/);

    // The QR code leads to the e-ticket page: the request's own origin when JIAOHAO_PUBLIC_URL is unset.
    expect(images(file)).toHaveLength(1);
    expect(imageIsQrOf(file, `http://localhost:80/t/${ticket.trackingToken}`)).toBe(true);
    expect(render(file, 'zh-TW')).toBeGreaterThan(0.04);
  });

  it('a Vietnamese ticket says the line and the scan line in Vietnamese, with its diacritics', async () => {
    await start();
    const ticket = await issue('vi');
    const file = await pdfOf(ticket, 'vi');
    const text = textOf(file);
    for (const expected of [
      '戶籍登記',
      'Đăng ký hộ tịch',
      '1001',
      'Thời gian lấy số: 2026-12-01 09:00',
      'Số người chờ trước bạn lúc lấy số: 0',
      'Xin vui lòng chuẩn bị sẵn các giấy tờ sau',
      'Thẻ căn cước (bản gốc)',
      'Quét mã QR để theo dõi số thứ tự trên điện thoại',
      '電話 / Điện thoại 04-0000-0000',
    ]) {
      expect(text.compact, expected).toContain(compact(expected));
    }
    expect(Math.abs(pageSize(file).width - 226.77)).toBeLessThan(0.5);
    expect(images(file)).toHaveLength(1);
    expect(render(file, 'vi')).toBeGreaterThan(0.04);
  });

  it('a Thai ticket says them in Thai', async () => {
    await start();
    const ticket = await issue('th');
    const file = await pdfOf(ticket, 'th');
    const text = textOf(file);
    for (const expected of ['戶籍登記', 'ทะเบียนครัวเรือน', '1001', 'เวลารอโดยประมาณ', 'สแกนคิวอาร์โค้ด เพื่อติดตามคิวของคุณ ทางโทรศัพท์มือถือ', 'บัตรประชาชน (ฉบับจริง)', 'โทร. 04-0000-0000']) {
      expect(thaiLetters(text.layout), expected).toContain(thaiLetters(expected));
    }
    // The marks are there too, only moved: every one of the scan line's is in the text.
    for (const mark of 'สแกนคิวอาร์โค้ด เพื่อติดตามคิวของคุณ ทางโทรศัพท์มือถือ'.match(/\p{M}/gu) ?? []) expect(text.layout).toContain(mark);
    expect(images(file)).toHaveLength(1);
    expect(render(file, 'th')).toBeGreaterThan(0.04);
  });

  it('puts JIAOHAO_PUBLIC_URL in the QR code when it is set, and never the token in a URL it reads', async () => {
    await start({ publicUrl: 'https://queue.example.gov.tw' });
    const ticket = await issue('en');
    const file = await pdfOf(ticket, 'public-url', kiosk, true, { host: 'kiosk-lan.internal:8080' });
    expect(imageIsQrOf(file, `https://queue.example.gov.tw/t/${ticket.trackingToken}`)).toBe(true);
    expect(imageIsQrOf(file, `http://kiosk-lan.internal:8080/t/${ticket.trackingToken}`)).toBe(false);
    expect(textOf(file).compact).toContain(compact('Scan to follow your number on your phone'));
  });

  it('without JIAOHAO_PUBLIC_URL, the QR code names the address the kiosk reached the server at', async () => {
    await start();
    const ticket = await issue();
    const file = await pdfOf(ticket, 'host', kiosk, true, { host: '192.168.1.20:8080' });
    expect(imageIsQrOf(file, `http://192.168.1.20:8080/t/${ticket.trackingToken}`)).toBe(true);
  });

  it('without the tracking token header: no QR code, and it says to ask at the information desk, in Chinese and the resident’s language', async () => {
    await start();
    const ticket = await issue('vi');
    const file = await pdfOf(ticket, 'no-token', kiosk, false);
    expect(images(file)).toEqual([]);
    const text = textOf(file);
    expect(text.compact).toContain(compact('如需用手機查看叫號進度，請洽服務台索取連結'));
    expect(text.compact).toContain(compact('Để theo dõi số thứ tự trên điện thoại, xin vui lòng hỏi quầy hướng dẫn để nhận đường liên kết'));
    expect(text.compact).not.toContain(compact('Quét mã QR'));
    // A token in the URL is not read (URLs end up in logs): still no QR code.
    const viaQuery = await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/ticket.pdf?token=${ticket.trackingToken}`, headers: bearerHeader(kiosk) });
    expect(viaQuery.statusCode).toBe(200);
    writeFileSync(join(work, 'query.pdf'), viaQuery.rawPayload);
    expect(images(join(work, 'query.pdf'))).toEqual([]);
  });

  it('keeps every letter of a ticket readable after others were printed (the fonts are shared by every PDF)', async () => {
    await start();
    // "lòng" writes the parts of ò (an o and a grave) into the font's subset; the next PDF's "theo" still has its o.
    for (let i = 0; i < 3; i++) {
      const file = await pdfOf(await issue('vi'), `again-${i}`, kiosk, i % 2 === 0);
      const text = textOf(file).compact;
      expect(text).toContain(compact('Xin vui lòng chuẩn bị sẵn các giấy tờ sau'));
      expect(text).toContain(compact(i % 2 === 0 ? 'Quét mã QR để theo dõi số thứ tự trên điện thoại' : 'Để theo dõi số thứ tự trên điện thoại'));
    }
  });

  it('prints the people ahead as they were at issue, whatever happened since', async () => {
    await start();
    await issue();
    await issue();
    const third = await issue();
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk)).statusCode).toBe(200);
    expect((await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk)).statusCode).toBe(200);
    const file = await pdfOf(third, 'later', clerk);
    expect(textOf(file).compact).toContain(compact('取號時前方等候：2 人'));
  });

  it('staff of any role print any ticket; a kiosk prints only its own', async () => {
    await start();
    const byKiosk = await issue('zh-TW', kiosk);
    const byClerk = await issue('zh-TW', clerk);
    for (const token of [clerk, await t.staffToken('supervisor'), t.adminToken]) {
      expect((await printed(byKiosk.id, token, byKiosk.trackingToken)).statusCode).toBe(200);
    }
    const other = t.deviceToken('kiosk');
    const refused = await printed(byKiosk.id, other, byKiosk.trackingToken);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ error: { code: 'forbidden', message: 'A kiosk prints only the tickets it issued' } });
    expect((await printed(byKiosk.id, other)).statusCode).toBe(403);
    expect((await printed(byClerk.id, kiosk, byClerk.trackingToken)).statusCode).toBe(403);
    // A display is no printer.
    expect(errorCode(await printed(byKiosk.id, t.deviceToken('display')))).toBe('forbidden');
  });

  it('refuses: no login 401, a tracking token of another ticket 403, an unknown ticket 404, a malformed token 400', async () => {
    await start();
    const ticket = await issue();
    const another = await issue();

    const anonymous = await printed(ticket.id, undefined, ticket.trackingToken);
    expect(anonymous.statusCode).toBe(401);
    expect(errorCode(anonymous)).toBe('unauthenticated');
    expect((await send(t.app, 'GET', `/api/v1/tickets/${ticket.id}/ticket.pdf`, 'jhd_not-a-real-token')).statusCode).toBe(401);

    for (const wrong of [another.trackingToken, 'x'.repeat(24)]) {
      const res = await printed(ticket.id, kiosk, wrong);
      expect(res.statusCode, wrong).toBe(403);
      expect(res.json()).toEqual({ error: { code: 'forbidden', message: 'That tracking token is not for this ticket' } });
    }

    const unknown = await printed('no-such-ticket', clerk);
    expect(unknown.statusCode).toBe(404);
    expect(errorCode(unknown)).toBe('not_found');
    expect((await printed('no-such-ticket', kiosk)).statusCode).toBe(404);

    const tooLong = await printed(ticket.id, kiosk, 'x'.repeat(65));
    expect(tooLong.statusCode).toBe(400);
    expect(errorCode(tooLong)).toBe('validation_failed');
  });

  it('is limited per kiosk or account (429) when rate limits are on', async () => {
    await start({ rateLimits: 'on' });
    // Unknown tickets answer at once, and count the same.
    for (let i = 0; i < 60; i++) expect((await printed(`nope-${i}`, kiosk)).statusCode).toBe(404);
    const limited = await printed('nope', kiosk);
    expect(limited.statusCode).toBe(429);
    expect(errorCode(limited)).toBe('rate_limited');
    // Another caller has its own budget.
    expect((await printed('nope', clerk)).statusCode).toBe(404);
  });

  it('is in the OpenAPI document as a PDF, with its header', async () => {
    await start();
    const doc = (await send(t.app, 'GET', '/docs/json')).json<{
      paths: Record<string, { get?: { parameters?: { in: string; name: string }[]; responses: Record<string, { content?: Record<string, unknown> }> } }>;
    }>();
    const route = doc.paths['/api/v1/tickets/{id}/ticket.pdf']?.get;
    expect(route).toBeDefined();
    expect(Object.keys(route!.responses['200']?.content ?? {})).toEqual(['application/pdf']);
    expect(Object.keys(route!.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '404', '429']));
    expect(route!.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'x-tracking-token' })]));
  });
});
