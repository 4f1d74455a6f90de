import { describe, expect, it } from 'vitest';
import { counter, device, displaySettings, service } from '@jiaohao/shared/testing';
import { DEFAULT_DISPLAY_SETTINGS } from '@jiaohao/shared/schemas';
import { refusalField } from './forms';
import { counterChoices, DISPLAY_REFUSALS, displayToForm, lineChoices, REPEATS, toDisplaySettings, toDisplayUpdate, toggled, zoneParts } from './display-form';

const household = service({ id: 'household', names: { 'zh-TW': '戶籍登記', en: 'Household registration' }, sortOrder: 1 });
const passport = service({ id: 'passport', names: { 'zh-TW': '護照' }, sortOrder: 2 });
const old = service({ id: 'old', names: { 'zh-TW': '舊業務' }, sortOrder: 3, active: false });
const c1 = counter({ id: 'c1', number: 1, names: { 'zh-TW': '1號櫃台', en: 'Counter 1' } });
const c2 = counter({ id: 'c2', number: 2, names: { 'zh-TW': '2號櫃台' } });
const c10 = counter({ id: 'c10', number: 10, names: { 'zh-TW': '10號櫃台' } });
const closed = counter({ id: 'c9', number: 9, names: { 'zh-TW': '9號櫃台' }, active: false });

describe('the display settings form', () => {
  it('reads the settings a display has, every line and counter as ticked "every"', () => {
    expect(displayToForm(DEFAULT_DISPLAY_SETTINGS)).toEqual({
      allLines: true,
      serviceIds: [],
      allCounters: true,
      counterIds: [],
      orientation: 'auto',
      volume: '80',
      repeat: '1',
      languages: ['en'],
      voice: 'auto',
    });
    const zone = displayToForm(displaySettings({ serviceIds: ['passport'], counterIds: ['c2', 'c1'], languages: ['zh-TW', 'th', 'en'] }));
    expect(zone).toMatchObject({ allLines: false, serviceIds: ['passport'], allCounters: false, counterIds: ['c2', 'c1'], languages: ['en', 'th'] });
  });

  it('maps to the whole settings; "every" is null even with a set kept from before', () => {
    const form = { ...displayToForm(DEFAULT_DISPLAY_SETTINGS), serviceIds: ['passport'], allCounters: false, counterIds: ['c1', 'c2'], orientation: 'portrait' as const, volume: ' 55 ', repeat: '2', languages: ['vi' as const, 'en' as const], voice: 'clips' as const };
    expect(toDisplaySettings(form)).toEqual({
      ok: true,
      value: { serviceIds: null, counterIds: ['c1', 'c2'], orientation: 'portrait', volume: 55, repeat: 2, languages: ['en', 'vi'], voice: 'clips' },
    });
    // Only Mandarin is a choice too: no other language.
    expect(toDisplaySettings({ ...form, languages: [] })).toMatchObject({ ok: true, value: { languages: [] } });
  });

  it('a chosen set needs one; the volume and the repeat are within the schema', () => {
    const form = { ...displayToForm(DEFAULT_DISPLAY_SETTINGS), allLines: false, allCounters: false, volume: '101', repeat: '0' };
    const mapped = toDisplaySettings(form);
    expect(mapped.ok ? null : mapped.problems).toEqual({
      '/display/serviceIds': { key: 'admin.problem.chooseOne' },
      '/display/counterIds': { key: 'admin.problem.chooseOne' },
      '/display/volume': { key: 'admin.problem.between', values: { min: 0, max: 100 } },
      '/display/repeat': { key: 'admin.problem.between', values: { min: 1, max: 3 } },
    });
    expect(toDisplaySettings({ ...form, allLines: true, allCounters: true, volume: 'loud', repeat: '3' })).toMatchObject({ ok: false, problems: { '/display/volume': {} } });
    expect(REPEATS).toEqual([1, 2, 3]);
  });

  it('nothing changed, whatever the order of the lists, is null (no command sent)', () => {
    const before = displaySettings({ serviceIds: ['passport', 'household'], counterIds: ['c2', 'c1'], languages: ['vi', 'en'] });
    const form = displayToForm(before);
    expect(toDisplayUpdate({ ...form, serviceIds: ['household', 'passport'], counterIds: ['c1', 'c2'] }, before)).toEqual({ ok: true, value: null });
    expect(toDisplayUpdate({ ...form, repeat: '3' }, before)).toEqual({ ok: true, value: { ...before, languages: ['en', 'vi'], repeat: 3 } });
    // A display without settings yet is always sent.
    expect(toDisplayUpdate(displayToForm(null), null)).toEqual({ ok: true, value: DEFAULT_DISPLAY_SETTINGS });
  });

  it('ticking keeps the order the choices are listed in', () => {
    const order = ['c1', 'c2', 'c10'];
    expect(toggled(['c10'], 'c1', true, order)).toEqual(['c1', 'c10']);
    expect(toggled(['c1', 'c10'], 'c1', false, order)).toEqual(['c10']);
    expect(toggled(['gone', 'c2'], 'c1', true, order)).toEqual(['c1', 'c2', 'gone']);
  });

  it('offers the lines and counters in use, and those no longer in use only while the display names them', () => {
    expect(lineChoices([household, passport, old], [], 'en')).toEqual([
      { id: 'household', label: 'Household registration', inactive: false },
      { id: 'passport', label: '護照', inactive: false },
    ]);
    expect(lineChoices([household, passport, old], ['old', 'gone'], 'zh-TW').slice(2)).toEqual([
      { id: 'old', label: '舊業務', inactive: true },
      { id: 'gone', label: 'gone', inactive: true },
    ]);
    expect(counterChoices([c10, closed, c2, c1], ['c9'], 'zh-TW').map((c) => [c.number, c.label, c.inactive])).toEqual([
      [1, '1號櫃台', false],
      [2, '2號櫃台', false],
      [9, '9號櫃台', true],
      [10, '10號櫃台', false],
    ]);
  });

  it('a refusal goes beside the lines, the counters or the field it names; one for the settings as a whole to the top', () => {
    expect(refusalField({ code: 'validation_failed', message: 'No counter c9', details: [{ path: '/display/counterIds', message: 'No counter c9' }] }, DISPLAY_REFUSALS)).toBe('/display/counterIds');
    expect(refusalField({ code: 'validation_failed', message: 'No service x' }, DISPLAY_REFUSALS)).toBe('/display/serviceIds');
    expect(refusalField({ code: 'validation_failed', message: '/display/volume: Expected integer to be less or equal to 100' }, DISPLAY_REFUSALS)).toBe('/display/volume');
    expect(refusalField({ code: 'validation_failed', message: '/display/counterIds/3: Expected string' }, DISPLAY_REFUSALS)).toBe('/display/counterIds');
    expect(refusalField({ code: 'validation_failed', message: 'A kiosk has no display settings', details: [{ path: '/display', message: 'only a display has these settings' }] }, DISPLAY_REFUSALS)).toBeNull();
  });
});

describe("a display's zone in the list", () => {
  const services = { household, passport, old };
  const counters = { c1, c2, c10 };

  it('every line and counter is null; chosen ones are named in their order, counters by number', () => {
    expect(zoneParts(device(), services, counters, 'zh-TW')).toEqual({ lines: null, counters: null });
    const zone = device({ display: displaySettings({ serviceIds: ['passport', 'household'], counterIds: ['c10', 'c2', 'c1'] }) });
    expect(zoneParts(zone, services, counters, 'en')).toEqual({ lines: ['Household registration', '護照'], counters: ['1', '2', '10'] });
  });

  it('an id the office does not have is shown as it is; a kiosk has no zone', () => {
    expect(zoneParts(device({ display: displaySettings({ serviceIds: ['gone'], counterIds: ['c1', 'c77'] }) }), services, counters, 'zh-TW')).toEqual({ lines: ['gone'], counters: ['1', 'c77'] });
    expect(zoneParts(device({ kind: 'kiosk', display: null }), services, counters, 'zh-TW')).toBeNull();
  });
});
