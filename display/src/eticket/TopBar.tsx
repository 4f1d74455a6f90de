// The top of the page: the office's name, the language switch, and the connection, always in view
// (STYLE.md habit 16): live, connecting, reconnecting; after a few seconds offline a notice that
// what the page shows may be out of date.
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import type { Language } from '@jiaohao/shared/schemas';
import type { TicketStatus } from './connection';
import { ETICKET_LANGUAGES } from './i18n';
import type { Named } from './model';

export interface TopBarProps {
  readonly office: Named | null;
  readonly lang: Language;
  readonly onLanguage: (lang: Language) => void;
  /** Null where there is no connection to show (a link without a token). */
  readonly status: TicketStatus | null;
  readonly stale: boolean;
}

const STATUS_KEY = { online: 'eticket.conn.live', connecting: 'eticket.conn.connecting', reconnecting: 'eticket.conn.reconnecting' } as const;

export function TopBar({ office, lang, onLanguage, status, stale }: TopBarProps) {
  const { t } = useTranslation();
  return (
    <header className="et-top">
      <div className="et-lang">
        {/* A globe, for a resident who cannot read the language the page is in yet. */}
        <svg className="et-globe" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9.5" />
          <ellipse cx="12" cy="12" rx="4" ry="9.5" />
          <path d="M2.5 12h19M4 7h16M4 17h16" />
        </svg>
        <label htmlFor="et-lang">{t('eticket.lang.label')}</label>
        <select id="et-lang" value={lang} onChange={(e) => onLanguage(e.target.value as Language)}>
          {ETICKET_LANGUAGES.map((l) => (
            <option key={l} value={l} lang={LANGUAGE_TAGS[l]}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      {office ? (
        <p className="et-office" lang={office.lang}>
          {office.text}
        </p>
      ) : null}
      {status ? (
        <p className="et-conn" data-status={status}>
          <span className="et-dot" aria-hidden="true" />
          {t(STATUS_KEY[status])}
        </p>
      ) : null}
      {stale ? (
        <p className="et-stale" role="alert">
          {t('eticket.conn.stale')}
        </p>
      ) : null}
    </header>
  );
}
