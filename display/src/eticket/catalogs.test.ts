// The e-ticket page is read by the resident alone: every string in all five languages, with the
// same {{placeholders}}, none left in Chinese by mistake.
import { describe, expect, it } from 'vitest';
import { ETICKET } from '@jiaohao/shared/catalogs';
import { missingKeys } from '@jiaohao/shared/i18n';
import { ETICKET_LANGUAGES } from './i18n';

const placeholders = (text: string | undefined) => [...(text ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const HAN = /\p{Script=Han}/u;

describe('the e-ticket catalogs', () => {
  it('has every key in every resident language', () => {
    expect(ETICKET_LANGUAGES).toEqual(['zh-TW', 'en', 'vi', 'id', 'th']);
    expect(missingKeys(ETICKET)).toEqual([]);
  });

  it('uses the same placeholders in every language', () => {
    const odd: string[] = [];
    for (const lang of ETICKET_LANGUAGES) {
      for (const key of ETICKET.keys) {
        if (JSON.stringify(placeholders(ETICKET.catalogs[lang][key])) !== JSON.stringify(placeholders(ETICKET.catalogs['zh-TW'][key]))) odd.push(`${lang}:${key}`);
      }
    }
    expect(odd).toEqual([]);
  });

  it('has no Chinese left in the other languages, and Vietnamese with its diacritics', () => {
    const chinese = ETICKET_LANGUAGES.filter((l) => l !== 'zh-TW').flatMap((lang) => ETICKET.keys.filter((k) => HAN.test(ETICKET.catalogs[lang][k] ?? '')).map((k) => `${lang}:${k}`));
    expect(chinese).toEqual([]);
    expect(ETICKET.t('vi', 'eticket.called.text')).toBe('Số {{number}}, vui lòng đến quầy số {{counter}}.');
    expect(ETICKET.t('th', 'eticket.called.title')).toMatch(/\p{Script=Thai}/u);
  });
});
