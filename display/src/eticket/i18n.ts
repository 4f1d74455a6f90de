// The e-ticket page's strings (shared/src/catalogs/eticket.ts) in the five resident languages. The
// page speaks the language the ticket was issued in, unless the resident picked another on this
// phone: only that choice is remembered (localStorage), never the ticket's own language, so the next
// ticket taken in another language still opens in it.
import type { i18n as I18n } from 'i18next';
import { ETICKET } from '@jiaohao/shared/catalogs';
import type { Language } from '@jiaohao/shared/schemas';
import { makeI18n } from '@jiaohao/web';
import { browserLanguage, languageMemory, RESIDENT_LANGUAGES } from '../shell/resident-language';

export const ETICKET_LANGUAGES = RESIDENT_LANGUAGES;
export const LANGUAGE_KEY = 'jiaohao.eticket.lang';

const memory = languageMemory(LANGUAGE_KEY);
/** The language the resident chose on this phone, if they did. */
export const chosenLanguage = memory.chosen;
export const rememberLanguage = memory.remember;
export { browserLanguage };

export const createETicketI18n = (lang: Language): I18n => makeI18n({ catalogs: [ETICKET], languages: ETICKET_LANGUAGES, lang });

/** The tracking token in `/t/<token>` (anything after it ignored), or null. */
export function tokenFromPath(pathname: string): string | null {
  const m = pathname.match(/^\/t\/([^/?#]+)/);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}
