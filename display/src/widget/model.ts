// What the widget draws, as a pure function of the live state and the language (STYLE.md habit 14):
// the same words and numbers as the /status page (display/src/public-status/), in a small box.
import { STATUS_PATH } from '@jiaohao/shared/rules';
import { languageTag, lineRows, livenessText, localized, text, updatedAtText, type StatusLanguage } from '../public-status';
import type { LiveState } from './live';

export interface WidgetLine {
  readonly name: string;
  readonly waiting: string;
  readonly nowServing: string;
  readonly estimate: string;
  /** Why it issues no number now; null while it does. */
  readonly closed: string | null;
}

export interface WidgetModel {
  /** For the box's lang attribute. */
  readonly lang: string;
  readonly title: string;
  readonly office: string;
  readonly caption: string;
  readonly headers: { readonly line: string; readonly waiting: string; readonly nowServing: string; readonly estimate: string };
  readonly lines: readonly WidgetLine[];
  /** Connecting, or the connection lost (with the time of the figures shown); null while live. */
  readonly notice: string | null;
  readonly updated: string | null;
  readonly more: { readonly label: string; readonly href: string };
}

/** `server` is the origin the widget came from (where the full page and the feed are). */
export function widgetModel(live: LiveState, lang: StatusLanguage, server: string): WidgetModel {
  const { status } = live;
  const state = live.lost ? 'lost' : status ? 'live' : 'connecting';
  return {
    lang: languageTag(lang),
    title: text(lang, 'page.title'),
    office: status ? localized(status.office.names, lang).text : '',
    caption: text(lang, 'lines.caption'),
    headers: { line: text(lang, 'col.service'), waiting: text(lang, 'col.waiting'), nowServing: text(lang, 'col.nowServing'), estimate: text(lang, 'col.estimate') },
    lines: status
      ? lineRows(status, lang).map((row) => ({
          name: row.name.text,
          waiting: row.waitingText,
          nowServing: row.nowServingText,
          estimate: row.estimateText,
          closed: row.reasonText === null ? null : row.issuingText,
        }))
      : [],
    notice: state === 'live' ? null : livenessText(state, status, lang),
    updated: status ? updatedAtText(status, lang) : null,
    more: { label: text(lang, 'widget.more'), href: `${server}${STATUS_PATH}${lang === 'en' ? '?lang=en' : ''}` },
  };
}
