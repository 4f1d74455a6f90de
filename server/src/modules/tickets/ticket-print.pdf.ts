// Draws the printed ticket with pdfkit: an 80 mm page exactly as tall as its layout, the fonts
// embedded as subsets, the QR code as an image. The fonts are read and parsed once per process:
// parsing Noto Sans's layout tables again for every document would cost a few hundred ms a ticket.
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { LANGUAGE_TAGS } from '@jiaohao/shared';
import { layoutTicket, type Face, type Font, type Metrics, type TicketLayout } from './ticket-print.layout';
import type { TicketPrintView } from './ticket-print.view';

const require = createRequire(import.meta.url);

/** The TTF files, from the npm font packages (SIL OFL 1.1), found from wherever the server runs. */
export const FONT_FILES: Readonly<Record<Face, { readonly regular: string; readonly bold: string }>> = {
  tc: {
    regular: '@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf',
  },
  thai: {
    regular: '@expo-google-fonts/noto-sans-thai/400Regular/NotoSansThai_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-thai/700Bold/NotoSansThai_700Bold.ttf',
  },
  sans: {
    regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  },
};

/** The little of a fontkit font used here; pdfkit takes the font itself (0.20: "already-parsed fontkit Font"). */
interface FontkitFont {
  readonly ascent: number;
  readonly descent: number;
  readonly unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string): unknown;
}

// The fontkit pdfkit itself depends on, resolved from pdfkit's own folder, so its fonts are the kind pdfkit expects.
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(data: Uint8Array): FontkitFont };

const fonts = new Map<string, FontkitFont>();
/**
 * Widths at 1 pt per font and text, for every document: wrapping measures the same words again
 * and again, and shaping them (GSUB, GPOS) is most of the layout's time. Emptied when it grows
 * past a few days' worth of distinct words.
 */
const widths = new Map<string, number>();
const MAX_WIDTHS = 20_000;

const fontKey = (f: Font) => `${f.face}-${f.bold ? 'bold' : 'regular'}`;

/** The parsed font, read on first use (a ticket in Chinese never loads Thai). */
function fontOf(f: Font): FontkitFont {
  const key = fontKey(f);
  let font = fonts.get(key);
  if (!font) {
    const file = FONT_FILES[f.face][f.bold ? 'bold' : 'regular'];
    font = fontkit.create(readFileSync(require.resolve(file)));
    fonts.set(key, font);
  }
  return font;
}

/**
 * pdfkit's text options for a face. Noto Sans's `ccmp` splits ị, ệ… into a letter and a mark, and
 * pdfkit then maps the bare letter's glyph back to ị (pdftotext read "tiên" as "tịên"): its
 * precomposed Vietnamese letters are used instead. (fontkit fills the object in, so a new one each time.)
 */
function textOptions(face: Face): PDFKit.Mixins.TextOptions {
  // fontkit takes { feature: on/off }; pdfkit's types know only a list of features to turn on.
  return face === 'sans' ? { features: { ccmp: false } as unknown as PDFKit.Mixins.TextOptions['features'] } : {};
}

/** Whether the face (its regular weight; the bold has the same characters) has a glyph for `char`. */
export function fontCovers(char: string, face: Face): boolean {
  return fontOf({ face, bold: false }).hasGlyphForCodePoint(char.codePointAt(0) ?? 0);
}

/**
 * Forgets the glyphs the fonts made for earlier documents. fontkit keeps each glyph with the
 * characters it was first made for, and a subset being written makes the parts of composite
 * glyphs (the o and the grave of ò) with none: the next document to print a plain "o" would give
 * it no text, and pdftotext would read "theo" as "the". The parsed tables (most of the cost) stay.
 */
export function forgetGlyphs(): void {
  for (const font of fonts.values()) {
    const cache = font as unknown as { _glyphs?: unknown };
    // fontkit 2's private cache; if a later fontkit names it otherwise, the test that prints
    // tickets in a row (ticket-print.routes.test.ts) fails rather than the slips losing their text.
    if (cache._glyphs !== undefined) cache._glyphs = {};
  }
}

/** The fonts each document has been given (it embeds only those). */
const registeredIn = new WeakMap<PDFKit.PDFDocument, Set<string>>();

/** Sets `doc` in font `f` at `size`, registering the font with the document on first use (the report's PDF too). */
export function useFont(doc: PDFKit.PDFDocument, f: Font, size: number): PDFKit.PDFDocument {
  const key = fontKey(f);
  let registered = registeredIn.get(doc);
  if (!registered) registeredIn.set(doc, (registered = new Set()));
  if (!registered.has(key)) {
    // pdfkit 0.20 accepts a parsed fontkit font; its types know only files and bytes.
    doc.registerFont(key, fontOf(f) as unknown as Uint8Array);
    registered.add(key);
  }
  return doc.font(key).fontSize(size);
}

/** Measurements with the fonts as `doc` sets them. */
function metricsOf(doc: PDFKit.PDFDocument): Metrics {
  return {
    width: (text, f, size) => {
      const key = `${fontKey(f)}|${text}`;
      let w = widths.get(key);
      if (w === undefined) {
        if (widths.size >= MAX_WIDTHS) widths.clear();
        widths.set(key, (w = useFont(doc, f, 1000).widthOfString(text, textOptions(f.face)) / 1000));
      }
      return w * size;
    },
    ascent: (f) => fontOf(f).ascent / fontOf(f).unitsPerEm,
    descent: (f) => -fontOf(f).descent / fontOf(f).unitsPerEm,
    covers: fontCovers,
  };
}

/** Modules of quiet zone around the code, as the QR standard asks. */
const QUIET_ZONE = 4;

/**
 * The QR code as a 1-bit grey PNG, one pixel per module: PDF images are drawn without smoothing
 * unless they ask for it (/Interpolate), so each module stays a sharp square at any size. pdfkit
 * embeds such a PNG's data as it is (an RGBA one, as the qrcode package writes, it decodes and
 * splits into colour and an alpha mask: most of a ticket's time at 8 px a module).
 */
export function qrPng(payload: string): Buffer {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const side = modules.size + 2 * QUIET_ZONE;
  const rowBytes = Math.ceil(side / 8);
  const raw = Buffer.alloc((rowBytes + 1) * side, 0);
  for (let y = 0; y < side; y++) {
    const row = y * (rowBytes + 1); // each row: filter type 0, then the pixels, 1 = white
    for (let x = 0; x < side; x++) {
      const my = y - QUIET_ZONE;
      const mx = x - QUIET_ZONE;
      const dark = my >= 0 && mx >= 0 && my < modules.size && mx < modules.size && modules.get(my, mx) === 1;
      if (!dark) raw[row + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter choice, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function draw(doc: PDFKit.PDFDocument, layout: TicketLayout, qr: Buffer | null): void {
  doc.save().lineWidth(0.6).dash(2, { space: 2 }).strokeColor('#000000');
  for (const y of layout.rules) doc.moveTo(0, y).lineTo(layout.width, y);
  if (layout.rules.length > 0) doc.stroke();
  doc.restore().undash();
  doc.fillColor('#000000');
  for (const r of layout.runs) {
    useFont(doc, r, r.size).text(r.text, r.x, r.baseline, { lineBreak: false, baseline: 'alphabetic', ...textOptions(r.face) });
  }
  if (layout.qr && qr) doc.image(qr, layout.qr.x, layout.qr.y, { width: layout.qr.size, height: layout.qr.size });
}

/** The ticket as a PDF: one 80 mm page as tall as the ticket. */
export async function renderTicketPdf(view: TicketPrintView): Promise<Buffer> {
  const qr = view.qr ? qrPng(view.qr.payload) : null;
  // From here to doc.end() nothing awaits: no other document uses the fonts in between.
  forgetGlyphs();
  const doc = new PDFDocument({
    autoFirstPage: false,
    lang: LANGUAGE_TAGS['zh-TW'],
    displayTitle: true,
    info: { Title: view.title, Author: view.office[0]?.text ?? '', Creator: 'Jiaohao', CreationDate: new Date(view.issuedAt) },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const layout = layoutTicket(view, metricsOf(doc));
  doc.addPage({ size: [layout.width, layout.height], margin: 0 });
  draw(doc, layout, qr);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
