// A counter as the admin edits it and back to counter:create / counter:update; moving a served
// line up or down. Pure.
import { CounterCreate, CounterNumber, LANGUAGES, type Counter, type CounterPatch, type Language } from '@jiaohao/shared/schemas';
import { changed, Checker, type Mapped, type RefusalRules } from './forms';
import { emptyLanguages, readNames, textToForm, type PerLanguage } from './service-form';

export interface CounterForm {
  readonly number: string;
  readonly names: PerLanguage;
  /** The lines served, in the order the counter takes them. */
  readonly serviceIds: readonly string[];
  readonly isPriority: boolean;
  readonly languages: readonly Language[];
  readonly active: boolean;
}

export const counterToForm = (c: Counter): CounterForm => ({
  number: String(c.number),
  names: textToForm(c.names),
  serviceIds: c.serviceIds,
  isPriority: c.isPriority,
  languages: c.languages,
  active: c.active,
});

/** A new counter: the next free number, named after it, Chinese spoken. */
export function newCounterForm(others: readonly Counter[]): CounterForm {
  const taken = new Set(others.map((c) => c.number));
  let number = 1;
  while (taken.has(number) && number < 999) number += 1;
  return { number: String(number), names: emptyLanguages(), serviceIds: [], isPriority: false, languages: ['zh-TW'], active: true };
}

/** The list with the item at `index` moved one place up (-1) or down (+1); unchanged at an end. */
export function move<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[index], out[to]] = [out[to]!, out[index]!];
  return out;
}

export const COUNTER_FIELDS: readonly string[] = ['/number', ...LANGUAGES.map((l) => `/names/${l}`), '/serviceIds', '/isPriority', '/languages', '/active'];

export const COUNTER_REFUSALS: RefusalRules = {
  fields: COUNTER_FIELDS,
  // "Counter number 3 is taken"
  conflictField: (message) => (/number/i.test(message) ? '/number' : null),
  // The server's own checks of the lines name no path: "No service x", "A service is listed twice".
  messageField: (error) => (/service/i.test(error.message) ? '/serviceIds' : null),
};

type CounterFields = Required<Omit<CounterCreate, 'id'>> & { active: boolean };

function readCounter(form: CounterForm, c: Checker): () => CounterFields {
  const number = c.int('/number', form.number, CounterNumber);
  const names = readNames(c, '/names', form.names);
  const { minItems = 1, maxItems = 50 } = CounterCreate.properties.serviceIds;
  if (form.serviceIds.length < minItems) c.add('/serviceIds', { key: 'admin.problem.chooseOne' });
  if (form.serviceIds.length > maxItems) c.add('/serviceIds', { key: 'admin.problem.tooMany', values: { max: maxItems } });
  if (form.languages.length === 0) c.add('/languages', { key: 'admin.problem.chooseOne' });
  // In LANGUAGES order, so ticking and unticking does not count as a change.
  const languages = LANGUAGES.filter((l) => form.languages.includes(l));
  return () => ({ number: number!, names, serviceIds: [...form.serviceIds], isPriority: form.isPriority, languages, active: form.active });
}

/** counter:create takes no `active` (a new counter is active, and closed until a clerk opens it). */
export function toCounterCreate(form: CounterForm): Mapped<CounterCreate> {
  const c = new Checker();
  const fields = readCounter(form, c);
  return c.result(() => {
    const { active: _active, ...create } = fields();
    return create;
  });
}

export function toCounterPatch(form: CounterForm, before: Counter): Mapped<CounterPatch | null> {
  const c = new Checker();
  const fields = readCounter(form, c);
  return c.result(() => {
    const next = fields();
    const old: Partial<CounterFields> = {
      number: before.number,
      names: before.names,
      serviceIds: [...before.serviceIds],
      isPriority: before.isPriority,
      languages: LANGUAGES.filter((l) => before.languages.includes(l)),
      active: before.active,
    };
    return changed(next, old);
  });
}
