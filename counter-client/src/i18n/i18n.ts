// The counter client's strings: its catalogs from shared/, Traditional Chinese by default, English
// on the switch, the choice remembered on this PC (the i18next set-up is @jiaohao/web's).
import type { i18n as I18n } from 'i18next';
import { makeI18n, savedLanguage as saved } from '@jiaohao/web';
import { COUNTER_CATALOGS } from './catalogs';

/** The languages staff can switch between. */
export const STAFF_LANGUAGES = ['zh-TW', 'en'] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];

const STORAGE_KEY = 'jiaohao.counter.lang';

export function savedLanguage(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): StaffLanguage {
  return saved(STAFF_LANGUAGES, STORAGE_KEY, storage);
}

/** A fresh i18next instance (tests make their own; the app makes one at start). */
export function createI18n(lang: StaffLanguage = savedLanguage()): I18n {
  return makeI18n({ catalogs: COUNTER_CATALOGS, languages: STAFF_LANGUAGES, lang, storageKey: STORAGE_KEY });
}
