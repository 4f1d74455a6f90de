// The resident's e-ticket page: one connection to /public following their ticket (connection.ts),
// drawn from eticketModel; the call over the whole screen with a beep and a vibration; cancelling
// after a confirmation; once finished, the rating; the language of the ticket unless the resident picks another.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { Language, RatingBody } from '@jiaohao/shared/schemas';
import { useLost, useNow, type Transport } from '@jiaohao/web';
import type { CallAlert } from './alert';
import type { CancelOutcome, ETicketApi } from './api';
import { CalledScreen } from './CalledScreen';
import { CancelDialog } from './CancelDialog';
import { createTicketStore, useTicket } from './connection';
import { eticketAnnouncement, eticketModel, type ETicketModel, type Phrase } from './model';
import { RatingBlock } from './RatingBlock';
import { TicketCard } from './TicketCard';
import { TopBar } from './TopBar';

export interface ETicketDeps {
  readonly token: string | null;
  readonly i18n: I18n;
  readonly transport: () => Transport;
  readonly api: ETicketApi;
  readonly alert: CallAlert;
  /** The language the resident chose on this phone before, if any. */
  readonly chosen: Language | null;
  readonly remember: (lang: Language) => void;
}

export function ETicketApp(deps: ETicketDeps) {
  return (
    <I18nextProvider i18n={deps.i18n}>
      {deps.token === null ? <Missing lang={deps.i18n.language as Language} onLanguage={(l) => pick(deps, l)} /> : <Followed {...deps} token={deps.token} />}
    </I18nextProvider>
  );
}

function pick(deps: Pick<ETicketDeps, 'i18n' | 'remember'>, lang: Language): void {
  deps.remember(lang);
  void deps.i18n.changeLanguage(lang);
}

function useLanguage(i18n: I18n): Language {
  const [lang, setLang] = useState(i18n.language as Language);
  useEffect(() => {
    const on = (l: string) => setLang(l as Language);
    i18n.on('languageChanged', on);
    return () => i18n.off('languageChanged', on);
  }, [i18n]);
  return lang;
}

function Followed({ token, i18n, transport, api, alert, chosen, remember }: ETicketDeps & { token: string }) {
  const store = useMemo(() => createTicketStore(transport(), token), [transport, token]);
  useEffect(() => () => store.close(), [store]);
  const conn = useTicket(store);
  const lang = useLanguage(i18n);
  const { t } = useTranslation();
  const stale = useLost(conn.status === 'online');
  const now = useNow(30_000) + conn.clockOffsetMs;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  // The ticket's own language, until the resident picks one.
  const pickedHere = useRef(false);
  const ticketLanguage = conn.view?.language;
  useEffect(() => {
    if (ticketLanguage && chosen === null && !pickedHere.current) void i18n.changeLanguage(ticketLanguage);
  }, [ticketLanguage, chosen, i18n]);

  const model = conn.view ? eticketModel(conn.view, now, lang) : null;

  // The call screen: shown for each new call or recall until the resident closes it; with a beep.
  const [closedCall, setClosedCall] = useState<string | null>(null);
  const callKey = model?.call?.key ?? null;
  useEffect(() => {
    if (callKey !== null) alert.play();
  }, [callKey, alert]);
  const calling = model !== null && callKey !== null && callKey !== closedCall;

  // What the live region says: a change of place in the line, the call, the end.
  const [announcement, setAnnouncement] = useState<Phrase | null>(null);
  const previous = useRef<ETicketModel | null>(null);
  useEffect(() => {
    if (!model) return;
    const said = eticketAnnouncement(previous.current, model);
    previous.current = model;
    if (said) setAnnouncement(said.phrase);
  });

  // The first touch anywhere lets the phone beep later.
  const [soundReady, setSoundReady] = useState(alert.ready);
  useEffect(() => {
    const off = alert.onChange(() => setSoundReady(alert.ready));
    if (alert.ready) return off;
    const unlock = () => alert.unlock();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      off();
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, [alert]);

  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [outcome, setOutcome] = useState<CancelOutcome | null>(null);
  const confirmCancel = async () => {
    if (!model) return;
    setCancelling(true);
    const result = await api.cancel(model.ticketId, token);
    setCancelling(false);
    setConfirming(false);
    setOutcome(result);
    // The push follows; asking again shows it at once even if the push is late.
    store.refresh();
  };

  const rate = async (body: RatingBody) => {
    const result = await api.rate(token, body);
    // The view then carries the rating (a reload shows the thanks); ask for it rather than wait.
    if (result === 'rated' || result === 'already_rated') store.refresh();
    return result;
  };

  // What had the focus went with the state it belonged to (the cancel button of a cancelled ticket,
  // the call screen): the ticket's heading takes it, so a keyboard or screen reader is not lost.
  const phase = model?.phase;
  useEffect(() => {
    if (phase && document.activeElement === document.body) headingRef.current?.focus();
  }, [phase]);

  const docTitle = model ? t(model.docTitle.key, model.docTitle.values) : t('eticket.title');
  useEffect(() => {
    document.title = docTitle;
  }, [docTitle]);

  const onLanguage = useCallback(
    (l: Language) => {
      pickedHere.current = true;
      pick({ i18n, remember }, l);
    },
    [i18n, remember],
  );
  const focusHeading = () => headingRef.current;
  const modal = calling || confirming;

  if (conn.missing) return <Missing lang={lang} onLanguage={onLanguage} />;

  return (
    <div className="et">
      <div className="et-page" inert={modal}>
        <TopBar office={model?.office ?? null} lang={lang} onLanguage={onLanguage} status={conn.status} stale={stale} />
        <main className="et-main">
          {model ? (
            <>
              <TicketCard model={model} headingRef={headingRef} />
              {outcome && outcome !== 'cancelled' ? (
                <p className="et-error" role="alert">
                  {t(OUTCOME_KEY[outcome])}
                </p>
              ) : null}
              {model.phase === 'waiting' ? <p className="et-hint">{t('eticket.live.hint')}</p> : null}
              {model.phase === 'waiting' || model.phase === 'called' ? (
                soundReady ? (
                  <p className="et-sound-on">{t('eticket.sound.on')}</p>
                ) : (
                  <button type="button" className="et-button et-sound" onClick={() => alert.unlock()}>
                    {t('eticket.sound.enable')}
                  </button>
                )
              ) : null}
              {model.canRate || model.rating ? <RatingBlock given={model.rating?.score ?? null} onRate={rate} /> : null}
              {model.canCancel ? (
                <button ref={cancelRef} type="button" className="et-button et-cancel" onClick={() => setConfirming(true)}>
                  {t('eticket.cancel')}
                </button>
              ) : null}
            </>
          ) : (
            <p className="et-loading">{t('eticket.loading')}</p>
          )}
        </main>
        <footer className="et-foot">
          <p>{t('eticket.privacy')}</p>
        </footer>
        <p className="visually-hidden" role="status">
          {announcement ? t(announcement.key, announcement.values) : ''}
        </p>
      </div>
      {model && calling && callKey ? <CalledScreen model={model} lang={lang} onClose={() => setClosedCall(callKey)} fallbackFocus={focusHeading} /> : null}
      {model && confirming && !calling ? (
        <CancelDialog number={model.number} busy={cancelling} onConfirm={() => void confirmCancel()} onKeep={() => setConfirming(false)} fallbackFocus={focusHeading} />
      ) : null}
    </div>
  );
}

const OUTCOME_KEY = { too_late: 'eticket.cancel.tooLate', offline: 'eticket.cancel.offline', failed: 'eticket.cancel.failed' } as const;

/** An unknown token (or none): a plain message, nothing else. */
function Missing({ lang, onLanguage }: { lang: Language; onLanguage: (l: Language) => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('eticket.missing.title');
  }, [t, lang]);
  return (
    <div className="et">
      <div className="et-page">
        <TopBar office={null} lang={lang} onLanguage={onLanguage} status={null} stale={false} />
        <main className="et-main">
          <section className="et-card et-missing" aria-labelledby="et-missing-title">
            <h1 id="et-missing-title">{t('eticket.missing.title')}</h1>
            <p>{t('eticket.missing.text')}</p>
          </section>
        </main>
      </div>
    </div>
  );
}
