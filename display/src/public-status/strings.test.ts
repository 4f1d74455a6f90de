import { describe, expect, it } from 'vitest';
import { STATUS_LANGUAGES, STATUS_STRINGS } from './strings';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the public status strings', () => {
  const [zh, en] = [STATUS_STRINGS['zh-TW'], STATUS_STRINGS.en];

  it('have every key in both languages, none empty', () => {
    expect(STATUS_LANGUAGES).toEqual(['zh-TW', 'en']);
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const lang of STATUS_LANGUAGES) {
      for (const [key, value] of Object.entries(STATUS_STRINGS[lang])) expect(value.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('fill the same values in both languages (a date may name its month by number or by name)', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      if (key === 'date.short') continue;
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
    expect(placeholders(zh['date.short'])).toEqual(['day', 'month', 'weekday']);
    expect(placeholders(en['date.short'])).toEqual(['day', 'monthName', 'weekday']);
  });

  it('Chinese is Chinese and English is not', () => {
    expect(zh['page.title']).toMatch(/\p{Script=Han}/u);
    expect(en['page.title']).not.toMatch(/\p{Script=Han}/u);
    // The switch is written in the language it leads to.
    expect(zh['lang.switch']).toBe('English');
    expect(en['lang.switch']).toMatch(/\p{Script=Han}/u);
  });
});
