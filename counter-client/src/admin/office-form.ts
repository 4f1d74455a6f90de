// The office as the admin edits it (names, address, telephone, opening sessions) and back to the
// office:update patch. Pure. The Office schema has no holidays, so neither has this form.
import { LANGUAGES, OfficePatch, OpeningSession, type Office } from '@jiaohao/shared/schemas';
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

export interface OfficeForm {
  readonly names: PerLanguage;
  readonly address: string;
  readonly tel: string;
  readonly fax: string;
  readonly sessions: readonly SessionForm[];
}

export const officeToForm = (o: Office): OfficeForm => ({
  names: textToForm(o.names),
  address: o.address,
  tel: o.tel,
  fax: o.fax,
  sessions: o.sessions.map((s) => ({ ...s })),
});

/** A new session: the day after the last one's, at its hours (or Monday morning). */
export function newSession(sessions: readonly SessionForm[]): SessionForm {
  const last = sessions.at(-1);
  if (!last) return { weekday: 1, start: '08:00', end: '12:00', kind: 'regular', serviceIds: null };
  return { ...last, weekday: (last.weekday + 1) % 7, serviceIds: last.serviceIds === null ? null : [...last.serviceIds] };
}

export const sessionPath = (index: number, field: keyof SessionForm | '' = ''): string => `/sessions/${index}${field ? `/${field}` : ''}`;

export function officeFields(sessions: number): string[] {
  const each = Array.from({ length: sessions }, (_, i) => ['', 'weekday', 'start', 'end', 'kind', 'serviceIds'].map((f) => sessionPath(i, f as keyof SessionForm | '')));
  return [...LANGUAGES.map((l) => `/names/${l}`), '/address', '/tel', '/fax', '/sessions', ...each.flat()];
}

export const officeRefusals = (sessions: number): RefusalRules => ({ fields: officeFields(sessions) });

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
  return c.result(() => {
    const sessions = form.sessions.map((s) => ({ weekday: s.weekday, start: s.start, end: s.end, kind: s.kind, serviceIds: s.serviceIds === null ? null : [...s.serviceIds] }));
    return changed({ names, address: address!, tel: tel!, fax: fax!, sessions }, before);
  });
}
