import { describe, expect, it } from 'vitest';
import { COUNTER_CATALOGS } from './catalogs';
import { STAFF_LANGUAGES } from './i18n';

describe('the counter client catalogs', () => {
  it('has every key in every staff language (zh-TW and English)', () => {
    const missing: string[] = [];
    for (const catalog of COUNTER_CATALOGS) {
      for (const lang of STAFF_LANGUAGES) {
        for (const key of catalog.keys) if (!catalog.catalogs[lang][key]) missing.push(`${lang}:${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('never defines one key in two catalogs', () => {
    const seen = new Map<string, number>();
    for (const c of COUNTER_CATALOGS) for (const k of c.keys) seen.set(k, (seen.get(k) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([k]) => k)).toEqual([]);
  });

  it('uses the same {{placeholders}} in every language', () => {
    const names = (s: string | undefined) => [...(s ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const odd: string[] = [];
    for (const c of COUNTER_CATALOGS) for (const k of c.keys) {
      const en = c.catalogs.en[k];
      if (en && JSON.stringify(names(en)) !== JSON.stringify(names(c.catalogs['zh-TW'][k]))) odd.push(k);
    }
    expect(odd).toEqual([]);
  });
});
