// i18next over the catalogs in shared/ (STYLE.md habit 15): every view's strings come from there,
// Traditional Chinese by default, English on the switch; a missing English string shows the Chinese.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGE_TAGS, type Catalogs } from '@jiaohao/shared/i18n';
import { COUNTER_CATALOGS } from './catalogs';

/** The languages staff can switch between. */
export const STAFF_LANGUAGES = ['zh-TW', 'en'] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];

const STORAGE_KEY = 'jiaohao.counter.lang';

function resources(catalogs: readonly Catalogs<string>[]) {
  const out: Record<string, { translation: Record<string, string> }> = {};
  for (const lang of STAFF_LANGUAGES) {
    out[lang] = { translation: Object.assign({}, ...catalogs.map((c) => c.catalogs[lang])) as Record<string, string> };
  }
  return out;
}

export function savedLanguage(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): StaffLanguage {
  const saved = storage?.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-TW';
}

/** A fresh i18next instance (tests make their own; the app makes one at start). */
export function createI18n(lang: StaffLanguage = savedLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'zh-TW',
    resources: resources(COUNTER_CATALOGS),
    // Keys are flat ("clerk.action.callNext"), not nested objects.
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = LANGUAGE_TAGS[lng as StaffLanguage] ?? LANGUAGE_TAGS['zh-TW'];
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lng);
    } catch {
      // Private mode: the choice lasts for the page only.
    }
  });
  return instance;
}
