// 電話預約: a clerk books a slot for a resident on the telephone (POST /appointments, channel
// 'staff'), from the lines and dates the office offers now (GET /booking/offer) and that day's slots
// (GET /booking/slots; a full one is listed but cannot be chosen). The form is checked before it is
// sent (the problem beside each field); a refusal is said in words beside the field it concerns.
// On success the booking code is shown large, to be read out to the caller.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '@jiaohao/shared/i18n';
import type { OfficeState } from '@jiaohao/shared/reducer';
import type { Appointment, Booked, BookingOffer, Language, Slot } from '@jiaohao/shared/schemas';
import { restAck, type api as Api } from '../connection/api';
import { errorText } from '../shell/errors';
import {
  BOOK_PATH,
  CONTACT_KINDS,
  contactField,
  dateLabel,
  datesOf,
  newPhoneForm,
  OFFER_PATH,
  refusalField,
  showCode,
  slotOptions,
  slotsPath,
  toBookBody,
  withDate,
  withLine,
  type PhoneField,
  type PhoneForm,
  type Problems,
} from './model';
import { failure } from './failure';

type Offer = { readonly offer: BookingOffer | null; readonly error: string | null };
type Slots = { readonly key: string; readonly list: readonly Slot[] | null; readonly error: string | null };
type Refusal = { readonly field: PhoneField | null; readonly text: string };

export function PhoneBooking({ api, office, onBooked }: { api: typeof Api; office: OfficeState; onBooked: (a: Appointment) => void }) {
  const { t } = useTranslation();
  const [offer, setOffer] = useState<Offer>({ offer: null, error: null });
  const [offerVersion, setOfferVersion] = useState(0);
  useEffect(() => {
    let live = true;
    api.get<BookingOffer>(OFFER_PATH).then(
      (o) => live && setOffer({ offer: o, error: null }),
      (err: unknown) => live && setOffer({ offer: null, error: t('bookings.phone.offerFailed', { message: failure(t, err) }) }),
    );
    return () => {
      live = false;
    };
  }, [api, t, offerVersion]);

  return (
    <section aria-labelledby="bookings-phone-title" className="bookings-panel">
      <h2 id="bookings-phone-title">{t('bookings.phone.heading')}</h2>
      <p className="bookings-sub">{t('bookings.phone.intro')}</p>
      {offer.error && (
        <div role="alert">
          <p className="error">{offer.error}</p>
          <button type="button" onClick={() => setOfferVersion((n) => n + 1)}>
            {t('admin.booking.retry')}
          </button>
        </div>
      )}
      {!offer.offer && !offer.error && <p>{t('common.loading')}</p>}
      {offer.offer && offer.offer.lines.length === 0 && <p>{t('bookings.phone.closed')}</p>}
      {offer.offer && offer.offer.lines.length > 0 && <BookingForm api={api} office={office} offer={offer.offer} onBooked={onBooked} />}
    </section>
  );
}

function BookingForm({ api, office, offer, onBooked }: { api: typeof Api; office: OfficeState; offer: BookingOffer; onBooked: (a: Appointment) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const prefix = useId();
  const idOf = (path: PhoneField) => `${prefix}${path.slice(1)}`;
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const [form, setForm] = useState<PhoneForm>(() => newPhoneForm(offer));
  const [problems, setProblems] = useState<Problems>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const [booked, setBooked] = useState<Appointment | null>(null);
  // Bumped on every failed submit, so the focus goes to the field again even if it is the same one.
  const [attempt, setAttempt] = useState(0);

  // The chosen day's slots; read again after a booking or a slot_full refusal (places change).
  const slotKey = form.serviceId && form.date ? `${form.serviceId}|${form.date}` : '';
  const [slotVersion, setSlotVersion] = useState(0);
  const [slots, setSlots] = useState<Slots>({ key: '', list: null, error: null });
  useEffect(() => {
    if (!slotKey) return;
    let live = true;
    setSlots({ key: slotKey, list: null, error: null });
    api.get<{ slots: Slot[] }>(slotsPath(form.serviceId, form.date)).then(
      (r) => live && setSlots({ key: slotKey, list: r.slots, error: null }),
      (err: unknown) => live && setSlots({ key: slotKey, list: null, error: t('bookings.phone.slotsFailed', { message: failure(t, err) }) }),
    );
    return () => {
      live = false;
    };
  }, [api, t, slotKey, form.serviceId, form.date, slotVersion]);
  const daySlots = slots.key === slotKey ? slots.list : null;

  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);
  useEffect(() => {
    if (booked) doneRef.current?.focus();
  }, [booked]);

  const edit = (next: PhoneForm) => {
    setForm(next);
    setRefusal(null);
  };
  const errorOf = (path: PhoneField): string | null => {
    if (refusal?.field === path) return refusal.text;
    const p = problems[path];
    return p ? t(p.key, p.values) : null;
  };
  const control = (path: PhoneField, hint = false) => {
    const error = errorOf(path) !== null;
    const ids = [hint ? `${idOf(path)}-hint` : '', error ? `${idOf(path)}-error` : ''].filter(Boolean).join(' ');
    return { id: idOf(path), 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined };
  };

  const submit = useCallback(
    async (e: FormEvent) => {
      e.preventDefault();
      setRefusal(null);
      const checked = toBookBody(form, daySlots);
      if (!checked.ok) {
        setProblems(checked.problems);
        setAttempt((n) => n + 1);
        return;
      }
      setProblems({});
      setBusy(true);
      try {
        const ack = await restAck(api.post<Booked>(BOOK_PATH, checked.body));
        if (ack.ok) {
          setBooked(ack.data.appointment);
          onBooked(ack.data.appointment);
        } else {
          setRefusal({ field: refusalField(ack.error, form.contactKind), text: errorText(t, ack.error) });
          setAttempt((n) => n + 1);
        }
        if (ack.ok || ack.error.code === 'slot_full') setSlotVersion((n) => n + 1);
      } finally {
        setBusy(false);
      }
    },
    [api, form, daySlots, onBooked, t],
  );

  const lineName = (id: string) => {
    const s = office.services[id];
    return s ? localized(s.names, lang) : id;
  };

  if (booked) {
    const code = showCode(booked.code);
    return (
      <div className="bookings-done" aria-labelledby={`${prefix}done`} role="region">
        <h3 id={`${prefix}done`} ref={doneRef} tabIndex={-1}>
          {t('bookings.done.heading')}
        </h3>
        <p className="bookings-code-label" id={`${prefix}code`}>
          {t('bookings.done.code')}
        </p>
        <p className="bookings-code" aria-labelledby={`${prefix}code`} aria-describedby={`${prefix}readout`}>
          {code}
        </p>
        <p id={`${prefix}readout`}>
          {t('bookings.done.readOut', { date: booked.date, time: booked.start, line: lineName(booked.serviceId), code, early: offer.settings.checkInEarlyMinutes })}
        </p>
        <button
          type="button"
          onClick={() => {
            setBooked(null);
            setForm(newPhoneForm(offer, form));
          }}
        >
          {t('bookings.done.another')}
        </button>
      </div>
    );
  }

  const dates = datesOf(offer, form.serviceId);
  const options = daySlots ? slotOptions(daySlots, t) : [];
  const count = Object.keys(problems).length;
  const contactPath = contactField(form.contactKind);
  const top = refusal && refusal.field === null ? refusal.text : null;
  const slotHint = slots.error ?? (slotKey && !daySlots ? t('bookings.phone.slotsLoading') : daySlots?.length === 0 ? t('bookings.phone.noSlots') : undefined);
  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate className="bookings-form">
      <div role="alert">
        {top && <p className="error">{top}</p>}
        {count > 0 && <p className="error">{t('bookings.phone.fixFields', { count })}</p>}
      </div>
      <div className="bookings-form-grid">
        <FormField label={t('bookings.phone.line')} htmlFor={idOf('/serviceId')} error={errorOf('/serviceId')} errorId={`${idOf('/serviceId')}-error`} refused={refusal?.field === '/serviceId'}>
          <select {...control('/serviceId')} value={form.serviceId} onChange={(e) => edit(withLine(form, offer, e.target.value))}>
            {offer.lines.map((l) => (
              <option key={l.serviceId} value={l.serviceId}>
                {lineName(l.serviceId)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('bookings.phone.date')} htmlFor={idOf('/date')} error={errorOf('/date')} errorId={`${idOf('/date')}-error`} refused={refusal?.field === '/date'}>
          <select {...control('/date')} value={form.date} onChange={(e) => edit(withDate(form, e.target.value))} disabled={dates.length === 0}>
            {dates.length === 0 && <option value="">{t('bookings.phone.noDates')}</option>}
            {dates.map((d) => (
              <option key={d} value={d}>
                {dateLabel(d, lang)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField
          label={t('bookings.phone.slot')}
          htmlFor={idOf('/start')}
          error={errorOf('/start')}
          errorId={`${idOf('/start')}-error`}
          refused={refusal?.field === '/start'}
          hint={slotHint}
          hintId={`${idOf('/start')}-hint`}
        >
          <select {...control('/start', slotHint !== undefined)} value={form.start} onChange={(e) => edit({ ...form, start: e.target.value })}>
            <option value="">{t('bookings.phone.chooseSlot')}</option>
            {options.map((o) => (
              <option key={o.value} value={o.value} disabled={o.disabled}>
                {o.label}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('bookings.phone.name')} htmlFor={idOf('/name')} error={errorOf('/name')} errorId={`${idOf('/name')}-error`} refused={refusal?.field === '/name'}>
          <input {...control('/name')} value={form.name} onChange={(e) => edit({ ...form, name: e.target.value })} autoComplete="off" aria-required maxLength={60} />
        </FormField>
        <fieldset className="bookings-contact">
          <legend>{t('bookings.phone.contactKind')}</legend>
          <div className="bookings-radios">
            {CONTACT_KINDS.map((k) => (
              <label key={k} className="check">
                <input type="radio" name={`${prefix}contactKind`} value={k} checked={form.contactKind === k} onChange={() => edit({ ...form, contactKind: k, contact: '' })} />
                {t(k === 'phone' ? 'bookings.phone.byPhone' : 'bookings.phone.byEmail')}
              </label>
            ))}
          </div>
          <FormField
            label={t(form.contactKind === 'phone' ? 'bookings.phone.phone' : 'bookings.phone.email')}
            htmlFor={idOf(contactPath)}
            error={errorOf(contactPath)}
            errorId={`${idOf(contactPath)}-error`}
            refused={refusal?.field === contactPath}
            hint={form.contactKind === 'phone' ? t('bookings.phone.phoneHint') : undefined}
            hintId={`${idOf(contactPath)}-hint`}
          >
            <input
              {...control(contactPath, form.contactKind === 'phone')}
              key={form.contactKind}
              type={form.contactKind === 'phone' ? 'tel' : 'email'}
              value={form.contact}
              onChange={(e) => edit({ ...form, contact: e.target.value })}
              autoComplete="off"
              aria-required
            />
          </FormField>
        </fieldset>
      </div>
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('bookings.phone.busy') : t('bookings.phone.submit')}
        </button>
      </div>
    </form>
  );
}

/** A labelled control with its hint and its error (an alert when the server refused it). */
function FormField({
  label,
  htmlFor,
  error,
  errorId,
  refused,
  hint,
  hintId,
  children,
}: {
  label: string;
  htmlFor: string;
  error: string | null;
  errorId: string;
  refused: boolean;
  hint?: string | undefined;
  hintId?: string;
  children: ReactNode;
}) {
  return (
    <div className="bookings-field">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint !== undefined && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="error field-error" role={refused ? 'alert' : undefined}>
          {error}
        </p>
      )}
    </div>
  );
}
