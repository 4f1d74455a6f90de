// The booking page (/book): the resident picks a line, one of its bookable days, a slot that has a
// place left, then leaves a name and one contact. Problems are shown beside their field; the
// server's refusals in plain words (a slot taken meanwhile reloads the slots). Once booked: the code,
// its QR code, what to do on the day, and the manage link to keep.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { Booked, BookingOffer, Language, Slot } from '@jiaohao/shared/schemas';
import { bookingManagePath } from '@jiaohao/shared/rules';
import type { BookApi, Loaded } from './api';
import { BookingCard, HowTo } from './BookingCard';
import {
  bookBody,
  bookingModel,
  dayParts,
  EMPTY_FORM,
  firstError,
  lineChoices,
  named,
  refusalPhrase,
  slotChoices,
  validate,
  type BookForm,
  type Field,
  type FieldErrors,
  type OfficeInfo,
  type Refusal,
} from './model';
import { TopBar } from './TopBar';
import { useLanguage } from './useLanguage';

export interface BookDeps {
  readonly i18n: I18n;
  readonly api: BookApi;
  readonly remember: (lang: Language) => void;
  /** Where the page is served from (https://queue.example.gov.tw), for the manage link the resident keeps. */
  readonly origin: string;
}

export function BookApp(deps: BookDeps) {
  return (
    <I18nextProvider i18n={deps.i18n}>
      <BookPage {...deps} />
    </I18nextProvider>
  );
}

type Load = { readonly state: 'loading' } | { readonly state: 'failed' } | { readonly state: 'ready'; readonly offer: BookingOffer; readonly office: OfficeInfo };

function useOffer(api: BookApi) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let alive = true;
    void Promise.all([api.offer(), api.office()]).then(([offer, office]) => {
      if (!alive) return;
      // Without the office the lines have no names and the days no time zone: better to say so.
      setLoad(offer.ok && office.ok ? { state: 'ready', offer: offer.data, office: office.data } : { state: 'failed' });
    });
    return () => {
      alive = false;
    };
  }, [api, round]);
  const retry = useCallback(() => {
    setLoad({ state: 'loading' });
    setRound((n) => n + 1);
  }, []);
  // Asked again without blanking the form (a day that closed meanwhile drops out of the offer).
  const refresh = useCallback(() => setRound((n) => n + 1), []);
  return { load, retry, refresh };
}

function useSlots(api: BookApi, serviceId: string | null, date: string | null) {
  const [slots, setSlots] = useState<{ readonly key: string; readonly result: Loaded<readonly Slot[]> | null }>({ key: '', result: null });
  const [round, setRound] = useState(0);
  const key = serviceId && date ? `${serviceId}|${date}|${round}` : '';
  useEffect(() => {
    if (!serviceId || !date) return;
    let alive = true;
    setSlots({ key, result: null });
    void api.slots(serviceId, date).then((result) => alive && setSlots({ key, result }));
    return () => {
      alive = false;
    };
  }, [api, serviceId, date, key]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { result: slots.key === key ? slots.result : null, reload };
}

function BookPage({ i18n, api, remember, origin }: BookDeps) {
  const { t } = useTranslation();
  const lang = useLanguage(i18n);
  const { load, retry, refresh } = useOffer(api);
  const [form, setForm] = useState<BookForm>(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [booked, setBooked] = useState<Booked | null>(null);
  const slots = useSlots(api, form.serviceId, form.date);
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const onLanguage = (l: Language) => {
    remember(l);
    void i18n.changeLanguage(l);
  };

  const title = booked ? t('book.done.title') : t('book.title');
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    if (booked) headingRef.current?.focus();
  }, [booked]);

  const office = load.state === 'ready' ? load.office : null;
  const officeName = office ? named(office.names, lang, '') : null;

  if (booked && load.state === 'ready') {
    const { settings } = load.offer;
    const model = bookingModel(booked.appointment, { office: load.office, slotMinutes: settings.slotMinutes }, lang);
    const path = bookingManagePath(booked.manageToken);
    return (
      <div className="bk">
        <div className="bk-page">
          <TopBar office={officeName} lang={lang} onLanguage={onLanguage} />
          <main className="bk-main">
            <BookingCard model={model} title={t('book.done.title')} headingRef={headingRef} showState={false} />
            <HowTo early={settings.checkInEarlyMinutes} late={settings.lateMinutes} />
            <section className="bk-card bk-keep" aria-labelledby="bk-keep-title">
              <h2 id="bk-keep-title">{t('book.manage.linkLabel')}</h2>
              <p>{t('book.manage.keep')}</p>
              <p className="bk-link">
                <a href={path}>{`${origin}${path}`}</a>
              </p>
            </section>
          </main>
        </div>
      </div>
    );
  }

  const change = (patch: Partial<BookForm>, fields: readonly Field[]) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const f of fields) delete next[f];
      return next;
    });
  };

  const focusField = (field: Field) => {
    const node = formRef.current;
    const target = node?.querySelector<HTMLElement>(`[name="${field}"]:checked`) ?? node?.querySelector<HTMLElement>(`[name="${field}"]:not([disabled])`);
    target?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (submitting) return;
    const found = validate(form);
    setErrors(found);
    setRefusal(null);
    const first = firstError(found);
    if (first) {
      focusField(first);
      return;
    }
    setSubmitting(true);
    const outcome = await api.book(bookBody(form, lang));
    setSubmitting(false);
    if (outcome.ok) {
      setBooked(outcome.booked);
      return;
    }
    setRefusal(outcome.refusal);
    if (outcome.refusal === 'slot_full') {
      setForm((f) => ({ ...f, start: null }));
      slots.reload();
    } else if (outcome.refusal === 'booking_closed') {
      setForm((f) => ({ ...f, date: null, start: null }));
      refresh();
    }
  };

  const err = (field: Field) => errors[field];
  const errId = (field: Field) => `bk-err-${field}`;
  const errorText = (field: Field) => {
    const e = err(field);
    return e ? (
      <p id={errId(field)} className="bk-error">
        {t(e.key, e.values)}
      </p>
    ) : null;
  };
  const described = (field: Field, hint?: string) => [hint, err(field) ? errId(field) : undefined].filter(Boolean).join(' ') || undefined;

  let body;
  if (load.state === 'loading') {
    body = <p className="bk-loading">{t('book.loading')}</p>;
  } else if (load.state === 'failed') {
    body = (
      <div className="bk-card bk-problem" role="alert">
        <p>{t('book.load.failed')}</p>
        <button type="button" className="bk-button" onClick={retry}>
          {t('book.retry')}
        </button>
      </div>
    );
  } else {
    const { offer } = load;
    const lines = lineChoices(offer, load.office, lang);
    const line = lines.find((l) => l.serviceId === form.serviceId) ?? null;
    const slotList = slots.result?.ok ? slotChoices(slots.result.data, offer.settings.slotMinutes) : null;
    const hasErrors = firstError(errors) !== null;
    body =
      lines.length === 0 ? (
        <p className="bk-card">{t('book.none')}</p>
      ) : (
        <form ref={formRef} className="bk-form" noValidate onSubmit={(e) => void submit(e)}>
          <fieldset className="bk-field" aria-describedby={described('serviceId')}>
            <legend>{t('book.line.legend')}</legend>
            {errorText('serviceId')}
            <div className="bk-choices bk-lines">
              {lines.map((l) => (
                <label key={l.serviceId} className="bk-choice">
                  <input
                    type="radio"
                    name="serviceId"
                    value={l.serviceId}
                    checked={form.serviceId === l.serviceId}
                    aria-invalid={err('serviceId') ? true : undefined}
                    onChange={() => change({ serviceId: l.serviceId, date: null, start: null }, ['serviceId', 'date', 'start'])}
                  />
                  <span lang={l.name.lang}>{l.name.text}</span>
                </label>
              ))}
            </div>
          </fieldset>

          {line ? (
            <fieldset className="bk-field" aria-describedby={described('date')}>
              <legend>{t('book.date.legend')}</legend>
              {errorText('date')}
              <div className="bk-choices bk-days">
                {line.dates.map((d) => (
                  <label key={d} className="bk-choice">
                    <input
                      type="radio"
                      name="date"
                      value={d}
                      checked={form.date === d}
                      aria-invalid={err('date') ? true : undefined}
                      onChange={() => change({ date: d, start: null }, ['date', 'start'])}
                    />
                    <span className="bk-date">{dayParts(d, load.office.timeZone, lang).date}</span>{' '}
                    <span className="bk-weekday">{dayParts(d, load.office.timeZone, lang).weekday}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}

          {line && form.date ? (
            <fieldset className="bk-field" aria-describedby={described('start')} aria-busy={slots.result === null}>
              <legend>{t('book.slot.legend')}</legend>
              {errorText('start')}
              {slots.result === null ? (
                <p className="bk-loading">{t('book.slot.loading')}</p>
              ) : !slots.result.ok ? (
                <p className="bk-problem">
                  {t('book.slot.failed')}{' '}
                  <button type="button" className="bk-button bk-small" onClick={slots.reload}>
                    {t('book.retry')}
                  </button>
                </p>
              ) : slotList && slotList.some((s) => !s.full) ? (
                <div className="bk-choices bk-slots">
                  {slotList.map((s) => (
                    <label key={s.start} className="bk-choice" data-full={s.full || undefined}>
                      <input
                        type="radio"
                        name="start"
                        value={s.start}
                        checked={form.start === s.start}
                        disabled={s.full}
                        aria-invalid={err('start') ? true : undefined}
                        onChange={() => change({ start: s.start }, ['start'])}
                      />
                      <span className="bk-time">{s.time}</span>{' '}
                      <span className="bk-places">{t(s.places.key, s.places.values)}</span>
                    </label>
                  ))}
                </div>
              ) : (
                <p>{t('book.slot.none')}</p>
              )}
            </fieldset>
          ) : null}

          <fieldset className="bk-field">
            <legend>{t('book.you.legend')}</legend>
            <div className="bk-input">
              <label htmlFor="bk-name">{t('book.name.label')}</label>
              <input
                id="bk-name"
                name="name"
                type="text"
                autoComplete="name"
                value={form.name}
                aria-invalid={err('name') ? true : undefined}
                aria-describedby={described('name')}
                onChange={(e) => change({ name: e.target.value }, ['name'])}
              />
              {errorText('name')}
            </div>
            <fieldset className="bk-contact">
              <legend>{t('book.contact.legend')}</legend>
              <div className="bk-choices bk-kinds">
                {(['phone', 'email'] as const).map((kind) => (
                  <label key={kind} className="bk-choice">
                    <input type="radio" name="contact" value={kind} checked={form.contact === kind} onChange={() => change({ contact: kind }, ['phone', 'email'])} />
                    <span>{t(kind === 'phone' ? 'book.contact.phone' : 'book.contact.email')}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            {form.contact === 'phone' ? (
              <div className="bk-input">
                <label htmlFor="bk-phone">{t('book.phone.label')}</label>
                <p id="bk-phone-hint" className="bk-hint">
                  {t('book.phone.hint')}
                </p>
                <input
                  id="bk-phone"
                  name="phone"
                  type="tel"
                  inputMode="tel"
                  autoComplete="tel"
                  value={form.phone}
                  aria-invalid={err('phone') ? true : undefined}
                  aria-describedby={described('phone', 'bk-phone-hint')}
                  onChange={(e) => change({ phone: e.target.value }, ['phone'])}
                />
                {errorText('phone')}
              </div>
            ) : (
              <div className="bk-input">
                <label htmlFor="bk-email">{t('book.email.label')}</label>
                <p id="bk-email-hint" className="bk-hint">
                  {t('book.email.hint')}
                </p>
                <input
                  id="bk-email"
                  name="email"
                  type="email"
                  autoComplete="email"
                  value={form.email}
                  aria-invalid={err('email') ? true : undefined}
                  aria-describedby={described('email', 'bk-email-hint')}
                  onChange={(e) => change({ email: e.target.value }, ['email'])}
                />
                {errorText('email')}
              </div>
            )}
          </fieldset>

          <p className="bk-privacy">{t('book.privacy', { days: offer.settings.retentionDays })}</p>
          {hasErrors ? <p className="bk-error bk-summary">{t('book.error.summary')}</p> : null}
          {refusal ? (
            <div className="bk-refusal" role="alert">
              <p>{t(refusalPhrase(refusal).key)}</p>
              {refusal === 'slot_full' && slotList ? (
                <button type="button" className="bk-button bk-small" onClick={() => focusField('start')}>
                  {t('book.slot.again')}
                </button>
              ) : null}
            </div>
          ) : null}
          <button type="submit" className="bk-button bk-submit" aria-disabled={submitting || undefined}>
            {submitting ? t('book.submitting') : t('book.submit')}
          </button>
        </form>
      );
  }

  return (
    <div className="bk">
      <div className="bk-page">
        <TopBar office={officeName} lang={lang} onLanguage={onLanguage} />
        <main className="bk-main">
          <h1 className="bk-title">{t('book.title')}</h1>
          {load.state === 'ready' ? <p className="bk-intro">{t('book.intro')}</p> : null}
          {body}
        </main>
      </div>
    </div>
  );
}
