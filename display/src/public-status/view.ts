// What the public waiting-count page and the widget show, as plain functions of the PublicStatus
// and the language (STYLE.md habit 14): no React, no i18n library, no clock of their own. Times
// are the office's (its time zone), taken apart with Intl.DateTimeFormat and put together from the
// catalog, so the server's and the browser's ICU never disagree on a space or a comma (the page is
// rendered on the server and hydrated in the browser: both must give the same text).
import { LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import type { IssuingClosedReason, LocalizedText, PublicStatus, WaitEstimate } from '@jiaohao/shared/schemas';
import { EN_MONTHS, STATUS_LANGUAGES, STATUS_STRINGS, type StatusLanguage, type StatusStringKey } from './strings';

type Values = Readonly<Record<string, string | number>>;

/** A catalog string with its `{name}` placeholders filled. */
export function text(lang: StatusLanguage, key: StatusStringKey, values: Values = {}): string {
  return STATUS_STRINGS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The page's language from `?lang=`: English when asked for, else Traditional Chinese. */
export function statusLanguage(asked: string | null | undefined): StatusLanguage {
  return asked === 'en' ? 'en' : 'zh-TW';
}

/** The other language, for the switch. */
export const otherLanguage = (lang: StatusLanguage): StatusLanguage => STATUS_LANGUAGES.find((l) => l !== lang) ?? 'zh-TW';

/** The BCP 47 tag for `lang` attributes (zh-Hant-TW, en). */
export const languageTag = (lang: StatusLanguage): string => LANGUAGE_TAGS[lang];

/** Text in the office's own languages: the one asked for, else Chinese, with the tag of what it is. */
export interface Localized {
  readonly text: string;
  readonly lang: string;
}
export function localized(value: LocalizedText, lang: StatusLanguage): Localized {
  const own = value[lang]?.trim();
  return own ? { text: own, lang: LANGUAGE_TAGS[lang] } : { text: value['zh-TW'], lang: LANGUAGE_TAGS['zh-TW'] };
}

// ---- times, in the office's zone ----

interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday. */
  readonly weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, f);
  }
  return f;
}

/** An instant's date and time on the office's clock. */
export function localParts(iso: string, timeZone: string): LocalParts {
  const found: Record<string, number> = {};
  for (const p of formatIn(timeZone).formatToParts(new Date(iso))) if (p.type !== 'literal') found[p.type] = Number(p.value);
  const year = found.year ?? 1970;
  const month = found.month ?? 1;
  const day = found.day ?? 1;
  return { year, month, day, hour: (found.hour ?? 0) % 24, minute: found.minute ?? 0, second: found.second ?? 0, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

const two = (n: number) => String(n).padStart(2, '0');

function dateOf(lang: StatusLanguage, year: number, month: number, day: number): string {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return text(lang, 'date.short', { month, day, monthName: EN_MONTHS[month - 1] ?? '', weekday: weekdayName(lang, weekday) });
}

/** "12月3日（星期四）" / "Thursday 3 December", for a calendar date (YYYY-MM-DD). */
export function calendarDateText(date: string, lang: StatusLanguage): string {
  const [y, m, d] = date.split('-').map(Number);
  return dateOf(lang, y ?? 1970, m ?? 1, d ?? 1);
}

/** "12月3日（星期四） 09:15:30" on the office's clock; `seconds: false` leaves them out. */
export function dateTimeText(iso: string, timeZone: string, lang: StatusLanguage, options: { seconds?: boolean } = {}): string {
  const p = localParts(iso, timeZone);
  const time = `${two(p.hour)}:${two(p.minute)}${options.seconds === false ? '' : `:${two(p.second)}`}`;
  return text(lang, 'date.time', { date: dateOf(lang, p.year, p.month, p.day), time });
}

export const weekdayName = (lang: StatusLanguage, weekday: number): string => text(lang, `weekday.${weekday % 7}` as StatusStringKey);

/** "資料時間：12月3日（星期四） 09:15:30": when the server made this status. */
export function updatedAtText(status: PublicStatus, lang: StatusLanguage): string {
  return text(lang, 'updated.at', { time: dateTimeText(status.updatedAt, status.office.timeZone, lang) });
}

// ---- the lines ----

/** "約 10–20 分鐘" / "about 10–20 min"; "under 5 min" when nobody is ahead; no estimate without an open counter. */
export function estimateText(estimate: WaitEstimate, lang: StatusLanguage): string {
  if (estimate === null) return text(lang, 'estimate.none');
  if (estimate.min <= 0) return text(lang, 'estimate.short', { max: estimate.max });
  return text(lang, 'estimate.range', { min: estimate.min, max: estimate.max });
}

export function waitingText(count: number, lang: StatusLanguage): string {
  return text(lang, count === 1 ? 'waiting.one' : 'waiting.other', { n: count });
}

/** Why no number is issued, in words. */
export function issuingReasonText(reason: IssuingClosedReason | null, lang: StatusLanguage): string {
  return text(lang, `reason.${reason ?? 'issuing_closed'}` as StatusStringKey);
}

/** "開放取號" or "暫停取號：今日號碼已發完". */
export function issuingText(issuing: { open: boolean; reason: IssuingClosedReason | null }, lang: StatusLanguage): string {
  return issuing.open ? text(lang, 'issuing.open') : text(lang, 'issuing.closed', { reason: issuingReasonText(issuing.reason, lang) });
}

/** The unit after a count drawn large on its own ("人", "people"). */
export function waitingUnit(count: number, lang: StatusLanguage): string {
  return text(lang, count === 1 ? 'waiting.unit.one' : 'waiting.unit.other');
}

export interface LineRow {
  readonly id: string;
  readonly code: string;
  readonly name: Localized;
  readonly waiting: number;
  readonly waitingText: string;
  /** The unit alone, for a count drawn large ("3" and "人"). */
  readonly waitingUnit: string;
  /** The number last called in this line, or null before the first call. */
  readonly nowServing: string | null;
  readonly nowServingText: string;
  readonly estimateText: string;
  readonly issuingOpen: boolean;
  readonly issuingText: string;
  /** Why not, when it issues nothing. */
  readonly reasonText: string | null;
}

export function lineRows(status: PublicStatus, lang: StatusLanguage): LineRow[] {
  return status.services.map((s) => ({
    id: s.id,
    code: s.code,
    name: localized(s.names, lang),
    waiting: s.waiting,
    waitingText: waitingText(s.waiting, lang),
    waitingUnit: waitingUnit(s.waiting, lang),
    nowServing: s.nowServing,
    nowServingText: s.nowServing ?? text(lang, 'nowServing.none'),
    estimateText: estimateText(s.estimatedWait, lang),
    issuingOpen: s.issuing.open,
    issuingText: issuingText(s.issuing, lang),
    reasonText: s.issuing.open ? null : issuingReasonText(s.issuing.reason, lang),
  }));
}

export interface CounterRow {
  readonly id: string;
  readonly label: string;
  readonly name: Localized;
  readonly nowServingText: string;
  readonly statusText: string;
  readonly open: boolean;
}

export function counterRows(status: PublicStatus, lang: StatusLanguage): CounterRow[] {
  return status.counters.map((c) => ({
    id: c.id,
    label: text(lang, 'counter.name', { number: c.number }),
    name: localized(c.names, lang),
    nowServingText: c.nowServing ?? '—',
    statusText: text(lang, `counter.${c.status}` as StatusStringKey),
    open: c.status === 'open',
  }));
}

// ---- opening hours ----

type Session = Readonly<{ start: string; end: string; serviceIds: readonly string[] | null }>;

const sameLines = (a: readonly string[] | null, b: readonly string[] | null) =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((id) => b.includes(id)));

/**
 * Sessions that follow on one another for the same lines read as one stretch: the morning, the
 * noon session and the afternoon are "08:00–17:30" to a resident (the office stays open at noon).
 */
export function joinSessions<S extends Session>(sessions: readonly S[]): Session[] {
  const out: Session[] = [];
  for (const s of [...sessions].sort((a, b) => a.start.localeCompare(b.start))) {
    const last = out.at(-1);
    if (last && last.end === s.start && sameLines(last.serviceIds, s.serviceIds)) out[out.length - 1] = { ...last, end: s.end };
    else out.push({ start: s.start, end: s.end, serviceIds: s.serviceIds });
  }
  return out;
}

function sessionText(session: Session, status: PublicStatus, lang: StatusLanguage): string {
  const hours = { start: session.start, end: session.end };
  if (session.serviceIds === null) return text(lang, 'opening.session', hours);
  const names = session.serviceIds.map((id) => {
    const line = status.services.find((s) => s.id === id);
    return line ? localized(line.names, lang).text : id;
  });
  return text(lang, 'opening.sessionOnly', { ...hours, services: names.join(text(lang, 'opening.listSeparator')) });
}

export interface OpeningView {
  readonly open: boolean;
  /** "現在受理中" / "現在不受理". */
  readonly stateText: string;
  /** When closed now: when it opens next (or that it does not within three weeks). */
  readonly nextText: string | null;
  /** "今天 12月3日（星期四）". */
  readonly todayText: string;
  /** Today's sessions as "08:00–12:00", or "今天不受理". */
  readonly todaySessions: readonly string[];
  /** A holiday or make-up day today, in words. */
  readonly todayNotice: Localized | null;
  /** Monday first, as the office's week is read in Taiwan. */
  readonly week: readonly { readonly weekday: number; readonly day: string; readonly hours: string }[];
  /** Holidays and make-up days after today (within three weeks). */
  readonly specialDays: readonly Localized[];
}

export function openingView(status: PublicStatus, lang: StatusLanguage): OpeningView {
  const { opening } = status;
  const sep = text(lang, 'opening.listSeparator');
  const special = opening.today.specialDay;
  let todayNotice: Localized | null = null;
  if (special) {
    const name = localized(special.name, lang);
    todayNotice = {
      text:
        special.kind === 'closed'
          ? text(lang, 'opening.holiday', { name: name.text })
          : text(lang, 'opening.makeUp', { name: name.text, weekday: weekdayName(lang, special.sessionsOf) }),
      lang: LANGUAGE_TAGS[lang],
    };
  }
  const week = [1, 2, 3, 4, 5, 6, 0].map((weekday) => {
    const sessions = joinSessions(opening.weekly.filter((s) => s.weekday === weekday));
    return {
      weekday,
      day: weekdayName(lang, weekday),
      hours: sessions.length === 0 ? text(lang, 'opening.weekClosed') : sessions.map((s) => sessionText(s, status, lang)).join(sep),
    };
  });
  const specialDays = opening.specialDays
    .filter((d) => d.date > opening.today.date)
    .map((d) => {
      const date = calendarDateText(d.date, lang);
      const name = localized(d.name, lang).text;
      return {
        text: d.kind === 'closed' ? text(lang, 'opening.specialClosed', { date, name }) : text(lang, 'opening.specialOpen', { date, name, weekday: weekdayName(lang, d.sessionsOf) }),
        lang: LANGUAGE_TAGS[lang],
      };
    });
  return {
    open: opening.open,
    stateText: text(lang, opening.open ? 'opening.openNow' : 'opening.closedNow'),
    nextText: opening.open
      ? null
      : opening.nextOpening === null
        ? text(lang, 'opening.nextNone')
        : text(lang, 'opening.next', { when: dateTimeText(opening.nextOpening, status.office.timeZone, lang, { seconds: false }) }),
    todayText: text(lang, 'opening.today', { date: calendarDateText(opening.today.date, lang) }),
    todaySessions: opening.today.sessions.length === 0 ? [text(lang, 'opening.todayNone')] : joinSessions(opening.today.sessions).map((s) => sessionText(s, status, lang)),
    todayNotice,
    week,
    specialDays,
  };
}

// ---- announcements and the emergency closure ----

export interface AnnouncementRow {
  readonly id: string;
  readonly text: Localized;
  /** The lines it concerns, or null for all. */
  readonly services: string | null;
}

export function announcementRows(status: PublicStatus, lang: StatusLanguage): AnnouncementRow[] {
  return status.announcements.map((a) => ({
    id: a.id,
    text: localized(a.texts, lang),
    services:
      a.serviceIds === null
        ? null
        : a.serviceIds
            .map((id) => {
              const line = status.services.find((s) => s.id === id);
              return line ? localized(line.names, lang).text : id;
            })
            .join(text(lang, 'opening.listSeparator')),
  }));
}

export interface ClosureView {
  readonly reason: Localized;
  readonly sinceText: string;
}

export function closureView(status: PublicStatus, lang: StatusLanguage): ClosureView | null {
  if (!status.closure) return null;
  return {
    reason: localized(status.closure.reason, lang),
    sinceText: text(lang, 'closure.since', { time: dateTimeText(status.closure.since, status.office.timeZone, lang, { seconds: false }) }),
  };
}

// ---- the connection ----

/**
 * static: rendered on the server (no script runs yet, or none at all: say nothing about a
 * connection); connecting; live; lost: the server has been away a few seconds (useLost / watchLost).
 */
export type Liveness = 'static' | 'connecting' | 'live' | 'lost';

export function liveness(input: { readonly started: boolean; readonly online: boolean; readonly lost: boolean }): Liveness {
  if (!input.started) return 'static';
  if (input.online) return 'live';
  return input.lost ? 'lost' : 'connecting';
}

/**
 * What to say about the connection, or null for the server's rendering: "正在連線…", "即時更新中",
 * and when lost the whole notice with the time of the figures shown (staleNotice).
 */
export function livenessText(state: Liveness, status: PublicStatus | null, lang: StatusLanguage): string | null {
  return state === 'lost' ? staleNotice(status, lang) : livenessLabel(state, lang);
}

/** The connection in a word or two, for a status line beside the notice ("連線中斷" when lost). */
export function livenessLabel(state: Liveness, lang: StatusLanguage): string | null {
  switch (state) {
    case 'static':
      return null;
    case 'connecting':
      return text(lang, 'live.connecting');
    case 'live':
      return text(lang, 'live.online');
    case 'lost':
      return text(lang, 'live.offline');
  }
}

/** The notice while the connection is lost: the figures shown are from then, and may be out of date. */
export function staleNotice(status: PublicStatus | null, lang: StatusLanguage): string {
  return text(lang, 'live.lost', { time: status ? dateTimeText(status.updatedAt, status.office.timeZone, lang) : '—' });
}

/** The document title: "即時候位人數 · 臺中市北區戶政事務所". */
export function docTitle(status: PublicStatus | null, lang: StatusLanguage): string {
  return status ? text(lang, 'page.docTitle', { office: localized(status.office.names, lang).text }) : text(lang, 'page.title');
}
