// The kiosk's strings in the five resident languages (shared/src/catalogs/kiosk.ts); the resident
// switches with the language bar, and every return to the start goes back to Traditional Chinese.
import type { i18n as I18n, TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { KIOSK } from '@jiaohao/shared/catalogs';
import { LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import { LANGUAGES, type Language } from '@jiaohao/shared/schemas';
import { makeI18n } from '@jiaohao/web';

export const KIOSK_LANGUAGES = LANGUAGES as unknown as readonly [Language, ...Language[]];

export const createKioskI18n = (): I18n => makeI18n({ catalogs: [KIOSK], languages: KIOSK_LANGUAGES, lang: 'zh-TW' });

/** A `t` for every language, for the screens that speak to everyone at once (out of service, closed). */
export function useEveryLanguage(): { lang: Language; tag: string; t: TFunction }[] {
  const { i18n } = useTranslation();
  return KIOSK_LANGUAGES.map((lang) => ({ lang, tag: LANGUAGE_TAGS[lang], t: i18n.getFixedT(lang) }));
}
