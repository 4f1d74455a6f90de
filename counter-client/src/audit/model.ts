// The audit view's words, as pure functions of what the server answered and the office state (the
// lines' and counters' names): one row per entry of the trail, and the check of the event log in
// sentences. The component only draws them.
import type { TFunction } from 'i18next';
import { localized } from '@jiaohao/shared/i18n';
import { localTime } from '@jiaohao/shared/rules';
import type { OfficeState } from '@jiaohao/shared/reducer';
import type { AuditEntry, AuditTrailDay, ChainCheck, Language } from '@jiaohao/shared/schemas';

export interface AuditRow {
  readonly seq: number;
  /** HH:MM:SS in the office's zone. */
  readonly time: string;
  readonly what: string;
  /** A transfer's "what" names where it went: long enough to wrap. */
  readonly transfer: boolean;
  readonly number: string;
  readonly line: string;
  readonly counter: string;
  readonly who: string;
  readonly reason: string;
}

/** HH:MM:SS of an instant in the office's zone (the trail's entries lie within one business date). */
export function timeOfDay(at: string, timeZone: string): string {
  const ms = Date.parse(at);
  // Every zone in use is a whole number of minutes off UTC: the seconds are UTC's.
  const seconds = new Date(ms).toISOString().slice(17, 19);
  return `${localTime(ms, timeZone).time}:${seconds}`;
}

/** YYYY-MM-DD HH:MM in the office's zone. */
export function dateTime(at: string, timeZone: string): string {
  const t = localTime(Date.parse(at), timeZone);
  return `${t.date} ${t.time}`;
}

function names(office: OfficeState, lang: Language) {
  return {
    line: (id: string) => {
      const s = office.services[id];
      return s ? localized(s.names, lang) : id;
    },
    counter: (id: string | null) => {
      if (id === null) return null;
      const c = office.counters[id];
      return c ? localized(c.names, lang) : id;
    },
  };
}

function whoText(e: AuditEntry, t: TFunction): string {
  switch (e.actor.kind) {
    case 'staff':
      return e.actor.name ?? t('audit.who.unknownStaff');
    case 'device':
      return e.actor.name === null ? t('audit.who.unknownDevice') : t('audit.who.device', { name: e.actor.name });
    case 'resident':
      return t('audit.who.resident');
    case 'system':
      return t('audit.who.system');
  }
}

/** The reason's label (or the rule that chose a call), then the note the clerk typed, if any. */
function reasonText(e: AuditEntry, t: TFunction): string {
  // An unknown code (a newer server) is shown as it is rather than as nothing.
  const label = e.reason !== null ? t(`audit.reason.${e.reason}`, { defaultValue: e.reason }) : e.pickReason !== null ? t(`audit.rule.${e.pickReason}`) : null;
  if (label === null) return e.note ?? t('audit.noReason');
  return e.note ? t('audit.withNote', { reason: label, note: e.note }) : label;
}

export function trailRows(trail: AuditTrailDay, office: OfficeState, lang: Language, t: TFunction): AuditRow[] {
  const n = names(office, lang);
  const tz = office.office.timeZone;
  return trail.entries.map((e) => {
    let what = t(`audit.kind.${e.kind}`);
    if (e.transferTo) {
      const counter = n.counter(e.transferTo.counterId);
      const to = counter === null ? n.line(e.transferTo.serviceId) : t('audit.transferToCounter', { line: n.line(e.transferTo.serviceId), counter });
      what = t('audit.transferTo', { to });
    }
    return {
      seq: e.seq,
      time: timeOfDay(e.at, tz),
      what,
      transfer: e.transferTo !== null,
      number: e.ticket.number,
      line: n.line(e.ticket.serviceId),
      counter: n.counter(e.counterId) ?? t('audit.noCounter'),
      who: whoText(e, t),
      reason: reasonText(e, t),
    };
  });
}

export interface CheckWords {
  readonly ok: boolean;
  /** What was checked and whether it holds, then how far it is sealed or where it first breaks. */
  readonly summary: readonly string[];
  /** Every problem, one sentence each (the server's words, after what kind of problem it is). */
  readonly problems: readonly string[];
}

export function checkWords(c: ChainCheck, timeZone: string, t: TFunction): CheckWords {
  const sealed =
    c.anchoredSeq === null || c.anchoredAt === null ? t('audit.verify.notSealed') : t('audit.verify.sealed', { seq: c.anchoredSeq, time: dateTime(c.anchoredAt, timeZone) });
  if (c.ok) return { ok: true, summary: [t('audit.verify.intact', { count: c.checked }), sealed], problems: [] };
  const summary = [t('audit.verify.broken', { checked: c.checked, count: c.problems.length })];
  if (c.brokenAt !== null) summary.push(t('audit.verify.brokenAt', { seq: c.brokenAt }));
  if (c.anchoredSeq !== null) summary.push(sealed);
  const problems = c.problems.map((p) => {
    const kind = t(`audit.verify.kind.${p.kind}`);
    return p.seq === null ? t('audit.verify.problemNoSeq', { kind, message: p.message }) : t('audit.verify.problem', { kind, seq: p.seq, message: p.message });
  });
  return { ok: false, summary, problems };
}
