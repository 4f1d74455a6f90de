import { useEffect, useState } from 'react';
import type { i18n as I18n } from 'i18next';
import type { Language } from '@jiaohao/shared/schemas';

/** The language shown now, following the switch. */
export function useLanguage(i18n: I18n): Language {
  const [lang, setLang] = useState(i18n.language as Language);
  useEffect(() => {
    const on = (l: string) => setLang(l as Language);
    i18n.on('languageChanged', on);
    return () => i18n.off('languageChanged', on);
  }, [i18n]);
  return lang;
}
