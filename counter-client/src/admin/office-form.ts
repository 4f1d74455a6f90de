// The office as the admin edits it (names, address, telephone, opening sessions, holidays and
// make-up days) and back to the office:update patch. Pure.
import { isCalendarDate, LANGUAGES, MAX_SPECIAL_DAYS, OfficePatch, OpeningSession, type Office, type SpecialDay, type SpecialDayKind } from '@jiaohao/shared/schemas';
import { changed, Checker, type Mapped, type RefusalRules } from './forms';
import { readNames, textToForm, type PerLanguage } from './service-form';

export type SessionKind = OpeningSession['kind'];
export const SESSION_KINDS: readonly SessionKind[] = ['regular', 'noon', 'evening', 'weekend'];
/** Monday first, as an office's week is read; 0 is Sunday (the schema's numbering). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;

export interface SessionForm {
  readonly weekday: number;
  readonly start: string;
  readonly end: string;
  readonly kind: SessionKind;
  /** Null: every line. */
  readonly serviceIds: readonly string[] | null;
}

export const SPECIAL_DAY_KINDS: readonly SpecialDayKind[] = ['closed', 'open'];
/** The weekdays a make-up day can work as: Monday to Friday. */
export const MAKE_UP_WEEKDAYS = [1, 2, 3, 4, 5] as const;

/** A holiday (closed) or a make-up working day (open, with the sessions of weekday `sessionsOf`). */
export interface SpecialDayForm {
  /** YYYY-MM-DD, as <input type="date"> gives it ('' until chosen). */
  readonly date: string;
  readonly kind: SpecialDayKind;
  /** Chinese and English are edited here; the other languages are kept as they were. */
  readonly name: PerLanguage;
  /** Kept while the day is closed, so switching back to open finds it again. */
  readonly sessionsOf: number;
}

export interface OfficeForm {
  readonly names: PerLanguage;
  readonly address: string;
  readonly tel: string;
  readonly fax: string;
  readonly sessions: readonly SessionForm[];
  readonly specialDays: readonly SpecialDayForm[];
}

const dayToForm = (d: SpecialDay): SpecialDayForm => ({ date: d.date, kind: d.kind, name: textToForm(d.name), sessionsOf: d.kind === 'open' ? d.sessionsOf : 1 });

export const officeToForm = (o: Office): OfficeForm => ({
  names: textToForm(o.names),
  address: o.address,
  tel: o.tel,
  fax: o.fax,
  sessions: o.sessions.map((s) => ({ ...s })),
  // An office from a server older than special days has none.
  specialDays: (o.specialDays ?? []).map(dayToForm),
});

/** A new holiday: its date and name still to be filled in. */
export const newSpecialDay = (): SpecialDayForm => ({ date: '', kind: 'closed', name: textToForm({ 'zh-TW': '' }), sessionsOf: 1 });

/** A new session: the day after the last one's, at its hours (or Monday morning). */
export function newSession(sessions: readonly SessionForm[]): SessionForm {
  const last = sessions.at(-1);
  if (!last) return { weekday: 1, start: '08:00', end: '12:00', kind: 'regular', serviceIds: null };
  return { ...last, weekday: (last.weekday + 1) % 7, serviceIds: last.serviceIds === null ? null : [...last.serviceIds] };
}

export const sessionPath = (index: number, field: keyof SessionForm | '' = ''): string => `/sessions/${index}${field ? `/${field}` : ''}`;

/** The languages a special day's name is edited in (the others are kept). */
export const DAY_NAME_LANGUAGES = ['zh-TW', 'en'] as const;

export const dayPath = (index: number, field: 'date' | 'kind' | 'sessionsOf' | `name/${(typeof DAY_NAME_LANGUAGES)[number]}`): string => `/specialDays/${index}/${field}`;

export function officeFields(sessions: number, days = 0): string[] {
  const each = Array.from({ length: sessions }, (_, i) => ['', 'weekday', 'start', 'end', 'kind', 'serviceIds'].map((f) => sessionPath(i, f as keyof SessionForm | '')));
  // No field for a day as a whole: a refusal of one (or of a name language not shown) goes beside the list.
  const eachDay = Array.from({ length: days }, (_, i) => [dayPath(i, 'date'), dayPath(i, 'kind'), dayPath(i, 'sessionsOf'), ...DAY_NAME_LANGUAGES.map((l) => dayPath(i, `name/${l}`))]);
  return [...LANGUAGES.map((l) => `/names/${l}`), '/address', '/tel', '/fax', '/sessions', ...each.flat(), '/specialDays', ...eachDay.flat()];
}

export const officeRefusals = (sessions: number, days = 0): RefusalRules => ({ fields: officeFields(sessions, days) });

const byDate = (a: SpecialDay, b: SpecialDay): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

const P = OfficePatch.properties;
const CLOCK = OpeningSession.properties.start;

export function toOfficePatch(form: OfficeForm, before: Office): Mapped<OfficePatch | null> {
  const c = new Checker();
  const names = readNames(c, '/names', form.names);
  const address = c.text('/address', form.address, P.address, { required: false });
  const tel = c.text('/tel', form.tel, P.tel, { required: false });
  const fax = c.text('/fax', form.fax, P.fax, { required: false });
  const { maxItems = 100 } = P.sessions;
  if (form.sessions.length > maxItems) c.add('/sessions', { key: 'admin.problem.tooMany', values: { max: maxItems } });
  form.sessions.forEach((s, i) => {
    const start = c.text(sessionPath(i, 'start'), s.start, CLOCK);
    const end = c.text(sessionPath(i, 'end'), s.end, CLOCK);
    // Zero-padded HH:MM compares as text.
    if (start && end && end <= start) c.add(sessionPath(i, 'end'), { key: 'admin.problem.endAfterStart' });
    if (s.serviceIds !== null && s.serviceIds.length === 0) c.add(sessionPath(i, 'serviceIds'), { key: 'admin.problem.chooseOne' });
  });
  if (form.specialDays.length > MAX_SPECIAL_DAYS) c.add('/specialDays', { key: 'admin.problem.tooMany', values: { max: MAX_SPECIAL_DAYS } });
  const seen = new Set<string>();
  const days = form.specialDays.map((d, i): SpecialDay => {
    const date = d.date.trim();
    if (date === '') c.add(dayPath(i, 'date'), { key: 'admin.problem.required' });
    else if (!isCalendarDate(date)) c.add(dayPath(i, 'date'), { key: 'admin.problem.date' });
    else if (seen.has(date)) c.add(dayPath(i, 'date'), { key: 'admin.problem.dateTwice' });
    seen.add(date);
    const name = readNames(c, `/specialDays/${i}/name`, d.name);
    return d.kind === 'open' ? { date, kind: 'open', name, sessionsOf: d.sessionsOf } : { date, kind: 'closed', name };
  });
  return c.result(() => {
    const sessions = form.sessions.map((s) => ({ weekday: s.weekday, start: s.start, end: s.end, kind: s.kind, serviceIds: s.serviceIds === null ? null : [...s.serviceIds] }));
    // The office keeps them by date: only a different list is a change. They are sent in the
    // form's order (the server sorts them), so a refusal's index is the row's.
    const patch = changed({ names, address: address!, tel: tel!, fax: fax!, sessions, specialDays: [...days].sort(byDate) }, { ...before, specialDays: before.specialDays ?? [] });
    return patch?.specialDays ? { ...patch, specialDays: days } : patch;
  });
}
