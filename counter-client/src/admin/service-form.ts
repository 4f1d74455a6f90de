// A service line as the admin edits it (text in every field, as typed) and back to the payloads
// of service:create and service:update; the preview of a number series from the shared numbering
// rules. Pure: the form component only draws this.
import { allocateNumber, formatNumber, servicesOverlap, validateRanges, type RangeProblem } from '@jiaohao/shared/rules';
import { servicesInOrder } from '@jiaohao/shared/reducer';
import {
  DailyCap,
  LANGUAGES,
  NumberRange,
  ServiceCreate,
  SortOrder,
  TargetMinutes,
  type Language,
  type LocalizedList,
  type LocalizedText,
  type Service,
  type ServicePatch,
} from '@jiaohao/shared/schemas';
import { changed, Checker, type Mapped, type RefusalRules } from './forms';

export const SERIES = ['numbering', 'priorityNumbering', 'appointmentNumbering'] as const;
export type SeriesField = (typeof SERIES)[number];
/** The optional series: without their own range, those tickets draw from the normal one. */
export type OwnSeries = Exclude<SeriesField, 'numbering'>;

export interface RangeForm {
  readonly start: string;
  readonly end: string;
  readonly digits: string;
  readonly prefix: string;
  readonly onExhausted: 'wrap' | 'refuse';
}

export type PerLanguage = Readonly<Record<Language, string>>;

export interface ServiceForm {
  readonly id: string;
  readonly code: string;
  readonly names: PerLanguage;
  readonly numbering: RangeForm;
  readonly priorityNumbering: RangeForm;
  readonly appointmentNumbering: RangeForm;
  /** Whether priority / appointment tickets have their own series. */
  readonly own: Readonly<Record<OwnSeries, boolean>>;
  readonly targetWaitMinutes: string;
  readonly targetHandlingMinutes: string;
  /** One document per line. */
  readonly documents: PerLanguage;
  /** Empty: no cap. */
  readonly dailyCap: string;
  readonly allowPriority: boolean;
  readonly allowAppointment: boolean;
  readonly active: boolean;
  readonly sortOrder: string;
}

/** The lines in their display order, those out of use too (the admin edits them). */
export const sortServices = (services: Readonly<Record<string, Service>>): Service[] => servicesInOrder(services, true);

export const emptyLanguages = (): PerLanguage => Object.fromEntries(LANGUAGES.map((l) => [l, ''])) as Record<Language, string>;

export const textToForm = (text: LocalizedText): PerLanguage => ({ ...emptyLanguages(), ...text }) as PerLanguage;
export const listToForm = (list: LocalizedList): PerLanguage =>
  Object.fromEntries(LANGUAGES.map((l) => [l, (list[l] ?? []).join('\n')])) as Record<Language, string>;

const rangeToForm = (r: NumberRange): RangeForm => ({
  start: String(r.start),
  end: String(r.end),
  digits: String(r.digits),
  prefix: r.prefix,
  onExhausted: r.onExhausted,
});

export function serviceToForm(s: Service): ServiceForm {
  return {
    id: s.id,
    code: s.code,
    names: textToForm(s.names),
    numbering: rangeToForm(s.numbering),
    // A series switched off keeps a sensible range ready in case it is switched on.
    priorityNumbering: rangeToForm(s.priorityNumbering ?? { ...s.numbering, prefix: 'P' }),
    appointmentNumbering: rangeToForm(s.appointmentNumbering ?? { ...s.numbering, prefix: 'R' }),
    own: { priorityNumbering: s.priorityNumbering !== null, appointmentNumbering: s.appointmentNumbering !== null },
    targetWaitMinutes: String(s.targetWaitMinutes),
    targetHandlingMinutes: String(s.targetHandlingMinutes),
    documents: listToForm(s.documents),
    dailyCap: s.dailyCap === null ? '' : String(s.dailyCap),
    allowPriority: s.allowPriority,
    allowAppointment: s.allowAppointment,
    active: s.active,
    sortOrder: String(s.sortOrder),
  };
}

/**
 * A new line: the first thousand (1001–1999, 2001–2999, …) no other line prints, four digits; the
 * server's defaults for the rest; listed after the others.
 */
export function newServiceForm(others: readonly Service[]): ServiceForm {
  let start = 1001;
  const free = (s: number) => {
    const r: NumberRange = { start: s, end: s + 998, digits: 4, prefix: '', onExhausted: 'refuse' };
    return !others.some((o) => servicesOverlap(o, { numbering: r, priorityNumbering: null, appointmentNumbering: null }));
  };
  while (start < 9001 && !free(start)) start += 1000;
  const numbering: NumberRange = { start, end: start + 998, digits: 4, prefix: '', onExhausted: 'refuse' };
  const sortOrder = others.reduce((max, o) => Math.max(max, o.sortOrder + 1), 1);
  return {
    id: '',
    code: '',
    names: emptyLanguages(),
    numbering: rangeToForm(numbering),
    priorityNumbering: rangeToForm({ ...numbering, prefix: 'P' }),
    appointmentNumbering: rangeToForm({ ...numbering, prefix: 'R' }),
    own: { priorityNumbering: false, appointmentNumbering: false },
    targetWaitMinutes: '20',
    targetHandlingMinutes: '10',
    documents: emptyLanguages(),
    dailyCap: '',
    allowPriority: true,
    allowAppointment: false,
    active: true,
    sortOrder: String(sortOrder),
  };
}

const NameZh = ServiceCreate.properties.names.properties['zh-TW'];
const NameOther = ServiceCreate.properties.names.properties.en;

/** Names: zh-TW required, the other languages only when filled in. */
export function readNames(c: Checker, path: string, names: PerLanguage): LocalizedText {
  const zh = c.text(`${path}/zh-TW`, names['zh-TW'], NameZh);
  const out: Record<string, string> = { 'zh-TW': zh ?? '' };
  for (const l of LANGUAGES) {
    if (l === 'zh-TW') continue;
    const v = c.text(`${path}/${l}`, names[l], NameOther, { required: false });
    if (v) out[l] = v;
  }
  return out as LocalizedText;
}

/** Documents: one per line, blank lines dropped; zh-TW always present (perhaps empty). */
export function readDocuments(documents: PerLanguage): LocalizedList {
  const lines = (text: string) =>
    text
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  const out: Record<string, string[]> = { 'zh-TW': lines(documents['zh-TW']) };
  for (const l of LANGUAGES) {
    if (l === 'zh-TW') continue;
    const list = lines(documents[l]);
    if (list.length > 0) out[l] = list;
  }
  return out as LocalizedList;
}

const R = NumberRange.properties;

/** A series' range, or null with its problems. */
export function readRange(c: Checker, path: string, r: RangeForm): NumberRange | null {
  const start = c.int(`${path}/start`, r.start, R.start);
  const end = c.int(`${path}/end`, r.end, R.end);
  const digits = c.int(`${path}/digits`, r.digits, R.digits);
  const prefix = c.text(`${path}/prefix`, r.prefix, R.prefix, { required: false });
  if (start === null || end === null || digits === null || prefix === null) return null;
  return { start, end, digits, prefix, onExhausted: r.onExhausted };
}

/** Every field of the service form, by payload path (for placing refusals). */
export const SERVICE_FIELDS: readonly string[] = [
  '/id',
  '/code',
  ...LANGUAGES.map((l) => `/names/${l}`),
  ...SERIES.flatMap((s) => ['start', 'end', 'digits', 'prefix', 'onExhausted'].map((f) => `/${s}/${f}`)),
  ...SERIES.map((s) => `/${s}`),
  '/targetWaitMinutes',
  '/targetHandlingMinutes',
  ...LANGUAGES.map((l) => `/documents/${l}`),
  '/dailyCap',
  '/allowPriority',
  '/allowAppointment',
  '/active',
  '/sortOrder',
  '/ranges',
];

export const SERVICE_REFUSALS: RefusalRules = {
  fields: SERVICE_FIELDS,
  rangeField: '/ranges',
  // The server's words: "Code A is used by household", "Service household exists".
  conflictField: (message) => (/^code\b/i.test(message) ? '/code' : /^service\b/i.test(message) ? '/id' : null),
};

type ServiceFields = Omit<Service, 'id'>;

function readService(form: ServiceForm, c: Checker): () => ServiceFields {
  const S = ServiceCreate.properties;
  const code = c.text('/code', form.code, S.code);
  const names = readNames(c, '/names', form.names);
  const numbering = readRange(c, '/numbering', form.numbering);
  const priority = form.own.priorityNumbering ? readRange(c, '/priorityNumbering', form.priorityNumbering) : null;
  const appointment = form.own.appointmentNumbering ? readRange(c, '/appointmentNumbering', form.appointmentNumbering) : null;
  const targetWaitMinutes = c.int('/targetWaitMinutes', form.targetWaitMinutes, TargetMinutes);
  const targetHandlingMinutes = c.int('/targetHandlingMinutes', form.targetHandlingMinutes, TargetMinutes);
  const dailyCap = form.dailyCap.trim() === '' ? null : c.int('/dailyCap', form.dailyCap, DailyCap);
  const sortOrder = c.int('/sortOrder', form.sortOrder, SortOrder);
  const documents = readDocuments(form.documents);
  return () => ({
    code: code!,
    names,
    numbering: numbering!,
    priorityNumbering: priority,
    appointmentNumbering: appointment,
    targetWaitMinutes: targetWaitMinutes!,
    targetHandlingMinutes: targetHandlingMinutes!,
    documents,
    dailyCap,
    allowPriority: form.allowPriority,
    allowAppointment: form.allowAppointment,
    active: form.active,
    sortOrder: sortOrder!,
  });
}

/** The service:create payload, every field stated (nothing left to the server's defaults unseen). */
export function toServiceCreate(form: ServiceForm): Mapped<ServiceCreate> {
  const c = new Checker();
  const id = c.text('/id', form.id, ServiceCreate.properties.id);
  const fields = readService(form, c);
  return c.result(() => ({ id: id!, ...fields() }));
}

/** The service:update patch: only what changed; null when nothing did. */
export function toServicePatch(form: ServiceForm, before: Service): Mapped<ServicePatch | null> {
  const c = new Checker();
  const fields = readService(form, c);
  return c.result(() => {
    const { id: _id, ...old } = before;
    return changed<ServiceFields>(fields(), old);
  });
}

// ---- The number preview ----

export type SeriesPreview =
  | {
      readonly ok: true;
      /** The first numbers of the day. */
      readonly first: readonly string[];
      readonly last: string;
      /** What comes after the last: the first again (wrap), or nothing (refuse). */
      readonly after: { readonly kind: 'wrap'; readonly number: string } | { readonly kind: 'refuse' };
      readonly size: number;
    }
  | { readonly ok: false; readonly problem: RangeProblem | 'incomplete' };

/** What a series will print, from the shared allocation rule itself. */
export function previewRange(range: NumberRange, count = 3): SeriesPreview {
  const alone = validateRanges({ numbering: range, priorityNumbering: null, appointmentNumbering: null });
  if (alone) return { ok: false, problem: alone };
  const first: string[] = [];
  let position = { last: null as number | null, cycle: 0 };
  for (let i = 0; i < count; i++) {
    const next = allocateNumber(range, position);
    if (!next.ok || next.cycle > 0) break;
    first.push(next.number);
    position = { last: next.value, cycle: next.cycle };
  }
  const after = allocateNumber(range, { last: range.end, cycle: 0 });
  return {
    ok: true,
    first,
    last: formatNumber(range, range.end),
    after: after.ok ? { kind: 'wrap', number: after.number } : { kind: 'refuse' },
    size: range.end - range.start + 1,
  };
}

/** A series' preview straight from the form (incomplete while a field is not a number yet). */
export function previewForm(r: RangeForm): SeriesPreview {
  const range = readRange(new Checker(), '', r);
  return range ? previewRange(range) : { ok: false, problem: 'incomplete' };
}

export interface RangeWarnings {
  /** Two series of this line print the same numbers. */
  readonly ownOverlap: boolean;
  /** Other lines that print some of the same numbers. */
  readonly overlapsWith: readonly Service[];
}

/** What the server will refuse about the ranges as a whole, said before it is asked. */
export function rangeWarnings(form: ServiceForm, others: readonly Service[]): RangeWarnings {
  const c = new Checker();
  const numbering = readRange(c, '/numbering', form.numbering);
  const priorityNumbering = form.own.priorityNumbering ? readRange(c, '/priorityNumbering', form.priorityNumbering) : null;
  const appointmentNumbering = form.own.appointmentNumbering ? readRange(c, '/appointmentNumbering', form.appointmentNumbering) : null;
  if (!numbering || Object.keys(c.problems).length > 0) return { ownOverlap: false, overlapsWith: [] };
  const ranges = { numbering, priorityNumbering, appointmentNumbering };
  return {
    ownOverlap: validateRanges(ranges) === 'ranges_overlap',
    overlapsWith: others.filter((o) => o.id !== form.id && servicesOverlap(o, ranges)),
  };
}
