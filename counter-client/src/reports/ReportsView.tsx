// The office's reports (supervisor and admin): choose a day, a month or a range of dates; read the
// office's figures, the tickets per hour and the tables per line, counter, clerk and day; download
// the same report as CSV, a spreadsheet (ODS) or PDF. Read over REST (GET /reports), not pushed:
// a report covers past days, the live floor is the supervisor's view.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnection } from '@jiaohao/web';
import { localTime } from '@jiaohao/shared/rules';
import { REPORT_FORMATS, type Language, type Report } from '@jiaohao/shared/schemas';
import { ApiError, type api as Api } from '../connection/api';
import { errorText } from '../shell/errors';
import { HourlyChart } from './HourlyChart';
import { daysIn, exportUrl, formatsFor, initialPeriod, reportPath, spansDays, type DateRange } from './model';
import { PeriodChooser } from './PeriodChooser';
import { Headline, ReportTables } from './ReportTables';
import './reports.css';

type Load = { readonly report: Report | null; readonly error: string | null; readonly busy: boolean };

/** The report of `range`, read again whenever the range changes; an answer to an older range is dropped. */
function useReport(api: typeof Api, range: DateRange): Load {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ report: null, error: null, busy: true });
  const asked = useRef(0);
  useEffect(() => {
    const n = ++asked.current;
    setLoad({ report: null, error: null, busy: true });
    api.get<Report>(reportPath(range)).then(
      (report) => n === asked.current && setLoad({ report, error: null, busy: false }),
      (err: unknown) => {
        if (n !== asked.current) return;
        const text =
          err instanceof ApiError && err.status === 0
            ? t('reports.unreachable')
            : err instanceof ApiError && err.status === 404
              ? t('reports.unavailable')
              : err instanceof ApiError && err.body
                ? errorText(t, err.body)
                : t('reports.failed', { message: err instanceof Error ? err.message : String(err) });
        setLoad({ report: null, error: text, busy: false });
      },
    );
    return () => {
      // Unmounted or a new range: whatever answers now is not for this one.
      asked.current++;
    };
  }, [api, range, t]);
  return load;
}

export function ReportsView({ api }: { api: typeof Api }) {
  const { t } = useTranslation();
  const { office } = useConnection();
  if (!office) return <p className="loading">{t('common.loading')}</p>;
  return <Reports api={api} today={office.businessDate} />;
}

/** The view for an office whose business date today is `today`. */
export function Reports({ api, today }: { api: typeof Api; today: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  // A new object on every choice, so asking again for the same period reads it again.
  const [range, setRange] = useState<DateRange>({ from: today, to: today });
  const load = useReport(api, range);
  const formats = formatsFor(lang);
  const report = load.report;
  return (
    <div className="reports">
      <h2>{t('reports.heading')}</h2>
      <PeriodChooser initial={initialPeriod(today)} busy={load.busy} onChoose={(r) => setRange({ ...r })} />
      <p role="status" aria-live="polite" className="reports-sub">
        {load.busy ? t('reports.loading') : ''}
      </p>
      <div role="alert">{load.error && <p className="error">{load.error}</p>}</div>
      {report && (
        <>
          <div className="reports-head reports-panel">
            <div>
              <p className="reports-period-text">
                {spansDays(report)
                  ? t('reports.period.many', { office: report.office.name, from: report.from, to: report.to, days: daysIn(report) })
                  : t('reports.period.one', { office: report.office.name, date: report.from })}
              </p>
              <p className="reports-sub">{t('reports.generatedAt', { time: generatedText(report) })}</p>
            </div>
            <section aria-labelledby="reports-downloads-title" className="reports-downloads">
              <h3 id="reports-downloads-title">{t('reports.downloads.heading')}</h3>
              <ul>
                {REPORT_FORMATS.map((format) => (
                  <li key={format}>
                    <a href={exportUrl(format, report)} download>
                      {t(`reports.download.${format}`)}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          </div>
          <Headline totals={report.totals} formats={formats} />
          <section aria-labelledby="reports-chart-title" className="reports-panel">
            <h3 id="reports-chart-title">{t('reports.chart.heading')}</h3>
            <HourlyChart hourly={report.hourly} formats={formats} />
          </section>
          <ReportTables report={report} lang={lang} formats={formats} perDay={spansDays(report)} />
        </>
      )}
    </div>
  );
}

/** When it was made, on the office's clock ("2024-05-06 10:00"). */
function generatedText(report: Report): string {
  const at = localTime(Date.parse(report.generatedAt), report.office.timeZone);
  return `${at.date} ${at.time}`;
}
