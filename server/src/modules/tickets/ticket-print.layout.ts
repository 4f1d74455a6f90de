// Where each piece of the printed ticket goes on the 80 mm slip: fonts per run of script, lines
// wrapped by hand, the page as tall as its content. Pure, given the font measurements (the PDF
// passes pdfkit's; tests pass a fake), so the page height is known before the page is made.
//
// Wrapping is ours rather than pdfkit's because one line may mix fonts (a Chinese word in an
// English list, the footer's 電話 / Tel.), because Thai has no spaces between words (pdfkit would
// cut a word anywhere, even between a letter and its vowel mark), and because Chinese may break
// between any two words but not before a closing mark.
import { LANGUAGE_TAGS, type Language } from '@jiaohao/shared';
import type { PrintText, TicketPrintView } from './ticket-print.view';

export const MM = 72 / 25.4;
/** 80 mm thermal paper. */
export const PAGE_WIDTH = 80 * MM;
export const MARGIN = 4 * MM;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** The QR code, quiet zone included. */
export const QR_SIZE = 38 * MM;

/** Noto Sans TC (Chinese, also its Latin), Noto Sans Thai, Noto Sans (Latin, Vietnamese). */
export type Face = 'tc' | 'thai' | 'sans';
export interface Font {
  readonly face: Face;
  readonly bold: boolean;
}

export interface Metrics {
  /** Advance width of `text` set in `font` at `size` pt. */
  width(text: string, font: Font, size: number): number;
  /** Height above the baseline and depth below it (positive), per pt of size. */
  ascent(font: Font): number;
  descent(font: Font): number;
  /** Whether the face has a glyph for this character (one code point). */
  covers(char: string, face: Face): boolean;
}

export interface PlacedRun extends Font {
  readonly text: string;
  readonly size: number;
  readonly x: number;
  /** The baseline's distance from the top of the page. */
  readonly baseline: number;
}

export interface TicketLayout {
  readonly width: number;
  readonly height: number;
  readonly runs: readonly PlacedRun[];
  /** Dashed separators, by distance from the top. */
  readonly rules: readonly number[];
  readonly qr: { readonly x: number; readonly y: number; readonly size: number; readonly payload: string } | null;
}

const HAN = /[\p{Script=Han}\p{Script=Bopomofo}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
const THAI = /\p{Script=Thai}/u;
/** Marks, spaces and punctuation take the font of the letter before them (a space is not a font change). */
const NEUTRAL = /^[\s\p{M}\p{P}]$/u;

/** The face a language's text is set in, but for its Chinese and Thai characters. */
const baseFace = (lang: Language): Face => (lang === 'zh-TW' ? 'tc' : 'sans');

/** The face for one character of text in `lang`, before asking whether it has the glyph. */
export function faceOf(char: string, lang: Language): Face {
  if (THAI.test(char)) return 'thai';
  if (HAN.test(char)) return 'tc';
  return baseFace(lang);
}

/** Where a character its face lacks is looked for, after the language's own face (TC has Latin and Vietnamese too). */
const FALLBACK: readonly Face[] = ['tc', 'sans', 'thai'];

/** `text` split where the font changes; a character the chosen face lacks comes from one that has it. */
export function faceRuns(text: string, lang: Language, covers: Metrics['covers'] = () => true): { text: string; face: Face }[] {
  const runs: { text: string; face: Face }[] = [];
  for (const char of text) {
    const last = runs[runs.length - 1];
    const own = THAI.test(char) || HAN.test(char);
    let face = !own && last && NEUTRAL.test(char) ? last.face : faceOf(char, lang);
    if (!covers(char, face)) face = [baseFace(lang), ...FALLBACK].find((f) => covers(char, f)) ?? face;
    if (last && last.face === face) last.text += char;
    else runs.push({ text: char, face });
  }
  return runs;
}

/** Scripts written without spaces: a line may break between two of their words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\u3000-\u303f\uff00-\uffef]/u;
/** Opening brackets and quotes stay with the word after them. */
const OPENING = /^[\p{Ps}\p{Pi}]+$/u;

const segmenters = new Map<Language, Intl.Segmenter>();
function wordsOf(text: string, lang: Language): Intl.SegmentData[] {
  let s = segmenters.get(lang);
  if (!s) segmenters.set(lang, (s = new Intl.Segmenter(LANGUAGE_TAGS[lang], { granularity: 'word' })));
  return [...s.segment(text)];
}
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

export interface Piece {
  text: string;
  /** Spaces before it (dropped at the start of a line). */
  space: string;
  /**
   * The words of a Thai phrase: Thai puts spaces between phrases, not words, so a line breaks at a
   * space when it can and between these words only when the phrase is longer than a line.
   */
  words?: string[];
}

const THAI_END = /\p{Script=Thai}\p{M}*$/u;

/**
 * The units a line may break between: words (with the punctuation after them, and an opening
 * bracket before them), joined where no break belongs (inside "NT$1,300", between Latin words not
 * separated by a space), and Thai words into their phrase.
 */
export function breakPieces(text: string, lang: Language): Piece[] {
  const pieces: Piece[] = [];
  let space = '';
  let opening = '';
  for (const { segment, isWordLike } of wordsOf(text, lang)) {
    const last = pieces[pieces.length - 1];
    if (/^\s+$/u.test(segment)) {
      space += segment;
    } else if (OPENING.test(segment)) {
      opening += segment;
    } else if (last && !space && !opening && (!isWordLike || !(UNSPACED.test(last.text.slice(-1)) || UNSPACED.test(segment[0] ?? '')))) {
      last.text += segment;
      if (last.words) last.words[last.words.length - 1] += segment;
    } else if (last && !space && !opening && THAI_END.test(last.text) && THAI.test(segment[0] ?? '')) {
      last.text += segment;
      (last.words ??= [last.text.slice(0, -segment.length)]).push(segment);
    } else {
      pieces.push({ text: opening + segment, space });
      space = '';
      opening = '';
    }
  }
  if (opening) pieces.push({ text: opening, space });
  return pieces;
}

export interface TextStyle {
  readonly size: number;
  readonly bold?: boolean;
  readonly align: 'center' | 'left';
  /** A list item: a bullet in the margin, every line of the text beside it. */
  readonly bullet?: boolean;
  /** Set off like a list item, without the bullet (the "…and 3 more" under a list). */
  readonly indented?: boolean;
}

const BULLET = '•';
const BULLET_FONT: Font = { face: 'sans', bold: false };

class Writer {
  y = MARGIN;
  readonly runs: PlacedRun[] = [];
  readonly rules: number[] = [];
  qr: TicketLayout['qr'] = null;

  constructor(private readonly m: Metrics) {}

  widthOf(text: string, lang: Language, size: number, bold: boolean): number {
    return this.runsOf(text, lang).reduce((w, r) => w + this.m.width(r.text, { face: r.face, bold }, size), 0);
  }

  runsOf(text: string, lang: Language): { text: string; face: Face }[] {
    return faceRuns(text, lang, (c, f) => this.m.covers(c, f));
  }

  /** Lines of the text (cut into `pieces`) no wider than `room`. */
  wrap(pieces: readonly Piece[], lang: Language, style: TextStyle, room: number): string[] {
    const bold = style.bold ?? false;
    const width = (t: string) => this.widthOf(t, lang, style.size, bold);
    const lines: string[] = [];
    let line = '';
    let used = 0;
    const breakLine = () => {
      lines.push(line);
      line = '';
      used = 0;
    };
    const queue = [...pieces];
    for (let piece = queue.shift(); piece !== undefined; piece = queue.shift()) {
      // Words measured one by one (the kerning between two words is left out: a fraction of a point).
      const w = width(piece.text);
      const space = line === '' ? 0 : width(piece.space);
      if (used + space + w <= room) {
        line += (line === '' ? '' : piece.space) + piece.text;
        used += space + w;
        continue;
      }
      if (piece.words && piece.words.length > 1 && (line !== '' || w > room)) {
        // A Thai phrase that does not fit: on a line of its own if it can be, else word by word.
        if (w <= room) {
          breakLine();
          queue.unshift(piece);
        } else {
          const [first, ...rest] = piece.words;
          queue.unshift({ text: first!, space: piece.space }, ...rest.map((word) => ({ text: word, space: '' })));
        }
        continue;
      }
      if (line !== '') breakLine();
      if (w <= room) {
        line = piece.text;
        used = w;
        continue;
      }
      // A word wider than the line itself is cut between characters (never inside one).
      for (const { segment } of graphemes.segment(piece.text)) {
        const g = width(segment);
        if (line !== '' && used + g > room) breakLine();
        line += segment;
        used += g;
      }
    }
    if (line !== '') lines.push(line);
    return lines;
  }

  /**
   * Centred text in lines of even length: the narrowest width that needs no more lines than the
   * full width does (so a heading never leaves one word alone on its last line).
   */
  balanced(pieces: readonly Piece[], lang: Language, style: TextStyle, room: number): string[] {
    const lines = this.wrap(pieces, lang, style, room);
    if (lines.length < 2) return lines;
    // Never so narrow that a phrase which fits a line gets split (a Thai phrase, a long word).
    const widest = Math.max(0, ...pieces.map((p) => this.widthOf(p.text, lang, style.size, style.bold ?? false)).filter((w) => w <= room));
    let [lo, hi] = [Math.max(room / 2, widest), room];
    for (let i = 0; i < 10; i++) {
      const mid = (lo + hi) / 2;
      if (this.wrap(pieces, lang, style, mid).length > lines.length) lo = mid;
      else hi = mid;
    }
    return this.wrap(pieces, lang, style, hi);
  }

  text(t: PrintText, style: TextStyle): void {
    const bold = style.bold ?? false;
    const indent = style.bullet || style.indented ? this.m.width(`${BULLET} `, BULLET_FONT, style.size) : 0;
    const room = CONTENT_WIDTH - indent;
    // Precomposed letters (ệ, not e and two marks), which every face here has.
    const pieces = breakPieces(t.text.normalize('NFC'), t.lang);
    const lines = style.align === 'center' ? this.balanced(pieces, t.lang, style, room) : this.wrap(pieces, t.lang, style, room);
    lines.forEach((line, i) => {
      const runs = this.runsOf(line, t.lang).map((r) => ({ ...r, bold, width: this.m.width(r.text, { face: r.face, bold }, style.size) }));
      const width = runs.reduce((w, r) => w + r.width, 0);
      const fonts: Font[] = style.bullet && i === 0 ? [...runs, BULLET_FONT] : runs;
      const ascent = Math.max(...fonts.map((f) => this.m.ascent(f))) * style.size;
      const descent = Math.max(...fonts.map((f) => this.m.descent(f))) * style.size;
      const baseline = this.y + ascent;
      if (style.bullet && i === 0) this.runs.push({ text: BULLET, ...BULLET_FONT, size: style.size, x: MARGIN, baseline });
      let x = MARGIN + indent + (style.align === 'center' ? (room - width) / 2 : 0);
      for (const r of runs) {
        this.runs.push({ text: r.text, face: r.face, bold: r.bold, size: style.size, x, baseline });
        x += r.width;
      }
      this.y = baseline + descent;
    });
  }

  /** The ticket number, as large as it fits (72 pt for four digits). */
  number(text: string): void {
    const font: Font = { face: 'sans', bold: true };
    const size = Math.min(72, (72 * CONTENT_WIDTH) / this.m.width(text, font, 72));
    // Digits have no descender: the space under the baseline is only what separates the next line.
    const ascent = this.m.ascent(font) * size * 0.8;
    const width = this.m.width(text, font, size);
    this.runs.push({ text, ...font, size, x: MARGIN + (CONTENT_WIDTH - width) / 2, baseline: this.y + ascent });
    this.y += ascent + size * 0.12;
  }

  gap(mm: number): void {
    this.y += mm * MM;
  }

  rule(): void {
    this.gap(1.5);
    this.rules.push(this.y);
    this.gap(2);
  }

  image(payload: string): void {
    this.qr = { x: (PAGE_WIDTH - QR_SIZE) / 2, y: this.y, size: QR_SIZE, payload };
    this.y += QR_SIZE;
  }
}

export function layoutTicket(view: TicketPrintView, metrics: Metrics): TicketLayout {
  const w = new Writer(metrics);
  view.office.forEach((t, i) => w.text(t, i === 0 ? { size: 11, bold: true, align: 'center' } : { size: 7.5, align: 'center' }));
  w.rule();
  view.service.forEach((t, i) => w.text(t, { size: i === 0 ? 14 : 11, bold: true, align: 'center' }));
  w.gap(1);
  w.number(view.number);
  for (const t of view.ticketClass) w.text(t, { size: 10, bold: true, align: 'center' });
  w.gap(1.5);
  for (const t of view.facts) w.text(t, { size: 9, align: 'center' });
  if (view.documents) {
    w.rule();
    for (const t of view.documents.heading) w.text(t, { size: 9, bold: true, align: 'left' });
    for (const list of view.documents.lists) {
      w.gap(0.8);
      for (const item of list.items) w.text({ text: item, lang: list.lang }, { size: 8, align: 'left', bullet: true });
      if (list.more) w.text({ text: list.more, lang: list.lang }, { size: 8, align: 'left', indented: true });
    }
  }
  w.rule();
  if (view.qr) {
    w.image(view.qr.payload);
    w.gap(0.5);
    w.text(view.qr.caption, { size: 9, align: 'center' });
  } else {
    for (const t of view.askForLink) w.text(t, { size: 9, bold: true, align: 'center' });
  }
  if (view.footer) {
    w.gap(2.5);
    w.text(view.footer, { size: 7.5, align: 'center' });
  }
  return { width: PAGE_WIDTH, height: w.y + MARGIN, runs: w.runs, rules: w.rules, qr: w.qr };
}
