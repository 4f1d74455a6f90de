// 預約 (clerks and above): a date's bookings (GET /appointments?date=, today unless another date is
// chosen) with a Cancel action on each one still booked, the phone booking form, and for
// supervisors the contacts that keep missing their bookings (GET /appointments/no-shows), so the
// office can apply its own suspension policy. Read over REST: bookings are not in the office state.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeState } from '@jiaohao/shared/reducer';
import type { Appointment, Language, Staff } from '@jiaohao/shared/schemas';
import { useConnection } from '@jiaohao/web';
import { restAck, type api as Api } from '../connection/api';
import { Modal } from '../shell/Modal';
import { FeedbackLines, useAction } from '../shell/useAction';
import { failure } from './failure';
import { bookingRows, bookingsPath, cancelPath, NO_SHOW_MIN, noShowsPath, showCode, type BookingRow, type NoShowContact } from './model';
import { PhoneBooking } from './PhoneBooking';
import './bookings.css';

type Day = { readonly date: string; readonly list: Appointment[] | null; readonly error: string | null; readonly busy: boolean };

export function BookingsView({ staff, api }: { staff: Staff; api: typeof Api }) {
  const { t } = useTranslation();
  const { office } = useConnection();
  if (!office) return <p className="loading">{t('common.loading')}</p>;
  return <Bookings staff={staff} api={api} office={office} />;
}

function Bookings({ staff, api, office }: { staff: Staff; api: typeof Api; office: OfficeState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const dateId = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const date = chosen ?? office.businessDate;
  const [version, setVersion] = useState(0);
  const [day, setDay] = useState<Day>({ date, list: null, error: null, busy: true });
  const [cancelling, setCancelling] = useState<BookingRow | null>(null);
  const action = useAction();

  useEffect(() => {
    let live = true;
    setDay((d) => ({ ...d, date, busy: true, error: null }));
    api.get<{ appointments: Appointment[] }>(bookingsPath(date)).then(
      (r) => live && setDay({ date, list: r.appointments, error: null, busy: false }),
      (err: unknown) => live && setDay({ date, list: null, error: t('bookings.failed', { message: failure(t, err) }), busy: false }),
    );
    return () => {
      // A newer date (or a reload) was asked for: this answer is not for it.
      live = false;
    };
  }, [api, date, version, t]);
  const reload = useCallback(() => setVersion((n) => n + 1), []);

  // A booking taken on the phone: show its day, with the new row.
  const onBooked = useCallback((a: Appointment) => {
    setChosen(a.date);
    setVersion((n) => n + 1);
  }, []);

  const cancel = async (row: BookingRow) => {
    await action.run(
      () => restAck(api.post<Appointment>(cancelPath(row.id))),
      (a) => t('bookings.cancelled', { code: showCode(a.code) }),
    );
    setCancelling(null);
    // Done or refused (already cancelled, checked in meanwhile): the list shows what is true now.
    reload();
  };

  const rows = day.list && day.date === date ? bookingRows(day.list, office, lang, t) : [];
  const supervisor = staff.role === 'supervisor' || staff.role === 'admin';
  return (
    <div className="bookings">
      <section aria-labelledby="bookings-title" className="bookings-panel">
        <h2 id="bookings-title">{t('bookings.heading')}</h2>
        <p className="bookings-sub">{t('bookings.intro')}</p>
        <div className="bookings-bar">
          <label htmlFor={dateId}>{t('bookings.date')}</label>
          <input
            id={dateId}
            type="date"
            value={date}
            onChange={(e) => {
              // Cleared or half-typed: keep showing the last full date.
              if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) setChosen(e.target.value);
            }}
          />
          <p role="status" aria-live="polite" className="bookings-sub">
            {day.busy ? t('bookings.loading') : ''}
          </p>
        </div>
        <div role="alert">{day.error && <p className="error">{day.error}</p>}</div>
        <FeedbackLines feedback={action.feedback} className="bookings-feedback" />
        {day.list && day.date === date && rows.length === 0 && <p className="bookings-empty">{t('bookings.empty', { date })}</p>}
        {rows.length > 0 && (
          <div className="bookings-table-wrap">
            <table className="bookings-table">
              <caption>{t('bookings.caption', { date, count: rows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bookings.col.time')}</th>
                  <th scope="col">{t('bookings.col.code')}</th>
                  <th scope="col">{t('bookings.col.line')}</th>
                  <th scope="col">{t('bookings.col.name')}</th>
                  <th scope="col">{t('bookings.col.contact')}</th>
                  <th scope="col">{t('bookings.col.channel')}</th>
                  <th scope="col">{t('bookings.col.state')}</th>
                  <th scope="col">{t('bookings.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className={r.cancellable ? undefined : 'bookings-inactive'}>
                    <td className="bookings-time">{r.time}</td>
                    <th scope="row" className="bookings-code-cell">
                      {r.code}
                    </th>
                    <td>{r.line}</td>
                    <td>{r.name}</td>
                    <td className="bookings-contact-cell">{r.contact}</td>
                    <td>{r.channel}</td>
                    <td className={`bookings-state bookings-state-${r.state}`}>{r.stateText}</td>
                    <td>
                      {r.cancellable && (
                        <button type="button" onClick={() => setCancelling(r)} aria-label={t('bookings.cancelOf', { code: r.code, name: r.name })}>
                          {t('bookings.cancel')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <PhoneBooking api={api} office={office} onBooked={onBooked} />

      {supervisor && <NoShows api={api} />}

      {cancelling && <CancelDialog row={cancelling} busy={action.busy} onConfirm={() => void cancel(cancelling)} onClose={() => setCancelling(null)} />}
    </div>
  );
}

function CancelDialog({ row, busy, onConfirm, onClose }: { row: BookingRow; busy: boolean; onConfirm: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal title={t('bookings.cancel.title')} onClose={onClose}>
      <p>{t('bookings.cancel.text', { date: row.date, time: row.time, line: row.line, name: row.name, code: row.code })}</p>
      <div className="buttons">
        <button type="button" onClick={onClose}>
          {t('bookings.cancel.keep')}
        </button>
        <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
          {busy ? t('bookings.cancel.busy') : t('bookings.cancel.confirm')}
        </button>
      </div>
    </Modal>
  );
}

type NoShowLoad = { readonly contacts: NoShowContact[] | null; readonly error: string | null };

/** Contacts with NO_SHOW_MIN or more missed bookings: listed, never suspended by the system. */
function NoShows({ api }: { api: typeof Api }) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<NoShowLoad>({ contacts: null, error: null });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    api.get<{ contacts: NoShowContact[] }>(noShowsPath()).then(
      (r) => live.current && setLoad({ contacts: r.contacts, error: null }),
      (err: unknown) => live.current && setLoad({ contacts: null, error: t('bookings.noShows.failed', { message: failure(t, err) }) }),
    );
    return () => {
      live.current = false;
    };
  }, [api, t]);
  const contacts = load.contacts ? [...load.contacts].sort((a, b) => b.missed - a.missed || b.lastDate.localeCompare(a.lastDate)) : null;
  return (
    <section aria-labelledby="bookings-noshows-title" className="bookings-panel">
      <h2 id="bookings-noshows-title">{t('bookings.noShows.heading')}</h2>
      <p className="bookings-sub">{t('bookings.noShows.intro', { min: NO_SHOW_MIN })}</p>
      <div role="alert">{load.error && <p className="error">{load.error}</p>}</div>
      {!contacts && !load.error && <p>{t('common.loading')}</p>}
      {contacts && contacts.length === 0 && <p className="bookings-empty">{t('bookings.noShows.empty', { min: NO_SHOW_MIN })}</p>}
      {contacts && contacts.length > 0 && (
        <div className="bookings-table-wrap">
          <table className="bookings-table">
            <caption>{t('bookings.noShows.caption', { count: contacts.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bookings.noShows.col.contact')}</th>
                <th scope="col">{t('bookings.noShows.col.missed')}</th>
                <th scope="col">{t('bookings.noShows.col.lastDate')}</th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.contactHint}>
                  <th scope="row">{c.contactHint}</th>
                  <td>{c.missed}</td>
                  <td>{c.lastDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
