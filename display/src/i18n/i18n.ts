// The wall's strings: its catalogs from shared/, shown in Traditional Chinese and English side by
// side (a waiting room reads both at once), so there is no language switch to remember.
import type { i18n as I18n, TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DISPLAY_WALL } from '@jiaohao/shared/catalogs';
import { LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import { makeI18n } from '@jiaohao/web';

export const WALL_LANGUAGES = ['zh-TW', 'en'] as const;
export type WallLanguage = (typeof WALL_LANGUAGES)[number];

export const createDisplayI18n = (): I18n => makeI18n({ catalogs: [DISPLAY_WALL], languages: WALL_LANGUAGES, lang: 'zh-TW' });

export interface Both {
  readonly zh: TFunction;
  readonly en: TFunction;
}

/** A `t` per language shown. */
export function useBoth(): Both {
  const { i18n } = useTranslation();
  return { zh: i18n.getFixedT('zh-TW'), en: i18n.getFixedT('en') };
}

export const TAG: Readonly<Record<WallLanguage, string>> = { 'zh-TW': LANGUAGE_TAGS['zh-TW'], en: LANGUAGE_TAGS.en };
