import { describe, expect, it } from 'vitest';
import { KIOSK } from '@jiaohao/shared/catalogs';
import { missingKeys } from '@jiaohao/shared/i18n';
import { LANGUAGES } from '@jiaohao/shared/schemas';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the kiosk catalog', () => {
  it('has every string in all five resident languages, with the same placeholders', () => {
    expect(missingKeys(KIOSK)).toEqual([]);
    for (const lang of LANGUAGES) {
      for (const key of KIOSK.keys) expect(placeholders(KIOSK.t(lang, key)), `${lang}:${key}`).toEqual(placeholders(KIOSK.t('zh-TW', key)));
    }
  });
});
