// The top of both booking pages: the language switch (with a globe, for a resident who cannot read
// the page's language yet) and the office's name once it is known.
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import type { Language } from '@jiaohao/shared/schemas';
import { BOOK_LANGUAGES } from './i18n';
import type { Named } from './model';

export function TopBar({ office, lang, onLanguage }: { office: Named | null; lang: Language; onLanguage: (lang: Language) => void }) {
  const { t } = useTranslation();
  return (
    <header className="bk-top">
      <div className="bk-lang">
        <svg className="bk-globe" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9.5" />
          <ellipse cx="12" cy="12" rx="4" ry="9.5" />
          <path d="M2.5 12h19M4 7h16M4 17h16" />
        </svg>
        <label htmlFor="bk-lang">{t('book.lang.label')}</label>
        <select id="bk-lang" value={lang} onChange={(e) => onLanguage(e.target.value as Language)}>
          {BOOK_LANGUAGES.map((l) => (
            <option key={l} value={l} lang={LANGUAGE_TAGS[l]}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      {office ? (
        <p className="bk-office" lang={office.lang}>
          {office.text}
        </p>
      ) : null}
    </header>
  );
}
