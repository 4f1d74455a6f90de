// Tickets issued and served per hour, as bars drawn here (no chart library): one image with a
// label that sums it up, and the same numbers in a table a screen reader reads (hidden on screen).
import { useTranslation } from 'react-i18next';
import { chartGeometry, chartSummary, hourSpan, type Formats, type Hourly } from './model';

const hh = (hour: number) => String(hour).padStart(2, '0');

export function HourlyChart({ hourly, formats }: { hourly: Hourly; formats: Formats }) {
  const { t } = useTranslation();
  const summary = chartSummary(hourly);
  if (!summary) return <p>{t('reports.chart.empty')}</p>;
  const g = chartGeometry(hourly);
  const label = t('reports.chart.label', {
    first: `${hh(summary.first)}:00`,
    last: `${hh(summary.last + 1)}:00`,
    issued: formats.count(summary.issued),
    served: formats.count(summary.served),
    peak: hourSpan(summary.peak),
    peakIssued: formats.count(summary.peakIssued),
  });
  return (
    <div className="reports-chart">
      <svg role="img" aria-label={label} viewBox={`0 0 ${g.width} ${g.height}`} className="reports-chart-svg">
        {g.ticks.map((tick) => (
          <g key={tick.value} className="reports-chart-tick">
            <line x1={g.left} x2={g.right} y1={tick.y} y2={tick.y} />
            <text x={g.left - 6} y={tick.y} textAnchor="end" dominantBaseline="middle">
              {formats.count(tick.value)}
            </text>
          </g>
        ))}
        {g.hours.map((h) => (
          <g key={h.hour}>
            {h.bars.map((b) => (
              <rect key={b.series} className={`reports-bar-${b.series}`} x={b.x} y={b.y} width={b.width} height={b.height} />
            ))}
            <text className="reports-chart-hour" x={h.labelX} y={g.baseline + 18} textAnchor="middle">
              {hh(h.hour)}
            </text>
          </g>
        ))}
        <line className="reports-chart-axis" x1={g.left} x2={g.right} y1={g.baseline} y2={g.baseline} />
      </svg>
      <ul className="reports-legend" aria-hidden="true">
        <li>
          <span className="reports-swatch reports-bar-issued" />
          {t('reports.chart.issued')}
        </li>
        <li>
          <span className="reports-swatch reports-bar-served" />
          {t('reports.chart.served')}
        </li>
      </ul>
      <table className="visually-hidden">
        <caption>{t('reports.chart.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.chart.hour')}</th>
            <th scope="col">{t('reports.chart.issued')}</th>
            <th scope="col">{t('reports.chart.served')}</th>
          </tr>
        </thead>
        <tbody>
          {g.hours.map((h) => (
            <tr key={h.hour}>
              <th scope="row">{hourSpan(h.hour)}</th>
              <td>{formats.count(h.issued)}</td>
              <td>{formats.count(h.served)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
