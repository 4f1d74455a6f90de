// i18next over the catalogs in shared/ (STYLE.md habit 15): every view's strings come from there.
// A client names its catalogs and the languages it offers; the first is the default, and a missing
// string in another language shows the default's.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGE_TAGS, type Catalogs } from '@jiaohao/shared/i18n';
import type { Language } from '@jiaohao/shared/schemas';

export interface I18nOptions<L extends Language> {
  readonly catalogs: readonly Catalogs<string>[];
  /** The languages offered, the default first. */
  readonly languages: readonly [L, ...L[]];
  readonly lang: L;
  /** Where the person's choice is remembered on this machine; left out, it is not. */
  readonly storageKey?: string;
}

function resources(catalogs: readonly Catalogs<string>[], languages: readonly Language[]) {
  const out: Record<string, { translation: Record<string, string> }> = {};
  for (const lang of languages) {
    out[lang] = { translation: Object.assign({}, ...catalogs.map((c) => c.catalogs[lang])) as Record<string, string> };
  }
  return out;
}

/** The remembered language, when it is one of `languages`; else the default. */
export function savedLanguage<L extends Language>(
  languages: readonly [L, ...L[]],
  storageKey: string,
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): L {
  const saved = storage?.getItem(storageKey);
  return languages.find((l) => l === saved) ?? languages[0];
}

/** A fresh i18next instance (tests make their own; the app makes one at start). */
export function makeI18n<L extends Language>(options: I18nOptions<L>): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: options.lang,
    fallbackLng: options.languages[0],
    resources: resources(options.catalogs, options.languages),
    // Keys are flat ("clerk.action.callNext"), not nested objects.
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  const tagOf = (lng: string) => LANGUAGE_TAGS[lng as Language] ?? LANGUAGE_TAGS[options.languages[0]];
  if (typeof document !== 'undefined') document.documentElement.lang = tagOf(options.lang);
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = tagOf(lng);
    if (options.storageKey === undefined) return;
    try {
      globalThis.localStorage?.setItem(options.storageKey, lng);
    } catch {
      // Private mode: the choice lasts for the page only.
    }
  });
  return instance;
}
