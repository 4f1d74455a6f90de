// What the kiosk shows, as pure functions of the office state, the resident's choices and the time
// (STYLE.md habit 14): the lines with their queues and whether they issue, the confirm screen's
// people ahead, wait range and documents, and when the office opens again.
import { issuingFor, servicesInOrder, waitingIn, type OfficeState } from '@jiaohao/shared/reducer';
import { localized } from '@jiaohao/shared/i18n';
import { nextSessionStart } from '@jiaohao/shared/rules';
import type { IssuingStatus, Language, LineEstimates, LocalizedText, ServiceIcon, TicketClass, WaitEstimate } from '@jiaohao/shared/schemas';

export interface LineChoice {
  readonly id: string;
  readonly name: string;
  readonly summary: string | null;
  readonly icon: ServiceIcon;
  readonly waiting: number;
  readonly issuing: IssuingStatus;
  readonly allowPriority: boolean;
}

export type OfficeOpen =
  | { readonly kind: 'open' }
  /** No line issues now: closed by an emergency (with its reason), or until the next session. */
  | { readonly kind: 'closure'; readonly reason: LocalizedText }
  | { readonly kind: 'closed'; readonly opensAt: number | null };

export interface StartModel {
  readonly officeName: string;
  readonly lines: readonly LineChoice[];
  readonly office: OfficeOpen;
}

export function startModel(state: OfficeState, lang: Language, now: number): StartModel {
  const lines = servicesInOrder(state.services).map(
    (s): LineChoice => ({
      id: s.id,
      name: localized(s.names, lang),
      summary: s.summary ? localized(s.summary, lang) : null,
      icon: s.icon ?? 'general',
      waiting: waitingIn(state, s.id).length,
      issuing: issuingFor(state, now, s.id),
      allowPriority: s.allowPriority,
    }),
  );
  let office: OfficeOpen = { kind: 'open' };
  if (state.closure) office = { kind: 'closure', reason: state.closure.reason };
  else if (lines.length > 0 && lines.every((l) => !l.issuing.open)) {
    // Only when nothing issues: one stopped line is said on its own button.
    const bySessions = lines.every((l) => l.issuing.reason === 'outside_session');
    const opensAt = bySessions ? nextSessionStart(state.office, now, state.office.timeZone) : null;
    office = { kind: 'closed', opensAt };
  }
  return { officeName: localized(state.office.names, lang), lines, office };
}

export interface ConfirmModel {
  readonly line: LineChoice;
  readonly ticketClass: TicketClass;
  /** The resident asked for priority but the line has none. */
  readonly priorityRefused: boolean;
  readonly ahead: number;
  /** The server's range (null: it promises none, e.g. no open counter); 'pending' until it is read. */
  readonly estimate: WaitEstimate | 'pending';
  readonly documents: readonly string[];
}

/**
 * The confirm screen. People ahead: those waiting in the line (a priority ticket is served sooner).
 * The wait is the server's wait model for the class the ticket will have (GET /api/v1/estimates):
 * the same range the issue answer then gives, not a second estimate of the kiosk's own.
 */
export function confirmModel(
  state: OfficeState,
  serviceId: string,
  priority: boolean,
  lang: Language,
  now: number,
  estimates: LineEstimates | null,
): ConfirmModel | null {
  const service = state.services[serviceId];
  if (!service) return null;
  const line = startModel(state, lang, now).lines.find((l) => l.id === serviceId);
  if (!line) return null;
  const ahead = waitingIn(state, serviceId).length;
  const ticketClass: TicketClass = priority && service.allowPriority ? 'priority' : 'normal';
  return {
    line,
    ticketClass,
    priorityRefused: priority && !service.allowPriority,
    ahead,
    estimate: estimates === null ? 'pending' : (estimates[serviceId]?.[ticketClass] ?? null),
    documents: localized(service.documents, lang),
  };
}

/** A date and time as residents read it, in the office's zone (hand-joined: no narrow spaces). */
export function formatOpening(at: number, tag: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat(tag, { timeZone, month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  // Some locales put U+202F or U+2009 between the parts; a plain space reads the same everywhere.
  return text.replace(/[\u2009\u202f]/g, ' ');
}
