// The resident pages' language (the e-ticket page, the booking pages): the five resident languages,
// the phone's own language when it is one of them, and the resident's choice remembered on this
// phone under each page's own key.
import { LANGUAGE_NAMES } from '@jiaohao/shared/i18n';
import type { Language } from '@jiaohao/shared/schemas';

/** The five resident languages, Chinese (the fallback) first, in the kiosk's order. */
export const RESIDENT_LANGUAGES = Object.keys(LANGUAGE_NAMES) as [Language, ...Language[]];

export type LanguageStore = Pick<Storage, 'getItem' | 'setItem'> | undefined;

const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (RESIDENT_LANGUAGES as readonly string[]).includes(value);

/** The choice a resident made on this phone, kept under `key` (a page's own). */
export function languageMemory(key: string) {
  return {
    /** The language the resident chose on this phone, if they did. */
    chosen(storage: LanguageStore): Language | null {
      try {
        const saved = storage?.getItem(key);
        return isLanguage(saved) ? saved : null;
      } catch {
        return null;
      }
    },
    remember(storage: LanguageStore, lang: Language): void {
      try {
        storage?.setItem(key, lang);
      } catch {
        // Private mode: the choice lasts for this visit.
      }
    },
  };
}

/** The phone's own language when it is one of ours, else Chinese. */
export function browserLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-TW';
    const base = lower.split('-')[0];
    if (isLanguage(base)) return base;
    // Indonesian is also tagged "in" by older Android phones.
    if (base === 'in') return 'id';
  }
  return 'zh-TW';
}
