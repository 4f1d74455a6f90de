// The kiosk languages as residents see them, and the string catalogs of the clients. Traditional
// Chinese is the office's own language and always complete; any other text may be missing and then
// falls back to it, so a resident never sees a blank. Only types come from domain.schemas, so this
// module (and the `./i18n` bundle) carries no TypeBox code; the Record types below make a language
// added to LANGUAGES fail to compile here until it has a name and a tag.
import type { Language, LocalizedList, LocalizedText } from './domain.schemas';

export const FALLBACK_LANGUAGE = 'zh-TW' satisfies Language;
type OtherLanguage = Exclude<Language, typeof FALLBACK_LANGUAGE>;

/** Each language's name in that language, for the language picker (in LANGUAGES order). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  'zh-TW': '繁體中文',
  en: 'English',
  vi: 'Tiếng Việt',
  id: 'Bahasa Indonesia',
  th: 'ไทย',
};

/** BCP 47 tags for `lang` attributes and `Intl`; zh-TW names the script, as browsers and screen readers expect. */
export const LANGUAGE_TAGS: Readonly<Record<Language, string>> = {
  'zh-TW': 'zh-Hant-TW',
  en: 'en',
  vi: 'vi',
  id: 'id',
  th: 'th',
};

const OTHER_LANGUAGES = (Object.keys(LANGUAGE_NAMES) as Language[]).filter(
  (lang): lang is OtherLanguage => lang !== FALLBACK_LANGUAGE,
);

/**
 * The text in `lang`, or in Traditional Chinese when that language is missing. An empty string or
 * list counts as missing: it is an untranslated field, and the zh-TW documents list is better than none.
 */
export function localized(text: LocalizedText, lang: Language): string;
export function localized(text: LocalizedList, lang: Language): string[];
export function localized(text: LocalizedText | LocalizedList, lang: Language): string | string[] {
  const value = text[lang];
  return value !== undefined && value.length > 0 ? value : text[FALLBACK_LANGUAGE];
}

/** A client's strings: zh-TW has every key; the others may lack some, which then fall back to zh-TW. */
export type CatalogSet<K extends string> = { readonly [FALLBACK_LANGUAGE]: Readonly<Record<K, string>> } & {
  readonly [L in OtherLanguage]: Readonly<Partial<Record<K, string>>>;
};

export interface Catalogs<K extends string> {
  /** The string for `key` in `lang`, else in zh-TW. */
  t(lang: Language, key: K): string;
  readonly keys: readonly K[];
  readonly catalogs: CatalogSet<K>;
}

/**
 * Types a client's catalogs from its zh-TW catalog: `t` accepts only its keys, and the other
 * catalogs may hold no key zh-TW lacks. Every language must be present, even if still empty.
 */
export function defineCatalogs<const Z extends Readonly<Record<string, string>>>(
  catalogs: { readonly [FALLBACK_LANGUAGE]: Z } & { readonly [L in OtherLanguage]: Readonly<Partial<Record<keyof Z, string>>> },
): Catalogs<keyof Z & string> {
  type K = keyof Z & string;
  const set = catalogs as unknown as CatalogSet<K>;
  const keys = Object.keys(set[FALLBACK_LANGUAGE]) as K[];
  return {
    t(lang, key) {
      const own = lang === FALLBACK_LANGUAGE ? undefined : set[lang][key];
      // The key itself as a last resort (only reachable from untyped code), rather than a blank.
      return own || set[FALLBACK_LANGUAGE][key] || key;
    },
    keys,
    catalogs: set,
  };
}

/**
 * `lang:key` for every zh-TW key that another catalog lacks (or has empty), in LANGUAGES order
 * then key order. A client's test expects none (STYLE.md habit 15).
 */
export function missingKeys<K extends string>(catalogs: CatalogSet<K> | Catalogs<K>): string[] {
  const set = 't' in catalogs ? catalogs.catalogs : catalogs;
  const keys = Object.keys(set[FALLBACK_LANGUAGE]) as K[];
  const missing: string[] = [];
  for (const lang of OTHER_LANGUAGES) {
    for (const key of keys) if (!set[lang][key]) missing.push(`${lang}:${key}`);
  }
  return missing;
}
