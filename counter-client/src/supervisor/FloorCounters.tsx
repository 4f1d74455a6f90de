// Every counter: its status in words, the clerk holding it, its ticket and for how long, and
// "free this counter" for one a clerk holds (a clerk gone home without closing it).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '@jiaohao/shared/i18n';
import type { OfficeState } from '@jiaohao/shared/reducer';
import type { Language, Staff } from '@jiaohao/shared/schemas';
import { useStore } from '@jiaohao/web';
import { Modal } from '../shell/Modal';
import { counterRows, type CounterRow } from './model';
import { FeedbackLines, useAction } from '../shell/useAction';

export function FloorCounters({ office, now, names, me }: { office: OfficeState; now: number; names: Readonly<Record<string, string>>; me: Staff }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const store = useStore();
  const action = useAction();
  const [releasing, setReleasing] = useState<CounterRow | null>(null);
  const rows = counterRows(office, { ...names, [me.id]: names[me.id] ?? me.displayName }, now);

  const clerkOf = (row: CounterRow) =>
    row.holderId === null ? t('floor.counters.noClerk') : (row.holderName ?? t('floor.counters.unknownClerk'));

  const release = (row: CounterRow) => {
    setReleasing(null);
    const name = localized(row.counter.names, lang);
    void action.run(() => store.send('counter:release', { counterId: row.counter.id }), () => t('floor.counters.released', { counter: name }));
  };

  return (
    <section aria-labelledby="floor-counters-title" className="floor-panel floor-counters">
      <h2 id="floor-counters-title">{t('floor.counters.heading')}</h2>
      <div className="floor-table-wrap">
        <table className="floor-table">
          <caption>{t('floor.counters.caption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('floor.counters.col.counter')}</th>
              <th scope="col">{t('floor.counters.col.status')}</th>
              <th scope="col">{t('floor.counters.col.clerk')}</th>
              <th scope="col">{t('floor.counters.col.ticket')}</th>
              <th scope="col">{t('floor.counters.col.time')}</th>
              <th scope="col">{t('floor.counters.col.action')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const name = localized(row.counter.names, lang);
              return (
                <tr key={row.counter.id} className={row.overLimit ? 'over' : undefined}>
                  <th scope="row">{name}</th>
                  <td>
                    <span className={`status status-${row.counter.status}`}>
                      {t(`floor.counters.status.${row.counter.status}`, { reason: row.counter.pauseReason ? t(`reason.${row.counter.pauseReason}`) : '' })}
                    </span>
                  </td>
                  <td>{clerkOf(row)}</td>
                  <td>
                    {row.ticket ? (
                      <>
                        <strong className="floor-number">{row.ticket.number}</strong>{' '}
                        {t(`floor.counters.ticket.${row.ticket.state === 'serving' ? 'serving' : 'called'}`)}
                        {row.service && <span className="floor-sub">{localized(row.service.names, lang)}</span>}
                      </>
                    ) : (
                      t('floor.counters.noTicket')
                    )}
                  </td>
                  <td>
                    {row.minutesAtCounter === null ? (
                      '—'
                    ) : (
                      <>
                        {t('common.minutes', { count: row.minutesAtCounter })}
                        {row.overLimit && row.service && (
                          <span className="badge-over">
                            <span aria-hidden="true">⚠ </span>
                            {t('floor.counters.overLimit', { limit: row.service.targetHandlingMinutes })}
                          </span>
                        )}
                      </>
                    )}
                  </td>
                  <td>
                    {row.canRelease && (
                      <button type="button" disabled={action.busy} aria-label={t('floor.counters.releaseNamed', { counter: name })} onClick={() => setReleasing(row)}>
                        {t('floor.counters.release')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FeedbackLines feedback={action.feedback} />
      {releasing && (
        <Modal title={t('floor.release.title', { counter: localized(releasing.counter.names, lang) })} onClose={() => setReleasing(null)}>
          <ul className="floor-effects">
            <li>{t('floor.release.effect.holder', { clerk: clerkOf(releasing) })}</li>
            {releasing.ticket && <li>{t('floor.release.effect.ticket', { number: releasing.ticket.number })}</li>}
            <li>{t('floor.release.effect.transferred')}</li>
          </ul>
          <div className="buttons">
            <button type="button" onClick={() => setReleasing(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="primary" onClick={() => release(releasing)}>
              {t('floor.release.confirm')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
