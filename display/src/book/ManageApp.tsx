// A booking's own page (/book/m/<manage token>): the code, its QR code and the details, the state in
// words, and cancelling after a confirmation. In the language the booking was made in unless the
// resident picks another here. An unknown token gets a plain "no such booking", nothing else.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { Appointment, BookingOffer, Language } from '@jiaohao/shared/schemas';
import { BOOK_PATH } from '@jiaohao/shared/rules';
import type { BookApi } from './api';
import { BookingCard, HowTo } from './BookingCard';
import { bookingModel, named, type OfficeInfo } from './model';
import { TopBar } from './TopBar';
import { useLanguage } from './useLanguage';

export interface ManageDeps {
  readonly token: string | null;
  readonly i18n: I18n;
  readonly api: BookApi;
  /** The language the resident chose on this phone before, if any. */
  readonly chosen: Language | null;
  readonly remember: (lang: Language) => void;
}

export function ManageApp(deps: ManageDeps) {
  return (
    <I18nextProvider i18n={deps.i18n}>
      <ManagePage {...deps} />
    </I18nextProvider>
  );
}

type Load =
  | { readonly state: 'loading' }
  | { readonly state: 'missing' }
  | { readonly state: 'failed' }
  | { readonly state: 'ready'; readonly appointment: Appointment; readonly office: OfficeInfo | null; readonly settings: BookingOffer['settings'] | null };

type CancelProblem = 'not_active' | 'offline' | 'failed';
const PROBLEM_KEY = { not_active: 'book.cancel.notActive', offline: 'book.cancel.offline', failed: 'book.cancel.failed' } as const;

function ManagePage({ token, i18n, api, chosen, remember }: ManageDeps) {
  const { t } = useTranslation();
  const lang = useLanguage(i18n);
  const [load, setLoad] = useState<Load>(token === null ? { state: 'missing' } : { state: 'loading' });
  const [round, setRound] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [problem, setProblem] = useState<CancelProblem | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const pickedHere = useRef(false);

  useEffect(() => {
    if (token === null) return;
    let alive = true;
    void Promise.all([api.appointment(token), api.office(), api.offer()]).then(([appointment, office, offer]) => {
      if (!alive) return;
      if (!appointment.ok) {
        setLoad({ state: appointment.reason === 'not_found' ? 'missing' : 'failed' });
        return;
      }
      // The names and the slot's length make the page nicer; the booking alone is enough to show.
      setLoad({ state: 'ready', appointment: appointment.data, office: office.ok ? office.data : null, settings: offer.ok ? offer.data.settings : null });
    });
    return () => {
      alive = false;
    };
  }, [api, token, round]);

  // The booking's own language, until the resident picks one.
  const bookingLanguage = load.state === 'ready' ? load.appointment.language : null;
  useEffect(() => {
    if (bookingLanguage && chosen === null && !pickedHere.current) void i18n.changeLanguage(bookingLanguage);
  }, [bookingLanguage, chosen, i18n]);

  const onLanguage = (l: Language) => {
    pickedHere.current = true;
    remember(l);
    void i18n.changeLanguage(l);
  };

  const title = load.state === 'missing' ? t('book.missing.title') : t('book.manage.title');
  useEffect(() => {
    document.title = title;
  }, [title]);

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  const keep = () => {
    setConfirming(false);
    queueMicrotask(() => cancelRef.current?.focus());
  };

  const confirmCancel = async () => {
    if (!token || cancelling) return;
    setCancelling(true);
    const outcome = await api.cancel(token);
    setCancelling(false);
    setConfirming(false);
    if (outcome.ok) {
      setProblem(null);
      setLoad((l) => (l.state === 'ready' ? { ...l, appointment: outcome.appointment } : l));
    } else {
      setProblem(outcome.reason);
      // It changed meanwhile (checked in, cancelled by staff): show what it is now.
      if (outcome.reason === 'not_active') setRound((n) => n + 1);
    }
    // The cancel button went with the booked state: the heading takes the focus.
    queueMicrotask(() => (cancelRef.current ?? headingRef.current)?.focus());
  };

  const onConfirmKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      keep();
    }
  };

  const office = load.state === 'ready' && load.office ? named(load.office.names, lang, '') : null;

  let body;
  if (load.state === 'loading') {
    body = <p className="bk-loading">{t('book.manage.loading')}</p>;
  } else if (load.state === 'missing') {
    body = (
      <section className="bk-card bk-missing" aria-labelledby="bk-missing-title">
        <h1 id="bk-missing-title">{t('book.missing.title')}</h1>
        <p>{t('book.missing.text')}</p>
      </section>
    );
  } else if (load.state === 'failed') {
    body = (
      <div className="bk-card bk-problem" role="alert">
        <p>{t('book.load.failed')}</p>
        <button type="button" className="bk-button" onClick={() => setRound((n) => n + 1)}>
          {t('book.retry')}
        </button>
      </div>
    );
  } else {
    const model = bookingModel(load.appointment, { office: load.office, slotMinutes: load.settings?.slotMinutes ?? null }, lang);
    body = (
      <>
        <BookingCard model={model} title={t('book.manage.title')} headingRef={headingRef} showState>
          {problem ? (
            <p className="bk-error" role="alert">
              {t(PROBLEM_KEY[problem])}
            </p>
          ) : null}
          {model.active && !confirming ? (
            <button ref={cancelRef} type="button" className="bk-button bk-danger-outline" onClick={() => setConfirming(true)}>
              {t('book.cancel')}
            </button>
          ) : null}
          {model.active && confirming ? (
            <section className="bk-confirm" aria-labelledby="bk-confirm-title" aria-describedby="bk-confirm-text" onKeyDown={onConfirmKey}>
              <h2 id="bk-confirm-title">{t('book.cancel.title')}</h2>
              <p id="bk-confirm-text">{t('book.cancel.text', { date: model.day, time: model.time })}</p>
              <div className="bk-actions">
                <button ref={keepRef} type="button" className="bk-button" onClick={keep}>
                  {t('book.cancel.keep')}
                </button>
                <button type="button" className="bk-button bk-danger" onClick={() => void confirmCancel()} aria-disabled={cancelling || undefined}>
                  {cancelling ? t('book.cancel.busy') : t('book.cancel.confirm')}
                </button>
              </div>
            </section>
          ) : null}
          {!model.active ? (
            <p>
              <a className="bk-button bk-link-button" href={BOOK_PATH}>
                {t('book.again')}
              </a>
            </p>
          ) : null}
        </BookingCard>
        {model.active && load.settings ? <HowTo early={load.settings.checkInEarlyMinutes} late={load.settings.lateMinutes} /> : null}
      </>
    );
  }

  return (
    <div className="bk">
      <div className="bk-page">
        <TopBar office={office} lang={lang} onLanguage={onLanguage} />
        <main className="bk-main">{body}</main>
      </div>
    </div>
  );
}
