// The status page as a function of what it is given (STYLE.md habit 14): the status, the language
// and the connection. It draws the view rows of ../public-status; every word comes from its catalog.
// The same tree is rendered on the server and hydrated in the browser, so nothing here reads a clock.
import { useId, type MouseEvent } from 'react';
import type { PublicStatus } from '@jiaohao/shared/schemas';
import { STATUS_PATH } from '@jiaohao/shared/rules';
import {
  announcementRows,
  closureView,
  counterRows,
  languageTag,
  lineRows,
  livenessLabel,
  localized,
  openingView,
  otherLanguage,
  staleNotice,
  text,
  updatedAtText,
  type Liveness,
  type Localized,
  type StatusLanguage,
} from '../public-status';

export interface StatusPageProps {
  readonly status: PublicStatus | null;
  readonly lang: StatusLanguage;
  readonly liveness: Liveness;
  /** With a script: switch in place (the link still works without one). */
  readonly onLanguage?: (lang: StatusLanguage) => void;
}

/** The page's address in a language: Chinese is the bare address. */
export const statusHref = (lang: StatusLanguage): string => (lang === 'en' ? `${STATUS_PATH}?lang=en` : STATUS_PATH);

function Text({ value, className }: { value: Localized; className?: string }) {
  return (
    <span lang={value.lang} className={className}>
      {value.text}
    </span>
  );
}

export function StatusPage({ status, lang, liveness, onLanguage }: StatusPageProps) {
  const t = (key: Parameters<typeof text>[1], values?: Parameters<typeof text>[2]) => text(lang, key, values);
  const other = otherLanguage(lang);
  const ids = useId();
  const live = livenessLabel(liveness, lang);
  const switchLanguage = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!onLanguage || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onLanguage(other);
  };

  return (
    <div className="st" lang={languageTag(lang)}>
      <header className="st-top">
        <div className="st-top-text">
          {status ? (
            <p className="st-office">
              <Text value={localized(status.office.names, lang)} />
            </p>
          ) : null}
          <h1>{t('page.title')}</h1>
        </div>
        <a className="st-lang" href={statusHref(other)} hrefLang={languageTag(other)} lang={languageTag(other)} aria-label={t('lang.switchLabel')} onClick={switchLanguage}>
          {t('lang.switch')}
        </a>
      </header>

      <div className="st-state">
        {/* Polite and rare: it changes when the connection does, not with every count. */}
        <p className={`st-live st-live-${liveness}`} role="status">
          {live ?? ''}
        </p>
        {status ? <p className="st-updated">{updatedAtText(status, lang)}</p> : null}
      </div>
      {liveness === 'lost' && status ? (
        <p className="st-stale" role="alert">
          {staleNotice(status, lang)}
        </p>
      ) : null}
      <noscript>
        <p className="st-noscript">{t('page.noscript')}</p>
      </noscript>

      <main className="st-main">
        {status ? <Body status={status} lang={lang} ids={ids} /> : <p>{t('lines.empty')}</p>}
      </main>

      <footer className="st-foot">
        {status ? (
          <dl className="st-contact">
            <div>
              <dt>{t('office.address')}</dt>
              <dd lang={languageTag('zh-TW')}>{status.office.address}</dd>
            </div>
            <div>
              <dt>{t('office.tel')}</dt>
              <dd>
                <a href={`tel:${status.office.tel.replace(/[^\d+]/g, '')}`}>{status.office.tel}</a>
              </dd>
            </div>
          </dl>
        ) : null}
        <p>
          <a href="/api/v1/public/status">{t('page.feed')}</a>
        </p>
      </footer>
    </div>
  );
}

function Body({ status, lang, ids }: { status: PublicStatus; lang: StatusLanguage; ids: string }) {
  const t = (key: Parameters<typeof text>[1], values?: Parameters<typeof text>[2]) => text(lang, key, values);
  const closure = closureView(status, lang);
  const notices = announcementRows(status, lang);
  const lines = lineRows(status, lang);
  const counters = counterRows(status, lang);
  const opening = openingView(status, lang);

  return (
    <>
      {closure ? (
        <section className="st-closure" aria-labelledby={`${ids}-closure`}>
          <h2 id={`${ids}-closure`}>{t('closure.heading')}</h2>
          <p>
            <Text value={closure.reason} />
          </p>
          <p>{closure.sinceText}</p>
        </section>
      ) : null}

      {notices.length > 0 ? (
        <section className="st-notices" aria-labelledby={`${ids}-notices`}>
          <h2 id={`${ids}-notices`}>{t('announcements.heading')}</h2>
          <ul>
            {notices.map((n) => (
              <li key={n.id}>
                <Text value={n.text} />
                {n.services ? <span className="st-notice-lines"> ({n.services})</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="st-lines-section" aria-labelledby={`${ids}-lines`}>
        <h2 id={`${ids}-lines`}>{t('lines.heading')}</h2>
        <p className="st-intro">{t('page.intro')}</p>
        {lines.length === 0 ? (
          <p>{t('lines.empty')}</p>
        ) : (
          <ul className="st-lines">
            {lines.map((line) => (
              <li key={line.id} className={line.issuingOpen ? 'st-line' : 'st-line st-line-closed'} aria-labelledby={`${ids}-line-${line.id}`}>
                <h3 id={`${ids}-line-${line.id}`}>
                  <Text value={line.name} />
                </h3>
                <dl>
                  <div className="st-fact st-waiting">
                    <dt>{t('col.waiting')}</dt>
                    <dd>
                      <span className="st-count">{line.waiting}</span> <span className="st-unit">{line.waitingUnit}</span>
                    </dd>
                  </div>
                  <div className="st-fact">
                    <dt>{t('col.nowServing')}</dt>
                    <dd className={line.nowServing ? 'st-number' : undefined}>{line.nowServingText}</dd>
                  </div>
                  <div className="st-fact">
                    <dt>{t('col.estimate')}</dt>
                    <dd>{line.estimateText}</dd>
                  </div>
                  <div className="st-fact st-issuing">
                    <dt>{t('col.issuing')}</dt>
                    <dd className={line.issuingOpen ? 'st-open' : 'st-closed'}>{line.issuingText}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="st-opening" aria-labelledby={`${ids}-opening`}>
        <h2 id={`${ids}-opening`}>{t('opening.heading')}</h2>
        <p className={opening.open ? 'st-badge st-open' : 'st-badge st-closed'}>{opening.stateText}</p>
        {opening.nextText ? <p className="st-next">{opening.nextText}</p> : null}
        <h3>{opening.todayText}</h3>
        {opening.todayNotice ? (
          <p className="st-holiday">
            <Text value={opening.todayNotice} />
          </p>
        ) : null}
        <ul className="st-sessions">
          {opening.todaySessions.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
        <table className="st-week">
          <caption>{t('opening.week')}</caption>
          <tbody>
            {opening.week.map((d) => (
              <tr key={d.weekday}>
                <th scope="row">{d.day}</th>
                <td>{d.hours}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {opening.specialDays.length > 0 ? (
          <>
            <h3>{t('opening.special')}</h3>
            <ul className="st-special">
              {opening.specialDays.map((d) => (
                <li key={d.text}>
                  <Text value={d} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {counters.length > 0 ? (
        <section className="st-counters" aria-labelledby={`${ids}-counters`}>
          <h2 id={`${ids}-counters`}>{t('counters.heading')}</h2>
          <table>
            <caption className="visually-hidden">{t('counters.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.counter')}</th>
                <th scope="col">{t('col.nowServing')}</th>
                <th scope="col">{t('col.counterStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {counters.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Text value={c.name} />
                  </th>
                  <td className="st-number">{c.nowServingText}</td>
                  <td className={c.open ? 'st-open' : 'st-muted'}>{c.statusText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
