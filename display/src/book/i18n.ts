// The booking pages' strings (shared/src/catalogs/book.ts) in the five resident languages: the phone's
// own language at first, the one the resident picks here after that (remembered on this phone), and
// on a booking's own page the language it was made in until the resident picks one.
import type { i18n as I18n } from 'i18next';
import { BOOK } from '@jiaohao/shared/catalogs';
import type { Language } from '@jiaohao/shared/schemas';
import { BOOKING_MANAGE_PREFIX } from '@jiaohao/shared/rules';
import { makeI18n } from '@jiaohao/web';
import { browserLanguage, languageMemory, RESIDENT_LANGUAGES } from '../shell/resident-language';

export const BOOK_LANGUAGES = RESIDENT_LANGUAGES;
export const LANGUAGE_KEY = 'jiaohao.book.lang';

const memory = languageMemory(LANGUAGE_KEY);
/** The language the resident chose on this phone, if they did. */
export const chosenLanguage = memory.chosen;
export const rememberLanguage = memory.remember;
export { browserLanguage };

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
