// The booking pages are read by the resident alone: every string in all five languages, with the
// same {{placeholders}}, none left in Chinese by mistake.
import { describe, expect, it } from 'vitest';
import { BOOK } from '@jiaohao/shared/catalogs';
import { missingKeys } from '@jiaohao/shared/i18n';
import { BOOK_LANGUAGES } from './i18n';

const placeholders = (text: string | undefined) => [...(text ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const HAN = /\p{Script=Han}/u;

describe('the booking catalogs', () => {
  it('has every key in every resident language', () => {
    expect(BOOK_LANGUAGES).toEqual(['zh-TW', 'en', 'vi', 'id', 'th']);
    expect(missingKeys(BOOK)).toEqual([]);
  });

  it('uses the same placeholders in every language', () => {
    const odd: string[] = [];
    for (const lang of BOOK_LANGUAGES) {
      for (const key of BOOK.keys) {
        if (JSON.stringify(placeholders(BOOK.catalogs[lang][key])) !== JSON.stringify(placeholders(BOOK.catalogs['zh-TW'][key]))) odd.push(`${lang}:${key}`);
      }
    }
    expect(odd).toEqual([]);
  });

  it('has no Chinese left in the other languages', () => {
    const chinese = BOOK_LANGUAGES.filter((l) => l !== 'zh-TW').flatMap((lang) => BOOK.keys.filter((k) => HAN.test(BOOK.catalogs[lang][k] ?? '')).map((k) => `${lang}:${k}`));
    expect(chinese).toEqual([]);
    expect(BOOK.t('th', 'book.title')).toMatch(/\p{Script=Thai}/u);
  });
});
