// The clerk's call panel: the counter and its state, the current ticket large with why it was
// chosen and its documents checklist, the moves with their keys, and the lines this counter serves.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, localized } from '@jiaohao/shared/i18n';
import type { Language } from '@jiaohao/shared/schemas';
import { useConnection, useStore, useNow } from '@jiaohao/web';
import { FeedbackLines, useAction } from '../shell/useAction';
import { CallNumberDialog, ReasonDialog, TransferDialog, type ReasonAnswer, type TransferAnswer } from './ClerkDialogs';
import { CLERK_ACTIONS, clerkView, counterName, findWaiting, serviceName, type ClerkAction, type Me } from './model';

type Dialog = null | 'pause' | 'noShow' | 'requeue' | 'transfer' | 'callNumber';

const ACTION_LABEL: Record<ClerkAction, string> = {
  callNext: 'clerk.action.callNext',
  recall: 'clerk.action.recall',
  start: 'clerk.action.start',
  finish: 'clerk.action.finish',
  noShow: 'clerk.action.noShow',
  requeue: 'clerk.action.requeue',
  transfer: 'clerk.action.transfer',
  callNumber: 'clerk.action.callNumber',
};

export function ClerkPanel({ counterId, me, onChangeCounter }: { counterId: string; me: Me; onChangeCounter: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const store = useStore();
  const { office, lastCalls } = useConnection();
  const now = useNow();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { run, busy, feedback, fail } = useAction();
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  // The action buttons, so that keys and changes of state leave the focus on a button, not the page.
  const buttons = useRef<Partial<Record<ClerkAction, HTMLButtonElement | null>>>({});

  const view = office ? clerkView(office, counterId, me, lastCalls[counterId], now) : null;
  const current = view?.current ?? null;
  const ticketId = current?.ticket.id;
  useEffect(() => setChecked({}), [ticketId]);
  // The counter was removed: back to choosing one.
  const gone = office !== null && view === null;
  useEffect(() => {
    if (gone) onChangeCounter();
  }, [gone, onChangeCounter]);
  // Keys work wherever the focus is, except in a field or a dialog.
  const actRef = useRef<(a: ClerkAction) => void>(() => undefined);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => shortcut(e, actRef.current);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // A button that went away or was disabled by the move it made (Open, Finish…) leaves the focus on
  // the page: put it on the first move that can be made now, so the keyboard goes on from there.
  const firstEnabled = CLERK_ACTIONS.find((a) => view?.enabled[a.action])?.action;
  useEffect(() => {
    const at = document.activeElement;
    const lost = at === document.body || (at instanceof HTMLButtonElement && at.disabled);
    if (busy || dialog !== null || !lost || !firstEnabled) return;
    buttons.current[firstEnabled]?.focus();
  });

  if (!office || !view) return <p>{t('common.loading')}</p>;
  const { counter } = view;
  const number = current?.ticket.number ?? '';

  const act = (action: ClerkAction) => {
    if (!view.enabled[action] || busy) return;
    switch (action) {
      case 'callNext':
        return void run(
          () => store.send('counter:call-next', { counterId }),
          (r) => (r.ticket ? t('clerk.done.callNext', { number: r.ticket.number }) : t('clerk.done.nobody')),
        );
      case 'recall':
        return void run(() => store.send('ticket:recall', { ticketId: ticketId! }), () => t('clerk.done.recall', { number }));
      case 'start':
        return void run(() => store.send('ticket:start', { ticketId: ticketId! }), () => t('clerk.done.start', { number }));
      case 'finish':
        return void run(() => store.send('ticket:finish', { ticketId: ticketId! }), () => t('clerk.done.finish', { number }));
      default:
        // A dialog opened by its key gives the focus back to its button when it closes.
        buttons.current[action]?.focus();
        setDialog(action);
    }
  };
  actRef.current = act;

  const onReason = (move: 'noShow' | 'requeue') => (a: ReasonAnswer) => {
    setDialog(null);
    if (move === 'noShow') void run(() => store.send('ticket:no-show', { ticketId: ticketId!, ...a }), () => t('clerk.done.noShow', { number }));
    else void run(() => store.send('ticket:requeue', { ticketId: ticketId!, ...a }), () => t('clerk.done.requeue', { number }));
  };
  const onTransfer = (a: TransferAnswer) => {
    setDialog(null);
    void run(() => store.send('ticket:transfer', { ticketId: ticketId!, ...a }), () => t('clerk.done.transfer', { number }));
  };
  const onCallNumber = (a: ReasonAnswer & { number: string }) => {
    setDialog(null);
    const target = findWaiting(office, counter, a.number);
    if (!target) return fail(t('clerk.callNumber.notFound', { number: a.number.trim() }));
    const { number: _n, ...why } = a;
    void run(() => store.send('ticket:call', { ticketId: target.id, counterId, ...why }), (r) => t('clerk.done.callNext', { number: r.ticket.number }));
  };
  const onPause = (a: ReasonAnswer) => {
    setDialog(null);
    void run(() => store.send('counter:pause', { counterId, ...a }), () => t('clerk.done.paused'));
  };

  return (
    <div className="clerk">
      <section aria-labelledby="counter-title" className="counter-bar">
        <h2 id="counter-title">{counterName(counter, lang)}</h2>
        <p className={`status status-${counter.status}`}>
          {t(`clerk.status.${counter.status}`, { reason: counter.pauseReason ? t(`reason.${counter.pauseReason}`) : '' })}
        </p>
        {view.takenByOther && <p className="warning">{t('clerk.pick.taken')}</p>}
        <div className="buttons">
          {counter.status !== 'open' && (
            <button type="button" disabled={busy || view.takenByOther} onClick={() => void run(() => store.send('counter:open', { counterId }), () => t('clerk.done.opened'))}>
              {counter.status === 'paused' ? t('clerk.resume') : t('clerk.open')}
            </button>
          )}
          {counter.status === 'open' && (
            <button type="button" disabled={busy || view.takenByOther} onClick={() => setDialog('pause')}>
              {t('clerk.pause')}
            </button>
          )}
          {counter.status !== 'closed' && (
            <button type="button" disabled={busy || view.takenByOther || current !== null} onClick={() => void run(() => store.send('counter:close', { counterId }), () => t('clerk.done.closed'))}>
              {t('clerk.closeCounter')}
            </button>
          )}
          <button type="button" onClick={onChangeCounter}>
            {t('clerk.pick.change')}
          </button>
        </div>
      </section>

      <section aria-labelledby="current-title" className="current">
        <h2 id="current-title">{t('clerk.current.heading')}</h2>
        {current ? (
          <>
            <p className="big-number" aria-live="polite">
              {current.ticket.number}
            </p>
            <ul className="facts">
              <li>{serviceName(current.service, lang)}</li>
              <li className={`class-${current.ticket.class}`}>{t(`clerk.class.${current.ticket.class}`)}</li>
              <li>{t(`clerk.current.state.${current.ticket.state}`)}</li>
              <li>{t('clerk.current.waited', { minutes: current.waitedMinutes })}</li>
              {current.ticket.language !== 'zh-TW' && <li className="language">{t('clerk.current.language', { language: LANGUAGE_NAMES[current.ticket.language] })}</li>}
              {current.ticket.recallCount > 0 && <li>{t('clerk.current.recalls', { count: current.ticket.recallCount })}</li>}
            </ul>
            {current.why && <p className="why">{t('clerk.current.why', { why: t(current.why.key, current.why.values) })}</p>}
            {current.ticket.transfers.length > 0 && (
              <div>
                <h3>{t('clerk.current.transfers')}</h3>
                <ol>
                  {current.ticket.transfers.map((step, i) => (
                    <li key={i}>
                      {t('clerk.current.transferStep', {
                        from: step.fromCounterId && office.counters[step.fromCounterId] ? counterName(office.counters[step.fromCounterId]!, lang) : serviceName(office.services[step.fromServiceId], lang),
                        to: step.toCounterId && office.counters[step.toCounterId] ? counterName(office.counters[step.toCounterId]!, lang) : serviceName(office.services[step.toServiceId], lang),
                      })}
                    </li>
                  ))}
                </ol>
              </div>
            )}
            <fieldset className="docs">
              <legend>{t('clerk.docs.heading')}</legend>
              {current.service && localized(current.service.documents, lang).length > 0 ? (
                localized(current.service.documents, lang).map((doc, i) => (
                  <label key={i} className="check">
                    <input type="checkbox" checked={checked[i] ?? false} onChange={(e) => setChecked({ ...checked, [i]: e.target.checked })} />
                    {doc}
                  </label>
                ))
              ) : (
                <p>{t('clerk.docs.none')}</p>
              )}
            </fieldset>
          </>
        ) : (
          <p>{t('clerk.current.none')}</p>
        )}
      </section>

      <section aria-labelledby="actions-title" className="actions">
        <h2 id="actions-title">{t('clerk.actions.heading')}</h2>
        <div className="action-grid">
          {CLERK_ACTIONS.map(({ action, key }) => (
            <button
              key={action}
              type="button"
              className={action === 'callNext' ? 'primary' : undefined}
              ref={(el) => {
                buttons.current[action] = el;
              }}
              disabled={!view.enabled[action] || busy}
              aria-keyshortcuts={key}
              onClick={() => act(action)}
            >
              {t(ACTION_LABEL[action])} <kbd aria-hidden="true">{key}</kbd>
            </button>
          ))}
        </div>
        <FeedbackLines feedback={feedback} className="feedback" />
      </section>

      <section aria-labelledby="lines-title" className="lines">
        <h2 id="lines-title">{t('clerk.lines.heading')}</h2>
        <ul>
          {view.lines.map((line) => (
            <li key={line.service.id} className={line.overTarget ? 'over' : undefined}>
              <strong>{serviceName(line.service, lang)}</strong> · {t('clerk.lines.waiting', { count: line.waiting })}
              {line.next.length > 0 && <> · {t('clerk.lines.next', { numbers: line.next.join('、') })}</>}
              {line.longestWaitMinutes !== null && <> · {t('clerk.lines.longest', { minutes: line.longestWaitMinutes })}</>}
              {line.overTarget && (
                <span className="badge-over">
                  <span aria-hidden="true">⚠ </span>
                  {t('clerk.lines.overTarget', { minutes: line.service.targetWaitMinutes })}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>

      {dialog === 'pause' && <ReasonDialog title={t('clerk.pause.title')} move="pause" onDone={onPause} onCancel={() => setDialog(null)} />}
      {dialog === 'noShow' && <ReasonDialog title={t('clerk.noShow.title')} move="no_show" onDone={onReason('noShow')} onCancel={() => setDialog(null)} />}
      {dialog === 'requeue' && <ReasonDialog title={t('clerk.requeue.title')} move="requeue" onDone={onReason('requeue')} onCancel={() => setDialog(null)} />}
      {dialog === 'transfer' && current && (
        <TransferDialog office={office} fromServiceId={current.ticket.serviceId} fromCounterId={counterId} onDone={onTransfer} onCancel={() => setDialog(null)} />
      )}
      {dialog === 'callNumber' && <CallNumberDialog onDone={onCallNumber} onCancel={() => setDialog(null)} />}
    </div>
  );
}

/** A letter key, pressed outside any field and without modifiers, runs its action. */
function shortcut(e: KeyboardEvent, act: (a: ClerkAction) => void): void {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  const target = e.target as HTMLElement | null;
  if (target?.closest?.('input, textarea, select, [role="dialog"]') || document.querySelector('[role="dialog"]')) return;
  const hit = CLERK_ACTIONS.find((a) => a.key === e.key.toUpperCase());
  if (!hit) return;
  e.preventDefault();
  act(hit.action);
}
