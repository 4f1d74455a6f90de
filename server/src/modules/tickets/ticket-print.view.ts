// What the printed ticket says, top to bottom, as plain data: a pure function of the ticket, its
// line and office, the tracking token (when the kiosk sent it) and the public address. Each text
// carries its language, which picks its font (ticket-print.layout.ts); the PDF only draws this.
import { FALLBACK_LANGUAGE, LANGUAGE_TAGS, localized, type Language, type Office, type Service, type Ticket } from '@jiaohao/shared';
import { eTicketPath, localTime } from '@jiaohao/shared/rules';
import { TICKET_PRINT } from '@jiaohao/shared/catalogs';

export interface PrintText {
  readonly text: string;
  readonly lang: Language;
}

export interface PrintList {
  readonly lang: Language;
  readonly items: readonly string[];
  /** "…and 3 more", when the list was cut. */
  readonly more: string | null;
}

export interface TicketPrintView {
  /** The resident's language. */
  readonly lang: Language;
  /** The PDF's title. */
  readonly title: string;
  readonly issuedAt: string;
  /** The office's name in Traditional Chinese, then in English when it has one. */
  readonly office: readonly PrintText[];
  readonly number: string;
  /** The line's name in Traditional Chinese, then in the resident's language when that differs. */
  readonly service: readonly PrintText[];
  /** 愛心號 or 預約號, in both languages; empty for an ordinary ticket. */
  readonly ticketClass: readonly PrintText[];
  /** Issue time, people ahead and the wait, as they were at issue, in the resident's language. */
  readonly facts: readonly PrintText[];
  readonly documents: { readonly heading: readonly PrintText[]; readonly lists: readonly PrintList[] } | null;
  /** The e-ticket page, when the tracking token was given. */
  readonly qr: { readonly payload: string; readonly caption: PrintText } | null;
  /** Without the QR code: where to ask for the phone link, in Traditional Chinese and the resident's language. */
  readonly askForLink: readonly PrintText[];
  readonly footer: PrintText | null;
}

export interface TicketPrintInput {
  readonly ticket: Ticket;
  readonly office: Office;
  readonly service: Service;
  readonly aheadAtIssue: number | null;
  /** The resident's tracking token, or null when the caller did not send it (then no QR code). */
  readonly trackingToken: string | null;
  /** Where residents' phones reach the server (JIAOHAO_PUBLIC_URL or the request's origin). */
  readonly publicBaseUrl: string;
}

/** At most this many documents per language; the rest are counted ("…and 3 more"). */
export const MAX_DOCUMENTS = 6;
/** About two printed lines (a CJK character counts 2, others 1); longer items end in "…". */
export const MAX_DOCUMENT_WIDTH = 84;

type Key = (typeof TICKET_PRINT.keys)[number];

/** A catalog string with its `{{name}}` placeholders filled. */
export function say(lang: Language, key: Key, values: Readonly<Record<string, string | number>> = {}): string {
  return TICKET_PRINT.t(lang, key).replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** `2026-12-02 09:15` in the office's zone, built by hand (Intl would put U+202F in: tofu on paper). */
export function printedTime(iso: string, timeZone: string): string {
  const t = localTime(Date.parse(iso), timeZone);
  return `${t.date} ${t.time}`;
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * `text` cut to about `max` units (wide characters count 2), ending in "…": at the end of a word
 * when one ends in the last part of it, and never inside a character (a Thai vowel stays on its letter).
 */
export function clip(text: string, max: number, lang: Language): string {
  let used = 0;
  let cut = -1;
  for (const { segment, index } of graphemes.segment(text)) {
    used += WIDE.test(segment) ? 2 : 1;
    if (used > max) {
      cut = index;
      break;
    }
  }
  if (cut < 0) return text;
  const words = new Intl.Segmenter(LANGUAGE_TAGS[lang], { granularity: 'word' });
  let end = cut;
  for (const { index } of words.segment(text)) {
    if (index > cut) break;
    end = index;
  }
  return `${text.slice(0, end >= cut * 0.6 ? end : cut).trimEnd()}…`;
}

function documentList(lang: Language, all: readonly string[]): PrintList {
  const items = all.filter((d) => d.trim() !== '');
  const shown = items.slice(0, MAX_DOCUMENTS).map((d) => clip(d.trim(), MAX_DOCUMENT_WIDTH, lang));
  const rest = items.length - shown.length;
  return { lang, items: shown, more: rest > 0 ? say(lang, 'print.documents.more', { count: rest }) : null };
}

function waitText(lang: Language, estimate: Ticket['estimateAtIssue']): string {
  if (estimate === null) return say(lang, 'print.wait.unknown');
  if (estimate.min === 0) return say(lang, 'print.wait.upTo', { max: estimate.max });
  return say(lang, 'print.wait.range', { min: estimate.min, max: estimate.max });
}

export function ticketPrintView({ ticket, office, service, aheadAtIssue, trackingToken, publicBaseUrl }: TicketPrintInput): TicketPrintView {
  const lang = ticket.language;
  const zh = FALLBACK_LANGUAGE;
  const both: Language[] = lang === zh ? [zh] : [zh, lang];
  const text = (l: Language, t: string): PrintText => ({ text: t, lang: l });
  const pair = (key: Key) => both.map((l) => text(l, say(l, key)));

  const serviceOther = localized(service.names, lang);
  const residentDocuments = lang === zh ? [] : (service.documents[lang] ?? []);
  const lists = [documentList(zh, service.documents[zh]), ...(residentDocuments.length > 0 ? [documentList(lang, residentDocuments)] : [])].filter(
    (l) => l.items.length > 0,
  );
  const qr = trackingToken === null ? null : { payload: `${publicBaseUrl.replace(/\/+$/, '')}${eTicketPath(trackingToken)}`, caption: text(lang, say(lang, 'print.scan')) };

  return {
    lang,
    title: say(zh, 'print.docTitle', { number: ticket.number }),
    issuedAt: ticket.issuedAt,
    office: [text(zh, office.names[zh]), ...(office.names.en ? [text('en', office.names.en)] : [])],
    number: ticket.number,
    service: [text(zh, service.names[zh]), ...(lang !== zh && serviceOther !== service.names[zh] ? [text(lang, serviceOther)] : [])],
    ticketClass: ticket.class === 'priority' ? pair('print.class.priority') : ticket.class === 'appointment' ? pair('print.class.appointment') : [],
    facts: [
      text(lang, say(lang, 'print.issuedAt', { time: printedTime(ticket.issuedAt, office.timeZone) })),
      ...(aheadAtIssue === null ? [] : [text(lang, say(lang, 'print.ahead', { count: aheadAtIssue }))]),
      text(lang, waitText(lang, ticket.estimateAtIssue)),
    ],
    documents: lists.length > 0 ? { heading: pair('print.documents'), lists } : null,
    qr,
    askForLink: qr ? [] : pair('print.askForLink'),
    footer: office.tel.trim() === '' ? null : text(lang, `${both.map((l) => say(l, 'print.phone')).join(' / ')} ${office.tel.trim()}`),
  };
}
