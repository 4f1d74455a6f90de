// The booking pages' strings (shared/src/catalogs/book.ts) in the five resident languages: the phone's
// own language at first, the one the resident picks here after that (remembered on this phone), and
// on a booking's own page the language it was made in until the resident picks one.
import type { i18n as I18n } from 'i18next';
import { BOOK } from '@jiaohao/shared/catalogs';
import { LANGUAGE_NAMES } from '@jiaohao/shared/i18n';
import type { Language } from '@jiaohao/shared/schemas';
import { BOOKING_MANAGE_PREFIX } from '@jiaohao/shared/rules';
import { makeI18n } from '@jiaohao/web';

/** Chinese (the fallback) first, in the kiosk's order. */
export const BOOK_LANGUAGES = Object.keys(LANGUAGE_NAMES) as [Language, ...Language[]];
export const LANGUAGE_KEY = 'jiaohao.book.lang';

type Store = Pick<Storage, 'getItem' | 'setItem'> | undefined;

const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (BOOK_LANGUAGES as readonly string[]).includes(value);

export function chosenLanguage(storage: Store): Language | null {
  try {
    const saved = storage?.getItem(LANGUAGE_KEY);
    return isLanguage(saved) ? saved : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(storage: Store, lang: Language): void {
  try {
    storage?.setItem(LANGUAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this visit.
  }
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

export const createBookI18n = (lang: Language): I18n => makeI18n({ catalogs: [BOOK], languages: BOOK_LANGUAGES, lang });

/** Which page a path is: the booking form (/book), a booking's own page (/book/m/<token>), or a manage path without a token. */
export type BookRoute = { readonly page: 'book' } | { readonly page: 'manage'; readonly token: string | null };

export function routeOf(pathname: string): BookRoute {
  if (!pathname.startsWith(BOOKING_MANAGE_PREFIX)) return { page: 'book' };
  const raw = pathname.slice(BOOKING_MANAGE_PREFIX.length).split('/')[0] ?? '';
  if (!raw) return { page: 'manage', token: null };
  try {
    return { page: 'manage', token: decodeURIComponent(raw) };
  } catch {
    return { page: 'manage', token: null };
  }
}
