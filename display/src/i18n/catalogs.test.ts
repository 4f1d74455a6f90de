import { describe, expect, it } from 'vitest';
import { DISPLAY_SPEECH, DISPLAY_WALL } from '@jiaohao/shared/catalogs';
import { LANGUAGE_NAMES, missingKeys } from '@jiaohao/shared/i18n';
import type { Language } from '@jiaohao/shared/schemas';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the display catalogs', () => {
  it('has every wall string in English too (the wall shows both), with the same placeholders', () => {
    const en = DISPLAY_WALL.catalogs.en;
    for (const key of DISPLAY_WALL.keys) {
      expect(en[key], key).toBeTruthy();
      expect(placeholders(en[key]!), key).toEqual(placeholders(DISPLAY_WALL.catalogs['zh-TW'][key]));
    }
  });

  it('can say a call in every resident language, with the number and the counter in it', () => {
    expect(missingKeys(DISPLAY_SPEECH)).toEqual([]);
    for (const lang of Object.keys(LANGUAGE_NAMES) as Language[]) {
      expect(placeholders(DISPLAY_SPEECH.t(lang, 'speech.call')), lang).toEqual(['counter', 'number']);
    }
  });
});
