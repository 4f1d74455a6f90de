// The e-ticket page's strings (shared/src/catalogs/eticket.ts) in the five resident languages. The
// page speaks the language the ticket was issued in, unless the resident picked another on this
// phone: only that choice is remembered (localStorage), never the ticket's own language, so the next
// ticket taken in another language still opens in it.
import type { i18n as I18n } from 'i18next';
import { ETICKET } from '@jiaohao/shared/catalogs';
import { LANGUAGE_NAMES } from '@jiaohao/shared/i18n';
import type { Language } from '@jiaohao/shared/schemas';
import { makeI18n } from '@jiaohao/web';

/** The five resident languages, Chinese (the fallback) first, in the kiosk's order. */
export const ETICKET_LANGUAGES = Object.keys(LANGUAGE_NAMES) as [Language, ...Language[]];
export const LANGUAGE_KEY = 'jiaohao.eticket.lang';

type Store = Pick<Storage, 'getItem' | 'setItem'> | undefined;

const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (ETICKET_LANGUAGES as readonly string[]).includes(value);

/** The language the resident chose on this phone, if they did. */
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

/** Before the ticket is known (and for an unknown token): the phone's own language when it is one of ours. */
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
