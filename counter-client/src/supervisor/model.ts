// What the supervisor's floor shows, as pure functions of the office state and the time (STYLE.md
// habit 14): every counter with who holds it and how long its ticket has been there, every line
// with its wait against its target, the alerts that need a person now, the issuing of each line,
// today's figures, the announcement and closure forms, and the queue policy in sentences.
// Components only draw these.
import { activeAnnouncements, atCounter, countersInOrder, issuingFor, lineWait, minutesSince, servicesInOrder, type OfficeState } from '@jiaohao/shared/reducer';
import { localized } from '@jiaohao/shared/i18n';
import { holderOf, instantAt, isStopActive, localTime, sessionAt, sessionEndsAt } from '@jiaohao/shared/rules';
import { MAX_ANNOUNCEMENT_DAYS } from '@jiaohao/shared/schemas';
import type {
  Announcement,
  ClosureWaiting,
  Counter,
  EventOf,
  IssuingStatus,
  IssuingStop,
  Language,
  LineEstimates,
  LocalizedText,
  PolicyPatch,
  PostAnnouncementPayload,
  QueuePolicy,
  Service,
  ServiceFigures,
  Ticket,
  TodayStats,
  WaitEstimate,
} from '@jiaohao/shared/schemas';

const MINUTE = 60_000;

/** A catalog key and its values: what a component passes to t(). */
export interface Sentence {
  readonly key: string;
  readonly values: Readonly<Record<string, string | number>>;
  /** Values that are themselves catalog keys, translated first (a stop's reason). */
  readonly refs?: Readonly<Record<string, string>>;
  /** Ask i18next for the ordinal form ("3rd"); `values.count` is the number. */
  readonly ordinal?: true;
}

const activeServices = (state: OfficeState): Service[] => servicesInOrder(state.services);
const activeCounters = (state: OfficeState): Counter[] => countersInOrder(state.counters);

// ---- Counters ----

export interface CounterRow {
  readonly counter: Counter;
  /** The clerk holding it (opened it and has not closed it), or null. */
  readonly holderId: string | null;
  /** The holder's display name, when the names are known. */
  readonly holderName: string | null;
  readonly ticket: Ticket | null;
  readonly service: Service | null;
  /**
   * Minutes since the ticket was called here. The handling-time limit is measured on the same
   * clock, so the figure shown and the alert agree (a resident who never comes also ties it up).
   */
  readonly minutesAtCounter: number | null;
  readonly overLimit: boolean;
  /** A supervisor may free it (counter:release): a clerk holds it. */
  readonly canRelease: boolean;
}

export function counterRows(state: OfficeState, names: Readonly<Record<string, string>>, now: number): CounterRow[] {
  return activeCounters(state).map((counter) => {
    const ticket = atCounter(state, counter.id) ?? null;
    const service = ticket ? (state.services[ticket.serviceId] ?? null) : null;
    const minutes = ticket?.calledAt ? minutesSince(ticket.calledAt, now) : null;
    const holderId = holderOf(counter);
    return {
      counter,
      holderId,
      holderName: holderId === null ? null : (names[holderId] ?? null),
      ticket,
      service,
      minutesAtCounter: minutes,
      overLimit: minutes !== null && service !== null && minutes > service.targetHandlingMinutes,
      canRelease: holderId !== null,
    };
  });
}

// ---- Lines ----

export interface LineRow {
  readonly service: Service;
  readonly waiting: number;
  readonly longestWaitMinutes: number | null;
  readonly overTarget: boolean;
  /** Open counters serving the line. */
  readonly openCounters: number;
  /** For the next ticket issued now: the server's wait model (null: none promised); 'pending' until read. */
  readonly estimate: WaitEstimate | 'pending';
  /** Whether kiosks issue for the line now, and why not. */
  readonly issuing: IssuingStatus;
  /** This line's own stop, while it holds (a whole-office stop is the office's). */
  readonly stop: IssuingStop | null;
}

export function lineRows(state: OfficeState, now: number, estimates: LineEstimates | null): LineRow[] {
  const open = activeCounters(state).filter((c) => c.status === 'open');
  return activeServices(state).map((service) => {
    const { waiting, longestWaitMinutes, overTarget } = lineWait(state, service, now);
    const openCounters = open.filter((c) => c.serviceIds.includes(service.id)).length;
    return {
      service,
      waiting: waiting.length,
      longestWaitMinutes,
      overTarget,
      openCounters,
      estimate: estimates === null ? 'pending' : (estimates[service.id]?.normal ?? null),
      issuing: issuingFor(state, now, service.id),
      stop: state.issuingStops.find((s) => s.serviceId === service.id && isStopActive(s, now)) ?? null,
    };
  });
}

/** The whole office's issuing: its status and the supervisor's office-wide stop, if one holds. */
export function officeIssuing(state: OfficeState, now: number): { readonly issuing: IssuingStatus; readonly stop: IssuingStop | null } {
  return {
    issuing: issuingFor(state, now),
    stop: state.issuingStops.find((s) => s.serviceId === null && isStopActive(s, now)) ?? null,
  };
}

/** When a stop "for the rest of the session" made now would end, as a time of day. */
export function sessionEndText(state: OfficeState, now: number, serviceId: string | null): string {
  const { timeZone } = state.office;
  return clockText(sessionEndsAt(state.office, now, timeZone, serviceId), timeZone, state.businessDate);
}

/** Why a line or the office issues nothing, in a sentence ("stopped: capacity reached, until 12:00"). */
export function issuingSentence(issuing: IssuingStatus, stop: IssuingStop | null, officeStop: IssuingStop | null, timeZone: string, today: string): Sentence {
  if (issuing.open) return { key: 'floor.issuing.open', values: {} };
  const reason = issuing.reason ?? 'issuing_closed';
  if (reason === 'day_closed' || reason === 'office_closed' || reason === 'issuing_closed' || reason === 'outside_session') {
    return { key: `floor.issuing.closed.${reason}`, values: {} };
  }
  // A supervisor's stop: the whole office's wins over the line's own (see stopFor).
  const which = officeStop ?? stop;
  const scope = which?.serviceId === null ? 'office' : 'line';
  if (which?.endsAt) {
    return { key: `floor.issuing.stopped.${scope}.until`, values: { time: clockText(Date.parse(which.endsAt), timeZone, today) }, refs: { reason: `floor.stopReason.${reason}` } };
  }
  return { key: `floor.issuing.stopped.${scope}.resumed`, values: {}, refs: { reason: `floor.stopReason.${reason}` } };
}

/** A time of day in the office's zone, with the date when it is not `today` ("05-07 12:00"). */
export function clockText(ms: number, timeZone: string, today: string): string {
  const t = localTime(ms, timeZone);
  return t.date === today ? t.time : `${t.date.slice(5)} ${t.time}`;
}

// ---- Alerts ----

export type FloorAlert =
  | { readonly kind: 'line_unserved'; readonly id: string; readonly serviceId: string; readonly waiting: number }
  | { readonly kind: 'line_over_target'; readonly id: string; readonly serviceId: string; readonly minutes: number; readonly targetMinutes: number; readonly waiting: number }
  | {
      readonly kind: 'handling_over_limit';
      readonly id: string;
      readonly counterId: string;
      readonly ticketId: string;
      readonly number: string;
      readonly serviceId: string;
      readonly minutes: number;
      readonly limitMinutes: number;
    };

const overBy = (a: FloorAlert): number => (a.kind === 'line_unserved' ? Infinity : a.kind === 'line_over_target' ? a.minutes - a.targetMinutes : a.minutes - a.limitMinutes);

/**
 * What needs a supervisor now: people waiting in a line no open counter serves, a line whose
 * longest wait passed its target wait, a ticket at a counter past its line's handling-time limit
 * (處理時限). Most urgent first: an unserved line, then by how far past its limit, then by id.
 */
export function floorAlerts(state: OfficeState, now: number): FloorAlert[] {
  const alerts: FloorAlert[] = [];
  for (const line of lineRows(state, now, null)) {
    const serviceId = line.service.id;
    if (line.waiting > 0 && line.openCounters === 0) alerts.push({ kind: 'line_unserved', id: `unserved:${serviceId}`, serviceId, waiting: line.waiting });
    if (line.overTarget && line.longestWaitMinutes !== null) {
      alerts.push({ kind: 'line_over_target', id: `wait:${serviceId}`, serviceId, minutes: line.longestWaitMinutes, targetMinutes: line.service.targetWaitMinutes, waiting: line.waiting });
    }
  }
  for (const row of counterRows(state, {}, now)) {
    if (!row.overLimit || !row.ticket || !row.service || row.minutesAtCounter === null) continue;
    alerts.push({
      kind: 'handling_over_limit',
      id: `handling:${row.counter.id}`,
      counterId: row.counter.id,
      ticketId: row.ticket.id,
      number: row.ticket.number,
      serviceId: row.service.id,
      minutes: row.minutesAtCounter,
      limitMinutes: row.service.targetHandlingMinutes,
    });
  }
  return alerts.sort((a, b) => overBy(b) - overBy(a) || a.id.localeCompare(b.id));
}

const serviceLabel = (state: OfficeState, id: string, lang: Language): string => {
  const s = state.services[id];
  return s ? localized(s.names, lang) : id;
};
const counterLabel = (state: OfficeState, id: string, lang: Language): string => {
  const c = state.counters[id];
  return c ? localized(c.names, lang) : id;
};

/** An alert in words, with the names of its line and counter. */
export function alertSentence(alert: FloorAlert, state: OfficeState, lang: Language): Sentence {
  const line = serviceLabel(state, alert.serviceId, lang);
  switch (alert.kind) {
    case 'line_unserved':
      return { key: 'floor.alert.unserved', values: { line, count: alert.waiting } };
    case 'line_over_target':
      return { key: 'floor.alert.overTarget', values: { line, minutes: alert.minutes, target: alert.targetMinutes, count: alert.waiting } };
    case 'handling_over_limit':
      return { key: 'floor.alert.overLimit', values: { counter: counterLabel(state, alert.counterId, lang), number: alert.number, line, minutes: alert.minutes, limit: alert.limitMinutes } };
  }
}

/** A server's alert:raised (a device or account issuing far faster than people walk up). */
export type RaisedAlert = EventOf<'alert:raised'>;

/**
 * A raised alert in words: who, how many in what window, and that the rest were refused; or which
 * kiosk could not print which number, and why.
 */
export function raisedAlertSentence(event: RaisedAlert, names: Readonly<Record<string, string>>): Sentence {
  const alert = event.data.alert;
  if (alert.kind === 'print_failed') {
    return { key: `floor.alert.print.${alert.reason}`, values: { who: alert.deviceName, number: alert.number } };
  }
  const { by, count, windowSeconds, command } = alert;
  const who = by.kind === 'staff' ? (names[by.id] ?? by.id) : by.id;
  return { key: `floor.alert.rate.${by.kind}`, values: { who, count, seconds: windowSeconds, command } };
}

// ---- Announcements ----

export const ANNOUNCEMENT_LANGUAGES = ['zh-TW', 'en', 'vi', 'id', 'th'] as const satisfies readonly Language[];

export interface AnnouncementDraft {
  readonly texts: Readonly<Record<Language, string>>;
  /** The lines it concerns; none chosen: every line. */
  readonly serviceIds: readonly string[];
  /** Local date and time in the office's zone, as an <input type="datetime-local"> gives it (YYYY-MM-DDTHH:MM). */
  readonly endsAt: string;
}

export type AnnouncementProblem = 'text_required' | 'ends_invalid' | 'ends_past' | 'ends_too_far';

/** How far ahead an announcement may end (the server refuses later ones). */
export const ANNOUNCEMENT_MAX_DAYS = MAX_ANNOUNCEMENT_DAYS;

/** A local date-time for the form's default end: the end of the session running now (or of the day). */
export function defaultAnnouncementEnd(state: OfficeState, now: number): string {
  const { timeZone } = state.office;
  // Outside every session "the end of the session" is midnight; an hour from now says more.
  const end = sessionAt(state.office, now, timeZone) ? sessionEndsAt(state.office, now, timeZone, null) : now + 60 * MINUTE;
  const t = localTime(end, timeZone);
  return `${t.date}T${t.time}`;
}

/** The command's payload from the form, or what is wrong with it. */
export function announcementPayload(draft: AnnouncementDraft, timeZone: string, now: number): { ok: true; payload: PostAnnouncementPayload } | { ok: false; problems: AnnouncementProblem[] } {
  const problems: AnnouncementProblem[] = [];
  const zh = draft.texts['zh-TW'].trim();
  if (!zh) problems.push('text_required');
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(draft.endsAt);
  const endsAt = m ? instantAt(m[1]!, m[2]!, timeZone) : NaN;
  if (!Number.isFinite(endsAt)) problems.push('ends_invalid');
  else if (endsAt <= now) problems.push('ends_past');
  else if (endsAt - now > ANNOUNCEMENT_MAX_DAYS * 24 * 60 * MINUTE) problems.push('ends_too_far');
  if (problems.length > 0) return { ok: false, problems };
  const texts: LocalizedText = { 'zh-TW': zh };
  for (const lang of ANNOUNCEMENT_LANGUAGES) {
    const text = draft.texts[lang].trim();
    if (lang !== 'zh-TW' && text) texts[lang] = text;
  }
  return {
    ok: true,
    payload: { texts, endsAt: new Date(endsAt).toISOString(), ...(draft.serviceIds.length > 0 ? { serviceIds: [...draft.serviceIds] } : {}) },
  };
}

/** The announcements shown now, oldest first. */
export const shownAnnouncements = (state: OfficeState, now: number): Announcement[] => activeAnnouncements(state, now);

// ---- Emergency closure ----

export interface ClosureDraft {
  readonly zh: string;
  readonly en: string;
  readonly waiting: ClosureWaiting;
}

export function closurePayload(draft: ClosureDraft): { ok: true; payload: { reason: LocalizedText; waiting: ClosureWaiting } } | { ok: false } {
  const zh = draft.zh.trim();
  if (!zh) return { ok: false };
  const en = draft.en.trim();
  return { ok: true, payload: { reason: en ? { 'zh-TW': zh, en } : { 'zh-TW': zh }, waiting: draft.waiting } };
}

/** What the confirmation says will happen, plainly, with the number of people waiting now. */
export function closureConsequences(state: OfficeState, waiting: ClosureWaiting): Sentence[] {
  const count = Object.values(state.tickets).filter((t) => t.state === 'waiting').length;
  const atCounters = Object.values(state.tickets).filter((t) => t.state === 'called' || t.state === 'serving').length;
  return [
    { key: 'floor.closure.effect.kiosks', values: {} },
    waiting === 'close' ? { key: 'floor.closure.effect.close', values: { count } } : { key: 'floor.closure.effect.serve', values: { count } },
    ...(atCounters > 0 ? [{ key: 'floor.closure.effect.atCounters', values: { count: atCounters } }] : []),
    { key: 'floor.closure.effect.displays', values: {} },
  ];
}

// ---- Today at a glance ----

export interface StatsRow {
  /** Null for the whole office (the totals row). */
  readonly service: Service | null;
  readonly serviceId: string | null;
  readonly figures: Omit<ServiceFigures, 'serviceId'>;
}

/** One row per line in the answer's order (a line no longer known by its id last), then the totals. */
export function statsRows(stats: TodayStats, state: OfficeState | null): StatsRow[] {
  const rows: StatsRow[] = stats.services.map(({ serviceId, ...figures }) => ({ service: state?.services[serviceId] ?? null, serviceId, figures }));
  return [...rows, { service: null, serviceId: null, figures: stats.totals }];
}

// ---- Queue policy ----

export interface PolicyDraft {
  readonly priorityMaxWaitMinutes: string;
  readonly priorityEveryNth: string;
}

export const POLICY_LIMITS = {
  priorityMaxWaitMinutes: { min: 0, max: 600 },
  priorityEveryNth: { min: 0, max: 100 },
} as const;
export type PolicyField = keyof typeof POLICY_LIMITS;

export const policyDraftOf = (policy: QueuePolicy): PolicyDraft => ({
  priorityMaxWaitMinutes: String(policy.priorityMaxWaitMinutes),
  priorityEveryNth: String(policy.priorityEveryNth),
});

/** A whole number within the field's limits, or null. */
export function policyValue(field: PolicyField, text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,4}$/.test(t)) return null;
  const n = Number(t);
  const { min, max } = POLICY_LIMITS[field];
  return n >= min && n <= max ? n : null;
}

/** What the threshold does, as pickNext applies it (a wait of at least that long goes first). */
export function thresholdSentence(minutes: number | null): Sentence | null {
  if (minutes === null) return null;
  if (minutes === 0) return { key: 'floor.policy.threshold.zero', values: {} };
  return { key: 'floor.policy.threshold.sentence', values: { minutes } };
}

/** What every-Nth does: the Nth call since the counter last served a priority ticket takes one. */
export function everyNthSentence(n: number | null): Sentence | null {
  if (n === null) return null;
  if (n === 0) return { key: 'floor.policy.everyNth.never', values: {} };
  if (n === 1) return { key: 'floor.policy.everyNth.every', values: {} };
  return { key: 'floor.policy.everyNth.sentence', values: { count: n }, ordinal: true };
}

/** The changed fields as a policy:update payload; null when a field is not valid or nothing changed. */
export function policyPatch(draft: PolicyDraft, current: QueuePolicy): PolicyPatch | null {
  const patch: { -readonly [K in PolicyField]?: number } = {};
  for (const field of Object.keys(POLICY_LIMITS) as PolicyField[]) {
    const value = policyValue(field, draft[field]);
    if (value === null) return null;
    if (value !== current[field]) patch[field] = value;
  }
  return Object.keys(patch).length > 0 ? patch : null;
}
