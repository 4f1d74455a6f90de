// A Report as it is read: the office's headline figures, then a table per line, per counter, per
// clerk and (over more than a day) per date. A figure with no data is a dash a screen reader reads
// as "no data".
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Report, ReportFigures } from '@jiaohao/shared/schemas';
import type { Formats } from './model';

/** A formatted figure, or a dash that reads "no data". */
export function Value({ text }: { text: string | null }) {
  const { t } = useTranslation();
  if (text !== null) return <>{text}</>;
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('reports.noData')}</span>
    </>
  );
}

function useRating(formats: Formats) {
  const { t } = useTranslation();
  return (r: ReportFigures['ratings']) => {
    const mean = formats.score(r.mean);
    return mean === null ? null : t('reports.ratings', { mean, count: r.count });
  };
}

export function Headline({ totals, formats }: { totals: ReportFigures; formats: Formats }) {
  const { t } = useTranslation();
  const rating = useRating(formats);
  const items: [string, string | null][] = [
    ['issued', formats.count(totals.issued)],
    ['served', formats.count(totals.served)],
    ['noShows', formats.count(totals.noShows)],
    ['meanWait', formats.minutes(totals.waitMinutes.mean)],
    ['medianWait', formats.minutes(totals.waitMinutes.median)],
    ['p90Wait', formats.minutes(totals.waitMinutes.p90)],
    ['withinTarget', formats.share(totals.withinTargetWait)],
    ['withinLimit', formats.share(totals.withinHandlingLimit)],
    ['bookings', t('reports.figure.bookingsValue', { kept: formats.count(totals.bookings.kept), missed: formats.count(totals.bookings.missed) })],
    ['ratings', rating(totals.ratings)],
  ];
  return (
    <section aria-labelledby="reports-totals-title" className="reports-panel">
      <h3 id="reports-totals-title">{t('reports.totals.heading')}</h3>
      <dl className="reports-figures">
        {items.map(([key, text]) => (
          <div key={key}>
            <dt>{t(`reports.figure.${key}`)}</dt>
            <dd>
              <Value text={text} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const COLUMNS = ['issued', 'served', 'noShows', 'meanWait', 'p90Wait', 'withinTarget', 'meanHandling', 'withinLimit', 'rating'] as const;

function Cells({ f, formats }: { f: ReportFigures; formats: Formats }) {
  const rating = useRating(formats);
  const texts: Record<(typeof COLUMNS)[number], string | null> = {
    issued: formats.count(f.issued),
    served: formats.count(f.served),
    noShows: formats.count(f.noShows),
    meanWait: formats.minutes(f.waitMinutes.mean),
    p90Wait: formats.minutes(f.waitMinutes.p90),
    withinTarget: formats.share(f.withinTargetWait),
    meanHandling: formats.minutes(f.handlingMinutes.mean),
    withinLimit: formats.share(f.withinHandlingLimit),
    rating: rating(f.ratings),
  };
  return (
    <>
      {COLUMNS.map((c) => (
        <td key={c}>
          <Value text={texts[c]} />
        </td>
      ))}
    </>
  );
}

export interface Row {
  readonly key: string;
  readonly head: ReactNode;
  readonly figures: ReportFigures;
}

export function FiguresTable({ caption, first, rows, total, formats }: { caption: string; first: string; rows: readonly Row[]; total?: ReportFigures; formats: Formats }) {
  const { t } = useTranslation();
  return (
    <div className="reports-table-wrap">
      <table className="reports-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {t(`reports.col.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length + 1}>{t('reports.table.empty')}</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.head}</th>
              <Cells f={r.figures} formats={formats} />
            </tr>
          ))}
        </tbody>
        {total && (
          <tfoot>
            <tr>
              <th scope="row">{t('reports.total')}</th>
              <Cells f={total} formats={formats} />
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

export function ReportTables({ report, lang, formats, perDay }: { report: Report; lang: string; formats: Formats; perDay: boolean }) {
  const { t } = useTranslation();
  const lines = report.services.map((s) => ({ key: s.serviceId, head: lang === 'en' && s.nameEn ? s.nameEn : s.name, figures: s }));
  const counters = report.counters.map((c) => ({ key: c.counterId, head: c.name, figures: c }));
  const clerks = report.clerks.map((c) => ({ key: c.staffId, head: c.name, figures: c }));
  const days = report.days.map((d) => ({ key: d.businessDate, head: d.businessDate, figures: d }));
  return (
    <section aria-labelledby="reports-tables-title" className="reports-panel">
      <h3 id="reports-tables-title">{t('reports.tables.heading')}</h3>
      <FiguresTable caption={t('reports.table.services', { count: lines.length })} first={t('reports.col.line')} rows={lines} total={report.totals} formats={formats} />
      <FiguresTable caption={t('reports.table.counters', { count: counters.length })} first={t('reports.col.counter')} rows={counters} formats={formats} />
      <FiguresTable caption={t('reports.table.clerks', { count: clerks.length })} first={t('reports.col.clerk')} rows={clerks} formats={formats} />
      {perDay && <FiguresTable caption={t('reports.table.days', { count: days.length })} first={t('reports.col.date')} rows={days} formats={formats} />}
    </section>
  );
}
