// Every line: waiting, the longest wait against the target, the estimate (the server's wait model,
// useEstimates), the counters open for
// it, and whether kiosks issue for it; stopping the issuing for a line or the whole office (for
// the rest of the session, or until started again) and starting it again.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '@jiaohao/shared/i18n';
import type { OfficeState } from '@jiaohao/shared/reducer';
import { REASONS, type IssuingStopReason } from '@jiaohao/shared/rules';
import type { IssuingUntil, Language, Service } from '@jiaohao/shared/schemas';
import { useStore } from '@jiaohao/web';
import type { api as Api } from '../connection/api';
import { useEstimates } from './useEstimates';
import { Modal } from '../shell/Modal';
import { issuingSentence, lineRows, officeIssuing, sessionEndText } from './model';
import { say } from './say';
import { FeedbackLines, useAction } from '../shell/useAction';

/** Whose issuing a dialog stops: a line, or the whole office (null). */
type Target = { readonly service: Service | null };

export function FloorLines({ api, office, now }: { api: typeof Api; office: OfficeState; now: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const store = useStore();
  const action = useAction();
  const [stopping, setStopping] = useState<Target | null>(null);
  const rows = lineRows(office, now, useEstimates(api, office.seq));
  const whole = officeIssuing(office, now);
  const { timeZone } = office.office;
  const today = office.businessDate;
  const lineName = (s: Service | null) => (s ? localized(s.names, lang) : t('floor.issuing.wholeOffice'));

  const resume = (service: Service | null) =>
    void action.run(
      () => store.send('issuing:resume', { serviceId: service?.id ?? null }),
      () => t('floor.issuing.resumed', { line: lineName(service) }),
    );
  const stop = (service: Service | null, answer: StopAnswer) => {
    setStopping(null);
    void action.run(
      () => store.send('issuing:stop', { serviceId: service?.id ?? null, ...answer }),
      () => t(answer.until === 'session_end' ? 'floor.issuing.stoppedSession' : 'floor.issuing.stoppedResumed', { line: lineName(service) }),
    );
  };

  return (
    <section aria-labelledby="floor-lines-title" className="floor-panel floor-lines">
      <h2 id="floor-lines-title">{t('floor.lines.heading')}</h2>
      <div className="floor-office-issuing">
        <p>
          <strong>{t('floor.issuing.office')}</strong> <span className={whole.issuing.open ? 'issuing-open' : 'issuing-closed'}>{say(t, issuingSentence(whole.issuing, null, whole.stop, timeZone, today))}</span>
        </p>
        {whole.stop ? (
          <button type="button" disabled={action.busy} onClick={() => resume(null)}>
            {t('floor.issuing.resumeOffice')}
          </button>
        ) : (
          <button type="button" disabled={action.busy} onClick={() => setStopping({ service: null })}>
            {t('floor.issuing.stopOffice')}
          </button>
        )}
      </div>
      <div className="floor-table-wrap">
        <table className="floor-table">
          <caption>{t('floor.lines.caption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('floor.lines.col.line')}</th>
              <th scope="col">{t('floor.lines.col.waiting')}</th>
              <th scope="col">{t('floor.lines.col.longest')}</th>
              <th scope="col">{t('floor.lines.col.estimate')}</th>
              <th scope="col">{t('floor.lines.col.counters')}</th>
              <th scope="col">{t('floor.lines.col.issuing')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const name = localized(row.service.names, lang);
              return (
                <tr key={row.service.id} className={row.overTarget ? 'over' : undefined}>
                  <th scope="row">{name}</th>
                  <td>{t('floor.lines.people', { count: row.waiting })}</td>
                  <td>
                    {row.longestWaitMinutes === null ? '—' : t('common.minutes', { count: row.longestWaitMinutes })}
                    <span className="floor-sub">{t('floor.lines.target', { minutes: row.service.targetWaitMinutes })}</span>
                    {row.overTarget && (
                      <span className="badge-over">
                        <span aria-hidden="true">⚠ </span>
                        {t('floor.lines.overTarget')}
                      </span>
                    )}
                  </td>
                  <td aria-busy={row.estimate === 'pending'}>
                    {row.estimate === 'pending'
                      ? null
                      : row.estimate
                        ? t('floor.lines.estimate', { min: row.estimate.min, max: row.estimate.max })
                        : // No range from the server: no counter serves the line, or the work ahead is more than they can do.
                          t(row.openCounters === 0 ? 'floor.lines.estimateUnknown' : 'floor.lines.estimateBeyond')}
                  </td>
                  <td>{row.openCounters}</td>
                  <td>
                    <div className="floor-issuing-cell">
                      <span className={row.issuing.open ? 'issuing-open' : 'issuing-closed'}>{say(t, issuingSentence(row.issuing, row.stop, whole.stop, timeZone, today))}</span>
                      {row.stop ? (
                        <button type="button" disabled={action.busy} aria-label={t('floor.issuing.resumeNamed', { line: name })} onClick={() => resume(row.service)}>
                          {t('floor.issuing.resume')}
                        </button>
                      ) : (
                        <button type="button" disabled={action.busy} aria-label={t('floor.issuing.stopNamed', { line: name })} onClick={() => setStopping({ service: row.service })}>
                          {t('floor.issuing.stop')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FeedbackLines feedback={action.feedback} />
      {stopping && (
        <StopIssuingDialog
          title={stopping.service ? t('floor.stop.titleLine', { line: lineName(stopping.service) }) : t('floor.stop.titleOffice')}
          sessionEnd={sessionEndText(office, now, stopping.service?.id ?? null)}
          onDone={(a) => stop(stopping.service, a)}
          onCancel={() => setStopping(null)}
        />
      )}
    </section>
  );
}

interface StopAnswer {
  readonly reason: IssuingStopReason;
  readonly until: IssuingUntil;
  readonly note?: string;
}

function StopIssuingDialog({ title, sessionEnd, onDone, onCancel }: { title: string; sessionEnd: string; onDone: (a: StopAnswer) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<IssuingStopReason>(REASONS.issuing_stop[0]);
  const [until, setUntil] = useState<IssuingUntil>('session_end');
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onDone({ reason, until, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <Modal title={title} onClose={onCancel}>
      <form onSubmit={submit} noValidate>
        <p>{t('floor.stop.explain')}</p>
        <label>
          {t('floor.stop.reason')}
          <select value={reason} onChange={(e) => setReason(e.target.value as IssuingStopReason)}>
            {REASONS.issuing_stop.map((r) => (
              <option key={r} value={r}>
                {t(`floor.stopReason.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="floor-choices">
          <legend>{t('floor.stop.until')}</legend>
          <label className="check">
            <input type="radio" name="until" value="session_end" checked={until === 'session_end'} onChange={() => setUntil('session_end')} />
            {t('floor.stop.untilSession', { time: sessionEnd })}
          </label>
          <label className="check">
            <input type="radio" name="until" value="resumed" checked={until === 'resumed'} onChange={() => setUntil('resumed')} />
            {t('floor.stop.untilResumed')}
          </label>
        </fieldset>
        <label>
          {t('floor.stop.note')}
          <textarea value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('floor.stop.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
