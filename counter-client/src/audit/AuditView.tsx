// The supervisor's audit trail (稽核紀錄): a business date's moves out of the line's order, read
// from GET /audit/trail (the log itself, so it shows what was recorded at the time), and the check
// of the whole event log (GET /events/verify) on demand. Names of lines and counters come from the
// connection store; everything else from the two answers.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditTrailDay, ChainCheck, Language } from '@jiaohao/shared/schemas';
import { useConnection } from '@jiaohao/web';
import { ApiError, type api as Api } from '../connection/api';
import { errorText } from '../shell/errors';
import { checkWords, trailRows, type CheckWords } from './model';
import './audit.css';

type Trail = { readonly data: AuditTrailDay | null; readonly error: string | null; readonly busy: boolean };
type Check = { readonly words: CheckWords | null; readonly error: string | null; readonly busy: boolean };

/** A refusal or a lost connection in the words the other views use. */
function failure(t: ReturnType<typeof useTranslation>['t'], err: unknown): string {
  if (err instanceof ApiError) {
    if (err.body) return errorText(t, err.body);
    if (err.status === 0) return errorText(t, { code: 'not_connected', message: err.message });
  }
  return errorText(t, { code: 'other', message: err instanceof Error ? err.message : String(err) });
}

export function AuditView({ api }: { api: typeof Api }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { office } = useConnection();
  const dateId = useId();
  const [date, setDate] = useState<string | null>(null);
  const [trail, setTrail] = useState<Trail>({ data: null, error: null, busy: false });
  const [check, setCheck] = useState<Check>({ words: null, error: null, busy: false });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  // Today's business date once the office state is there; the supervisor picks another after.
  const shown = date ?? office?.businessDate ?? null;
  // Answers to a date no longer chosen are dropped (the supervisor may step through dates quickly).
  const asked = useRef<string | null>(null);

  useEffect(() => {
    if (!shown) return;
    asked.current = shown;
    setTrail((s) => ({ ...s, busy: true, error: null }));
    api.get<AuditTrailDay>(`/audit/trail?date=${encodeURIComponent(shown)}`).then(
      (data) => alive.current && asked.current === shown && setTrail({ data, error: null, busy: false }),
      (err: unknown) => alive.current && asked.current === shown && setTrail({ data: null, error: t('audit.failed', { message: failure(t, err) }), busy: false }),
    );
  }, [api, shown, t]);

  const timeZone = office?.office.timeZone ?? 'Asia/Taipei';
  const verify = useCallback(() => {
    setCheck({ words: null, error: null, busy: true });
    api.get<ChainCheck>('/events/verify').then(
      (c) => alive.current && setCheck({ words: checkWords(c, timeZone, t), error: null, busy: false }),
      (err: unknown) => alive.current && setCheck({ words: null, error: failure(t, err), busy: false }),
    );
  }, [api, timeZone, t]);

  if (!office || !shown) return <p className="loading">{t('common.loading')}</p>;
  const rows = trail.data ? trailRows(trail.data, office, lang, t) : [];

  return (
    <div className="audit">
      <section aria-labelledby="audit-title" className="audit-panel">
        <h2 id="audit-title">{t('audit.heading')}</h2>
        <p className="audit-sub">{t('audit.intro')}</p>
        <div className="audit-bar">
          <label htmlFor={dateId}>{t('audit.date')}</label>
          <input
            id={dateId}
            type="date"
            value={shown}
            max={office.businessDate}
            onChange={(e) => {
              // Cleared or half-typed: keep showing the last full date.
              if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) setDate(e.target.value);
            }}
          />
          <p role="status" aria-live="polite" className="audit-sub">
            {trail.busy ? t('audit.loading') : ''}
          </p>
        </div>
        <div role="alert">{trail.error && <p className="error">{trail.error}</p>}</div>
        {trail.data && rows.length === 0 && <p className="audit-empty">{t('audit.empty', { date: trail.data.businessDate })}</p>}
        {trail.data && rows.length > 0 && (
          <div className="audit-table-wrap">
            <table className="audit-table">
              <caption>{t('audit.caption', { date: trail.data.businessDate, count: rows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.time')}</th>
                  <th scope="col">{t('audit.col.what')}</th>
                  <th scope="col">{t('audit.col.number')}</th>
                  <th scope="col">{t('audit.col.line')}</th>
                  <th scope="col">{t('audit.col.counter')}</th>
                  <th scope="col">{t('audit.col.who')}</th>
                  <th scope="col">{t('audit.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.seq}>
                    <td className="audit-time">{r.time}</td>
                    <td className={r.transfer ? 'audit-keep' : 'audit-nowrap'}>{r.what}</td>
                    <th scope="row">{r.number}</th>
                    <td>{r.line}</td>
                    <td className="audit-keep">{r.counter}</td>
                    <td className="audit-keep">{r.who}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="audit-verify-title" className="audit-panel">
        <h2 id="audit-verify-title">{t('audit.verify.heading')}</h2>
        <p className="audit-sub">{t('audit.verify.help')}</p>
        <button type="button" onClick={verify} disabled={check.busy}>
          {t('audit.verify.button')}
        </button>
        <div role="status" aria-live="polite" className="audit-check">
          {check.busy && <p>{t('audit.verify.running')}</p>}
          {check.words && (
            <div className={check.words.ok ? 'audit-ok' : 'audit-bad'}>
              {check.words.summary.map((line) => (
                <p key={line}>{line}</p>
              ))}
              {check.words.problems.length > 0 && (
                <ul aria-label={t('audit.verify.problemsLabel')}>
                  {check.words.problems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <div role="alert">{check.error && <p className="error">{check.error}</p>}</div>
      </section>
    </div>
  );
}
