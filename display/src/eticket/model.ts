// What the e-ticket page shows, as a pure function of the resident's ticket view, the time and the
// language shown (STYLE.md habit 14): which screen, the number, the line and office in that language,
// the people ahead and the wait as catalog keys, the counter to go to, whether the call screen is due,
// whether the ticket may be cancelled and whether it may be rated. Components only draw this.
import type { ETicketView, Language, LocalizedText, TicketState } from '@jiaohao/shared/schemas';
import { canMove } from '@jiaohao/shared/rules';
import { FALLBACK_LANGUAGE, LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import type { ETicketKey } from '@jiaohao/shared/catalogs';

/** A text from the server in the language shown, or in Chinese when it has none, with the tag of the one it is in. */
export interface Named {
  readonly text: string;
  /** BCP 47 tag of the language `text` is in (for `lang=`: a screen reader reads a Chinese fallback as Chinese). */
  readonly lang: string;
}

export interface Phrase {
  readonly key: ETicketKey;
  readonly values?: Readonly<Record<string, string | number>>;
}

export type Phase = 'waiting' | 'called' | 'serving' | 'final';
export type FinalState = Extract<TicketState, 'done' | 'cancelled' | 'no_show' | 'expired'>;

export interface ETicketModel {
  readonly ticketId: string;
  readonly number: string;
  readonly phase: Phase;
  readonly state: TicketState;
  /** The state in words (等候中, Called…). */
  readonly status: Phrase;
  readonly office: Named;
  readonly service: Named;
  /** Priority or appointment ticket; null for an ordinary one. */
  readonly badge: Phrase | null;
  /** When it was taken, in the office's time zone. */
  readonly issued: Phrase;
  /** While waiting: how long so far. */
  readonly waited: Phrase | null;
  /** While waiting: how many are ahead ("You are next", "3 people"). */
  readonly ahead: Phrase | null;
  readonly aheadCount: number | null;
  /** While waiting: the wait range, or that it cannot be told. */
  readonly wait: Phrase | null;
  /** Called or being served: where to go. */
  readonly counter: { readonly number: number; readonly name: Named } | null;
  /**
   * Called: the call to show full screen. `key` changes with every call and recall, so a recall
   * shows it again after the resident closed it.
   */
  readonly call: { readonly key: string; readonly recall: boolean } | null;
  /** Finished, cancelled, missed or expired: what to say. */
  readonly final: { readonly state: FinalState; readonly title: Phrase; readonly text: Phrase } | null;
  /** The transition table allows a cancel (a waiting ticket). */
  readonly canCancel: boolean;
  /** Finished (done) and not rated yet: the rating is offered. */
  readonly canRate: boolean;
  /** The rating given, once it was. */
  readonly rating: { readonly score: number } | null;
  /** The browser tab's title. */
  readonly docTitle: Phrase;
}

/** `text` in `lang`, else in Chinese, saying which. */
export function named(text: LocalizedText, lang: Language): Named {
  const own = text[lang];
  if (own) return { text: own, lang: LANGUAGE_TAGS[lang] };
  return { text: text[FALLBACK_LANGUAGE], lang: LANGUAGE_TAGS[FALLBACK_LANGUAGE] };
}

const FINAL_STATES: readonly FinalState[] = ['done', 'cancelled', 'no_show', 'expired'];
const isFinal = (s: TicketState): s is FinalState => (FINAL_STATES as readonly string[]).includes(s);

const MINUTE = 60_000;

function clock(iso: string, timeZone: string, lang: Language): string {
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[lang], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

function aheadPhrase(n: number): Phrase {
  if (n <= 0) return { key: 'eticket.ahead.none' };
  if (n === 1) return { key: 'eticket.ahead.one' };
  return { key: 'eticket.ahead.many', values: { n } };
}

function waitPhrase(estimate: ETicketView['estimatedWait']): Phrase {
  if (!estimate) return { key: 'eticket.wait.unknown' };
  if (estimate.min <= 0) return { key: 'eticket.wait.under', values: { max: estimate.max } };
  return { key: 'eticket.wait.range', values: { min: estimate.min, max: estimate.max } };
}

/** What to show for `view` at `now`, with the server's texts in `lang` (default: the ticket's own language). */
export function eticketModel(view: ETicketView, now: number, lang: Language = view.language): ETicketModel {
  const { state } = view;
  const phase: Phase = isFinal(state) ? 'final' : state === 'called' ? 'called' : state === 'serving' ? 'serving' : 'waiting';
  const waiting = phase === 'waiting';
  const counter = view.counter && (phase === 'called' || phase === 'serving') ? { number: view.counter.number, name: named(view.counter.names, lang) } : null;
  const final = isFinal(state)
    ? { state, title: { key: `eticket.state.${state}` as const }, text: { key: `eticket.final.${state}` as const } }
    : null;
  const call = phase === 'called' && counter ? { key: `${view.ticketId}|${view.calledAt ?? ''}|${view.recallCount}`, recall: view.recallCount > 0 } : null;
  return {
    ticketId: view.ticketId,
    number: view.number,
    phase,
    state,
    status: { key: `eticket.state.${state}` },
    office: named(view.office.names, lang),
    service: named(view.service.names, lang),
    badge: view.class === 'priority' ? { key: 'eticket.priority' } : view.class === 'appointment' ? { key: 'eticket.appointment' } : null,
    issued: { key: 'eticket.issuedAt', values: { time: clock(view.issuedAt, view.office.timeZone, lang) } },
    waited: waiting ? { key: 'eticket.waited', values: { min: Math.max(0, Math.floor((now - Date.parse(view.issuedAt)) / MINUTE)) } } : null,
    ahead: waiting && view.ahead !== null ? aheadPhrase(view.ahead) : null,
    aheadCount: waiting ? view.ahead : null,
    wait: waiting ? waitPhrase(view.estimatedWait) : null,
    counter,
    call,
    final,
    canCancel: canMove(state, 'cancel'),
    canRate: state === 'done' && view.rating === null,
    rating: view.rating ? { score: view.rating.score } : null,
    docTitle: call && counter ? { key: 'eticket.doc.called', values: { number: view.number, counter: counter.number } } : { key: 'eticket.doc.title', values: { number: view.number } },
  };
}

/**
 * What the page's live regions say when the model changes from `before` to `after`: a new call or
 * recall (assertive), a change of place in the line or of state (polite). Nothing on the first
 * view, which the page itself shows, and nothing when only the wait or the time moved.
 */
export function eticketAnnouncement(before: ETicketModel | null, after: ETicketModel): { readonly urgent: boolean; readonly phrase: Phrase } | null {
  if (!before || before.ticketId !== after.ticketId) return null;
  if (after.call && after.call.key !== before.call?.key && after.counter) {
    return { urgent: true, phrase: { key: 'eticket.called.text', values: { number: after.number, counter: after.counter.number } } };
  }
  if (after.state !== before.state) {
    if (after.phase === 'serving' && after.counter) return { urgent: false, phrase: { key: 'eticket.serving.text', values: { counter: after.counter.number } } };
    if (after.final) return { urgent: false, phrase: after.final.title };
    if (after.phase === 'waiting' && after.aheadCount !== null) return { urgent: false, phrase: aheadAnnouncement(after.aheadCount) };
    return null;
  }
  if (after.phase === 'waiting' && after.aheadCount !== null && after.aheadCount !== before.aheadCount) {
    return { urgent: false, phrase: aheadAnnouncement(after.aheadCount) };
  }
  return null;
}

function aheadAnnouncement(n: number): Phrase {
  return n <= 0 ? { key: 'eticket.ahead.none' } : { key: 'eticket.a11y.ahead', values: { n } };
}
