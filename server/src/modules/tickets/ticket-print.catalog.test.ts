// The printed ticket's strings (shared/src/catalogs/ticket-print.ts): a resident reads the slip in
// their own language, so every language has every string, with the same placeholders.
import { describe, expect, it } from 'vitest';
import { TICKET_PRINT } from '@jiaohao/shared/catalogs';
import { LANGUAGE_NAMES, missingKeys } from '@jiaohao/shared/i18n';
import type { Language } from '@jiaohao/shared/schemas';

const LANGS = Object.keys(LANGUAGE_NAMES) as Language[];
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the ticket-print catalog', () => {
  it('has every string in all five languages', () => {
    expect(LANGS).toEqual(['zh-TW', 'en', 'vi', 'id', 'th']);
    expect(missingKeys(TICKET_PRINT)).toEqual([]);
    for (const lang of LANGS) expect(Object.keys(TICKET_PRINT.catalogs[lang]).sort(), lang).toEqual([...TICKET_PRINT.keys].sort());
  });

  it('has the same placeholders in every language', () => {
    for (const key of TICKET_PRINT.keys) {
      const zh = placeholders(TICKET_PRINT.catalogs['zh-TW'][key]);
      for (const lang of LANGS) expect(placeholders(TICKET_PRINT.t(lang, key)), `${lang}:${key}`).toEqual(zh);
    }
  });

  it('is each language’s own text (not Chinese left in), with nothing the fonts would print as a box', () => {
    const han = /\p{Script=Han}/u;
    for (const lang of LANGS) {
      for (const key of TICKET_PRINT.keys) {
        const text = TICKET_PRINT.t(lang, key);
        // U+2009 and U+202F: Noto Sans TC has no glyph for them (STACK-NOTES G14).
        expect(text, `${lang}:${key}`).not.toMatch(/[\u2009\u202f\u200b]/);
        if (lang !== 'zh-TW') expect(han.test(text), `${lang}:${key}`).toBe(false);
      }
    }
    // Vietnamese with its diacritics, Thai in Thai script.
    expect(TICKET_PRINT.t('vi', 'print.scan')).toBe('Quét mã QR để theo dõi số thứ tự trên điện thoại');
    for (const key of TICKET_PRINT.keys) expect(/\p{Script=Thai}/u.test(TICKET_PRINT.t('th', key)), key).toBe(true);
  });
});
