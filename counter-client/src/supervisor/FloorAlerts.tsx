// What needs a supervisor now: lines past their target wait or served by nobody, tickets past
// their handling-time limit (from the state), and the server's own alerts (a device issuing too fast).
import { useTranslation } from 'react-i18next';
import type { OfficeState } from '@jiaohao/shared/reducer';
import type { Language } from '@jiaohao/shared/schemas';
import { alertSentence, clockText, floorAlerts, raisedAlertSentence, type RaisedAlert } from './model';
import { say } from './say';

export function FloorAlerts({ office, now, raised, names }: { office: OfficeState; now: number; raised: readonly RaisedAlert[]; names: Readonly<Record<string, string>> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const alerts = floorAlerts(office, now);
  const count = alerts.length + raised.length;
  return (
    <section aria-labelledby="floor-alerts-title" className={`floor-panel floor-alerts${count > 0 ? ' has-alerts' : ''}`}>
      <h2 id="floor-alerts-title">{t('floor.alerts.heading', { count })}</h2>
      {count === 0 ? (
        <p className="floor-calm">{t('floor.alerts.none')}</p>
      ) : (
        <ul className="floor-alert-list">
          {alerts.map((a) => (
            <li key={a.id} className={`floor-alert floor-alert-${a.kind}`}>
              <span aria-hidden="true">⚠ </span>
              {say(t, alertSentence(a, office, lang))}
            </li>
          ))}
          {raised.map((e) => (
            <li key={`raised:${e.seq}`} className="floor-alert floor-alert-raised">
              <span aria-hidden="true">⚠ </span>
              {t('floor.alert.at', { time: clockText(Date.parse(e.at), office.office.timeZone, office.businessDate) })} {say(t, raisedAlertSentence(e, names))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
