// The PDF side of the printed ticket without poppler: the fonts have every character the slip
// prints (no tofu), the QR image is a well-formed 1-bit PNG of the code, and the fonts are found
// whatever the working directory (the route test reads real PDFs with poppler-utils).
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '@jiaohao/shared';
import { TICKET_PRINT } from '@jiaohao/shared/catalogs';
import { DEMO_OFFICE, DEMO_SERVICES } from '../../seed/demo-office';
import { faceRuns } from './ticket-print.layout';
import { fontCovers, qrPng } from './ticket-print.pdf';

describe('the fonts', () => {
  /** Characters of `text` (in `lang`) that the face chosen for them lacks. */
  const missing = (text: string, lang: Language) =>
    faceRuns(text.normalize('NFC'), lang, fontCovers).flatMap((run) => [...run.text].filter((c) => !fontCovers(c, run.face)).map((c) => `${c} U+${c.codePointAt(0)!.toString(16)} in ${run.face}`));

  it('have a glyph for every character of every string the ticket prints, in every language', () => {
    for (const lang of LANGUAGES) {
      for (const key of TICKET_PRINT.keys) expect(missing(TICKET_PRINT.t(lang, key), lang), `${lang}:${key}`).toEqual([]);
    }
  });

  it('have the demo office’s names and every line’s names and documents (Chinese, Vietnamese, Thai, the bullets)', () => {
    const texts: [string, Language][] = [
      ...Object.entries(DEMO_OFFICE.names).map(([lang, name]) => [name, lang as Language] as [string, Language]),
      ...DEMO_SERVICES.flatMap((s) => [
        ...Object.entries(s.names).map(([lang, name]) => [name, lang as Language] as [string, Language]),
        ...Object.entries(s.documents ?? {}).flatMap(([lang, list]) => list.map((d) => [d, lang as Language] as [string, Language])),
      ]),
      ['• 2026-12-02 09:15 – …', 'th'],
    ];
    expect(texts.length).toBeGreaterThan(40);
    for (const [text, lang] of texts) expect(missing(text, lang), `${lang}: ${text}`).toEqual([]);
  });

  it('lack the spaces Intl would put in a time (which is why it is written by hand)', () => {
    expect(fontCovers('\u202f', 'tc')).toBe(false);
    expect(fontCovers('\u2009', 'tc')).toBe(false);
  });
});

describe('qrPng', () => {
  it('is a 1-bit greyscale PNG, one pixel a module, with a 4-module quiet zone, of exactly this code', () => {
    const url = 'https://queue.example.gov.tw/t/AbCdEfGhIjKlMnOpQrStUvWx';
    const png = qrPng(url);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const side = modules.size + 8;
    // IHDR: width, height, bit depth 1, colour type 0 (grey).
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([side, side, 1, 0]);
    const idatAt = png.indexOf('IDAT', 0, 'latin1');
    const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
    const rowBytes = Math.ceil(side / 8) + 1;
    expect(raw.length).toBe(rowBytes * side);
    for (let y = 0; y < side; y++) {
      expect(raw[y * rowBytes]).toBe(0);
      for (let x = 0; x < side; x++) {
        const white = (raw[y * rowBytes + 1 + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
        const inside = x >= 4 && y >= 4 && x < side - 4 && y < side - 4;
        expect(!white, `${x},${y}`).toBe(inside && modules.get(y - 4, x - 4) === 1);
      }
    }
    expect(png.subarray(-12, -4).toString('latin1', 4)).toBe('IEND');
  });
});

describe('renderTicketPdf from another working directory', () => {
  it('finds its fonts beside its own module, not the current directory', { timeout: 30_000 }, () => {
    const require = createRequire(import.meta.url);
    const tsx = pathToFileURL(require.resolve('tsx')).href;
    const module = pathToFileURL(fileURLToPath(new URL('./ticket-print.pdf.ts', import.meta.url))).href;
    const script = `
      const { renderTicketPdf } = await import(${JSON.stringify(module)});
      const pdf = await renderTicketPdf({ lang: 'th', title: 't', issuedAt: '2026-12-02T01:15:00.000Z',
        office: [{ text: '臺中市北區戶政事務所', lang: 'zh-TW' }], number: '1001', service: [{ text: 'ทะเบียนครัวเรือน', lang: 'th' }],
        ticketClass: [], facts: [{ text: 'Thời gian lấy số', lang: 'vi' }], documents: null, qr: null, askForLink: [], footer: null });
      process.stdout.write(pdf.subarray(0, 5).toString('latin1') + ' ' + pdf.length);`;
    const child = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: tmpdir(), encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.stdout).toMatch(/^%PDF- \d+$/);
  });
});
