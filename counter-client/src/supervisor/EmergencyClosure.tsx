// The emergency closure (a typhoon day, 停班停課) in one switch: switching it on asks for the
// reason and what happens to the people waiting, and says plainly what will happen before it is
// done; switching it off ends it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import type { OfficeState } from '@jiaohao/shared/reducer';
import type { ClosureWaiting } from '@jiaohao/shared/schemas';
import { useStore } from '@jiaohao/web';
import { Modal } from '../shell/Modal';
import { clockText, closureConsequences, closurePayload, type ClosureDraft } from './model';
import { say } from './say';
import { FeedbackLines, useAction } from '../shell/useAction';

export function EmergencyClosure({ office }: { office: OfficeState }) {
  const { t } = useTranslation();
  const store = useStore();
  const action = useAction();
  const [dialog, setDialog] = useState<'close' | 'end' | null>(null);
  const closure = office.closure;
  const since = closure ? clockText(Date.parse(closure.since), office.office.timeZone, office.businessDate) : '';

  const close = async (draft: ClosureDraft) => {
    const checked = closurePayload(draft);
    if (!checked.ok) return;
    setDialog(null);
    await action.run(
      () => store.send('office:emergency-close', checked.payload),
      (r) => (r.cancelled > 0 ? t('floor.closure.doneCancelled', { count: r.cancelled }) : t('floor.closure.done')),
    );
  };
  const end = () => {
    setDialog(null);
    void action.run(() => store.send('office:emergency-end', {}), () => t('floor.closure.ended'));
  };

  return (
    <section aria-labelledby="floor-closure-title" className={`floor-panel floor-closure${closure ? ' is-closed' : ''}`}>
      <h2 id="floor-closure-title">{t('floor.closure.heading')}</h2>
      <div className="floor-switch-row">
        <button
          type="button"
          role="switch"
          aria-checked={closure !== null}
          className="floor-switch"
          disabled={action.busy}
          onClick={() => setDialog(closure ? 'end' : 'close')}
        >
          <span className="floor-switch-track" aria-hidden="true">
            <span className="floor-switch-thumb" />
          </span>
          {t('floor.closure.switch')}
        </button>
        <p className="floor-switch-state">
          <strong>{closure ? t('floor.closure.on') : t('floor.closure.off')}</strong>
        </p>
      </div>
      {closure ? (
        <div className="floor-closure-now">
          <p>{t('floor.closure.since', { time: since })}</p>
          <p lang={LANGUAGE_TAGS['zh-TW']}>{t('floor.closure.reasonShown', { reason: closure.reason['zh-TW'] })}</p>
          {closure.reason.en && <p lang="en">{t('floor.closure.reasonShown', { reason: closure.reason.en })}</p>}
          <p>{t(`floor.closure.waitingNow.${closure.waiting}`)}</p>
        </div>
      ) : (
        <p>{t('floor.closure.explain')}</p>
      )}
      <FeedbackLines feedback={action.feedback} />
      {dialog === 'close' && <CloseDialog office={office} onDone={(d) => void close(d)} onCancel={() => setDialog(null)} />}
      {dialog === 'end' && (
        <Modal title={t('floor.closure.endTitle')} onClose={() => setDialog(null)}>
          <ul className="floor-effects">
            <li>{t('floor.closure.endEffect.kiosks')}</li>
            <li>{t('floor.closure.endEffect.displays')}</li>
            {closure?.waiting === 'close' && <li>{t('floor.closure.endEffect.cancelled')}</li>}
          </ul>
          <div className="buttons">
            <button type="button" onClick={() => setDialog(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="primary" onClick={end}>
              {t('floor.closure.endConfirm')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}

function CloseDialog({ office, onDone, onCancel }: { office: OfficeState; onDone: (d: ClosureDraft) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [waiting, setWaiting] = useState<ClosureWaiting>('serve');
  const [missing, setMissing] = useState(false);
  const draft: ClosureDraft = { zh, en, waiting };
  const effects = closureConsequences(office, waiting);
  const waitingCount = Object.values(office.tickets).filter((x) => x.state === 'waiting').length;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!closurePayload(draft).ok) return setMissing(true);
    onDone(draft);
  };
  return (
    <Modal title={t('floor.closure.title')} onClose={onCancel}>
      <form onSubmit={submit} noValidate>
        <label>
          {t('floor.closure.reasonZh')}
          <input
            lang={LANGUAGE_TAGS['zh-TW']}
            value={zh}
            maxLength={200}
            required
            aria-required="true"
            aria-invalid={missing && !zh.trim() ? true : undefined}
            aria-describedby="floor-closure-hint"
            onChange={(e) => setZh(e.target.value)}
          />
        </label>
        <p id="floor-closure-hint" className="floor-sub">
          {t('floor.closure.reasonHint')}
        </p>
        <label>
          {t('floor.closure.reasonEn')}
          <input lang="en" value={en} maxLength={200} onChange={(e) => setEn(e.target.value)} />
        </label>
        <fieldset className="floor-choices">
          <legend>{t('floor.closure.waiting', { count: waitingCount })}</legend>
          <label className="check">
            <input type="radio" name="closure-waiting" value="serve" checked={waiting === 'serve'} onChange={() => setWaiting('serve')} />
            {t('floor.closure.waiting.serve')}
          </label>
          <label className="check">
            <input type="radio" name="closure-waiting" value="close" checked={waiting === 'close'} onChange={() => setWaiting('close')} />
            {t('floor.closure.waiting.close')}
          </label>
        </fieldset>
        <h3>{t('floor.closure.willHappen')}</h3>
        <ul className="floor-effects" aria-live="polite">
          {effects.map((s) => (
            <li key={s.key}>{say(t, s)}</li>
          ))}
        </ul>
        <div role="alert">{missing && !zh.trim() && <p className="error">{t('floor.closure.reasonRequired')}</p>}</div>
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary danger">
            {waiting === 'close' ? t('floor.closure.confirmClose', { count: waitingCount }) : t('floor.closure.confirmServe')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
