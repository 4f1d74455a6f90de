// Today at a glance: issued, served, no-shows, waits and the residents' satisfaction (the mean of
// their e-ticket ratings, with how many rated) per line, from GET /stats/today. The one
// thing on the floor that is read, not pushed: every 30 s, a little after the queue moves, and on demand.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '@jiaohao/shared/i18n';
import type { OfficeState } from '@jiaohao/shared/reducer';
import type { Language, TodayStats } from '@jiaohao/shared/schemas';
import { ApiError, type api as Api } from '../connection/api';
import { clockText, statsRows } from './model';

export const STATS_REFRESH_MS = 30_000;
/** After the queue moves, wait this long for more to happen before reading the figures again. */
export const STATS_SETTLE_MS = 3_000;

type Load = { readonly stats: TodayStats | null; readonly error: string | null; readonly busy: boolean };

export function FloorToday({ api, office, refreshMs = STATS_REFRESH_MS, settleMs = STATS_SETTLE_MS }: { api: typeof Api; office: OfficeState; refreshMs?: number; settleMs?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [load, setLoad] = useState<Load>({ stats: null, error: null, busy: true });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const refresh = useCallback(() => {
    setLoad((l) => ({ ...l, busy: true }));
    api.get<TodayStats>('/stats/today').then(
      (stats) => alive.current && setLoad({ stats, error: null, busy: false }),
      (err: unknown) => {
        if (!alive.current) return;
        const text =
          err instanceof ApiError && err.status === 0
            ? t('floor.today.unreachable')
            : err instanceof ApiError && err.status === 404
              ? t('floor.today.unavailable')
              : t('floor.today.failed', { message: err instanceof Error ? err.message : String(err) });
        setLoad((l) => ({ stats: l.stats, error: text, busy: false }));
      },
    );
  }, [api, t]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, refreshMs);
    return () => clearInterval(timer);
  }, [refresh, refreshMs]);
  // The queue moved (a new seq): read again once it settles, not on every event of a burst.
  const seq = office.seq;
  const firstSeq = useRef(seq);
  useEffect(() => {
    if (seq === firstSeq.current) return;
    const timer = setTimeout(refresh, settleMs);
    return () => clearTimeout(timer);
  }, [seq, refresh, settleMs]);

  const minutes = (v: number | null) => (v === null ? '—' : t('common.minutes', { count: v }));
  const satisfaction = (r: { count: number; mean: number | null }) => (r.mean === null ? '—' : t('floor.today.rating', { mean: r.mean.toFixed(1), count: r.count }));
  const rows = load.stats ? statsRows(load.stats, office) : [];
  const lines = rows.filter((r) => r.serviceId !== null);
  const totals = rows.find((r) => r.serviceId === null);

  return (
    <section aria-labelledby="floor-today-title" className="floor-panel floor-today">
      <h2 id="floor-today-title">{t('floor.today.heading')}</h2>
      <div className="floor-today-bar">
        <p role="status" aria-live="polite" className="floor-sub">
          {load.busy ? t('floor.today.loading') : load.stats ? t('floor.today.asOf', { time: clockText(Date.parse(load.stats.at), office.office.timeZone, office.businessDate) }) : ''}
        </p>
        <button type="button" onClick={refresh} disabled={load.busy}>
          {t('floor.today.refresh')}
        </button>
      </div>
      <div role="alert">{load.error && <p className="error">{load.error}</p>}</div>
      {load.stats && (
        <div className="floor-table-wrap">
          <table className="floor-table">
            <caption>{t('floor.today.caption', { date: load.stats.businessDate })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('floor.today.col.line')}</th>
                <th scope="col">{t('floor.today.col.issued')}</th>
                <th scope="col">{t('floor.today.col.served')}</th>
                <th scope="col">{t('floor.today.col.noShows')}</th>
                <th scope="col">{t('floor.today.col.meanWait')}</th>
                <th scope="col">{t('floor.today.col.p90Wait')}</th>
                <th scope="col">{t('floor.today.col.rating')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((r) => (
                <tr key={r.serviceId}>
                  <th scope="row">{r.service ? localized(r.service.names, lang) : r.serviceId}</th>
                  <td>{r.figures.issued}</td>
                  <td>{r.figures.served}</td>
                  <td>{r.figures.noShows}</td>
                  <td>{minutes(r.figures.waitMinutes.mean)}</td>
                  <td>{minutes(r.figures.waitMinutes.p90)}</td>
                  <td>{satisfaction(r.figures.ratings)}</td>
                </tr>
              ))}
            </tbody>
            {totals && (
              <tfoot>
                <tr>
                  <th scope="row">{t('floor.today.total')}</th>
                  <td>{totals.figures.issued}</td>
                  <td>{totals.figures.served}</td>
                  <td>{totals.figures.noShows}</td>
                  <td>{minutes(totals.figures.waitMinutes.mean)}</td>
                  <td>{minutes(totals.figures.waitMinutes.p90)}</td>
                  <td>{satisfaction(totals.figures.ratings)}</td>
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </section>
  );
}
