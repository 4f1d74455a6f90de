import { describe, expect, it } from 'vitest';
import { counter } from '@jiaohao/shared/testing';
import { counterToForm, move, newCounterForm, toCounterCreate, toCounterPatch } from './counter-form';

describe('the counter form', () => {
  it('a new counter takes the next free number and maps to counter:create (no active)', () => {
    const form = newCounterForm([counter({ number: 1 }), counter({ id: 'c2', number: 2 })]);
    expect(form.number).toBe('3');
    const mapped = toCounterCreate({ ...form, names: { ...form.names, 'zh-TW': '3號櫃台', en: 'Counter 3' }, serviceIds: ['passport', 'household'], languages: ['en', 'zh-TW'], isPriority: true });
    expect(mapped).toEqual({
      ok: true,
      value: { number: 3, names: { 'zh-TW': '3號櫃台', en: 'Counter 3' }, serviceIds: ['passport', 'household'], isPriority: true, languages: ['zh-TW', 'en'] },
    });
  });

  it('needs a line and a language', () => {
    const mapped = toCounterCreate({ ...newCounterForm([]), names: { ...newCounterForm([]).names, 'zh-TW': 'x' }, languages: [] });
    expect(mapped.ok ? null : mapped.problems).toEqual({ '/serviceIds': { key: 'admin.problem.chooseOne' }, '/languages': { key: 'admin.problem.chooseOne' } });
  });

  it('an update sends only what changed: the order of the lines is a change', () => {
    const before = counter({ serviceIds: ['household', 'passport'], languages: ['zh-TW'] });
    const form = counterToForm(before);
    expect(toCounterPatch(form, before)).toEqual({ ok: true, value: null });
    expect(toCounterPatch({ ...form, serviceIds: move(form.serviceIds, 1, -1) }, before)).toEqual({ ok: true, value: { serviceIds: ['passport', 'household'] } });
    expect(toCounterPatch({ ...form, active: false }, before)).toEqual({ ok: true, value: { active: false } });
  });

  it('moving past either end changes nothing', () => {
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
  });
});
