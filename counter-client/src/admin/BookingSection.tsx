// 預約設定: the office's booking rules (GET/PATCH /booking/settings): whether bookings are taken, the
// bookable lines (among those that allow appointments) with their own limits, the slots, when
// residents can book, check-in and lateness, and how long personal data is kept. Read over REST
// (the settings are not in the office state); saved as a patch of the fields that changed.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '@jiaohao/shared/i18n';
import type { BookingSettings, Language, Service } from '@jiaohao/shared/schemas';
import { useConnection } from '@jiaohao/web';
import { restAck, type api as Api } from '../connection/api';
import { errorText } from '../shell/errors';
import { BOOKABLE_KINDS, bookingRefusals, bookingToForm, linePath, toBookingPatch, type BookingForm, type LineForm } from './booking-form';
import { Check, described, Field, FieldError, FormAlert, Group, useAdminForm, type AdminForm } from './fields';
import { apiError } from './forms';
import { SectionHead, Saved } from './sections';
import { sortServices } from './service-form';

const SETTINGS_PATH = '/booking/settings';

export function BookingSection({ api }: { api: typeof Api }) {
  const { t } = useTranslation();
  const { office } = useConnection();
  const [settings, setSettings] = useState<BookingSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    api.get<BookingSettings>(SETTINGS_PATH).then(
      (s) => live && setSettings(s),
      (err: unknown) => live && setError(t('admin.booking.failed', { message: errorText(t, apiError(err)) })),
    );
    return () => {
      live = false;
    };
  }, [api, t, version]);
  return (
    <>
      <SectionHead title={t('admin.booking.heading')} />
      <p className="hint">{t('admin.booking.intro')}</p>
      {error && (
        <div role="alert" className="load-error">
          <p className="error">{error}</p>
          <button type="button" onClick={() => setVersion((n) => n + 1)}>
            {t('admin.booking.retry')}
          </button>
        </div>
      )}
      {!error && (!settings || !office) && <p>{t('common.loading')}</p>}
      {settings && office && <BookingEditor api={api} settings={settings} services={sortServices(office.services)} />}
    </>
  );
}

function BookingEditor({ api, settings, services }: { api: typeof Api; settings: BookingSettings; services: readonly Service[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [base, setBase] = useState(settings);
  const [value, setValue] = useState<BookingForm>(() => bookingToForm(settings, services));
  const [said, setSaid] = useState<string | null>(null);
  const form = useAdminForm('booking', bookingRefusals(value));
  const set = <K extends keyof BookingForm>(key: K, v: BookingForm[K]) => {
    setSaid(null);
    setValue((f) => ({ ...f, [key]: v }));
  };
  const setLine = (serviceId: string, patch: Partial<LineForm>) => set('lines', value.lines.map((l) => (l.serviceId === serviceId ? { ...l, ...patch } : l)));
  const lineName = (id: string) => {
    const s = services.find((x) => x.id === id);
    return s ? localized(s.names, lang) : id;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaid(null);
    void form.submit(
      toBookingPatch(value, base),
      (patch) => restAck(api.patch<BookingSettings>(SETTINGS_PATH, patch)),
      (s) => {
        setBase(s);
        setValue(bookingToForm(s, services));
        setSaid(t('admin.booking.saved'));
      },
    );
  };

  const number = { inputMode: 'numeric' as const, autoComplete: 'off' };
  return (
    <>
      <Saved text={said} />
      <form ref={form.ref} onSubmit={submit} noValidate className="admin-form">
        <FormAlert form={form} />
        <Check form={form} path="/enabled" label={t('admin.booking.enabled')} checked={value.enabled} onChange={(v) => set('enabled', v)} />

        <Group form={form} path="/lines" legend={t('admin.booking.lines.legend')}>
          <p className="hint">{t('admin.booking.lines.hint')}</p>
          {value.lines.length === 0 ? (
            <p>{t('admin.booking.lines.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="admin-table booking-lines">
                <caption>{t('admin.booking.lines.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.booking.lines.col.line')}</th>
                    <th scope="col">{t('admin.booking.lines.col.take')}</th>
                    <th scope="col">{t('admin.booking.lines.col.maxDaysAhead')}</th>
                    <th scope="col">{t('admin.booking.lines.col.capacity')}</th>
                  </tr>
                </thead>
                <tbody>
                  {value.lines.map((l) => (
                    <LineRow key={l.serviceId} form={form} line={l} name={lineName(l.serviceId)} office={value} onChange={(patch) => setLine(l.serviceId, patch)} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Group>

        <div className="form-grid">
          <Group form={form} legend={t('admin.booking.slots.legend')}>
            <Field form={form} path="/slotMinutes" label={t('admin.booking.slotMinutes')} value={value.slotMinutes} onChange={(v) => set('slotMinutes', v)} {...number} />
            <Field form={form} path="/capacityPerSlot" label={t('admin.booking.capacityPerSlot')} value={value.capacityPerSlot} onChange={(v) => set('capacityPerSlot', v)} {...number} />
            <Group form={form} path="/sessionKinds" legend={t('admin.booking.sessionKinds')}>
              {BOOKABLE_KINDS.map((k) => (
                <Check
                  key={k}
                  form={form}
                  path={`/sessionKinds/${k}`}
                  label={t(`admin.sessionKind.${k}`)}
                  checked={value.sessionKinds[k]}
                  onChange={(v) => set('sessionKinds', { ...value.sessionKinds, [k]: v })}
                />
              ))}
            </Group>
          </Group>
          <Group form={form} legend={t('admin.booking.window.legend')}>
            <Field form={form} path="/minDaysAhead" label={t('admin.booking.minDaysAhead')} hint={t('admin.booking.minDaysAhead.hint')} value={value.minDaysAhead} onChange={(v) => set('minDaysAhead', v)} {...number} />
            <Field
              form={form}
              path="/cutoffTime"
              label={t('admin.booking.cutoffTime')}
              hint={t('admin.booking.cutoffTime.hint')}
              value={value.cutoffTime}
              onChange={(v) => set('cutoffTime', v)}
              placeholder="15:00"
              autoComplete="off"
              spellCheck={false}
            />
            <Field form={form} path="/maxDaysAhead" label={t('admin.booking.maxDaysAhead')} hint={t('admin.booking.maxDaysAhead.hint')} value={value.maxDaysAhead} onChange={(v) => set('maxDaysAhead', v)} {...number} />
          </Group>
          <Group form={form} legend={t('admin.booking.arrival.legend')}>
            <Field
              form={form}
              path="/checkInEarlyMinutes"
              label={t('admin.booking.checkInEarlyMinutes')}
              hint={t('admin.booking.checkInEarlyMinutes.hint')}
              value={value.checkInEarlyMinutes}
              onChange={(v) => set('checkInEarlyMinutes', v)}
              {...number}
            />
            <Field form={form} path="/lateMinutes" label={t('admin.booking.lateMinutes')} hint={t('admin.booking.lateMinutes.hint')} value={value.lateMinutes} onChange={(v) => set('lateMinutes', v)} {...number} />
          </Group>
          <Group form={form} legend={t('admin.booking.privacy.legend')}>
            <Field form={form} path="/retentionDays" label={t('admin.booking.retentionDays')} hint={t('admin.booking.retentionDays.hint')} value={value.retentionDays} onChange={(v) => set('retentionDays', v)} {...number} />
          </Group>
        </div>

        <div className="buttons form-buttons">
          <button type="submit" className="primary" disabled={form.busy}>
            {form.busy ? t('admin.saving') : t('admin.booking.save')}
          </button>
        </div>
      </form>
    </>
  );
}

/** A bookable line: taken or not, and its own limits (empty: the office's, shown as the placeholder). */
function LineRow({ form, line, name, office, onChange }: { form: AdminForm; line: LineForm; name: string; office: BookingForm; onChange: (patch: Partial<LineForm>) => void }) {
  const { t } = useTranslation();
  const takeId = form.idOf(linePath(line.serviceId, 'take'));
  return (
    <tr>
      <th scope="row">
        {name}
        {!line.allowed && <span className="hint"> {t('admin.booking.lines.notAllowed')}</span>}
      </th>
      <td>
        <label className="check" htmlFor={takeId}>
          <input id={takeId} type="checkbox" checked={line.take} onChange={(e) => onChange({ take: e.target.checked })} {...described(form, linePath(line.serviceId, 'take'))} />
          <span className="sr-only">{t('admin.booking.line.take', { name })}</span>
        </label>
        <FieldError form={form} path={linePath(line.serviceId, 'take')} />
      </td>
      <td>
        <Field
          form={form}
          path={linePath(line.serviceId, 'maxDaysAhead')}
          label={t('admin.booking.line.maxDaysAhead', { name })}
          labelHidden
          value={line.maxDaysAhead}
          onChange={(v) => onChange({ maxDaysAhead: v })}
          placeholder={t('admin.booking.line.default', { value: office.maxDaysAhead })}
          disabled={!line.take}
          inputMode="numeric"
          autoComplete="off"
        />
      </td>
      <td>
        <Field
          form={form}
          path={linePath(line.serviceId, 'capacityPerSlot')}
          label={t('admin.booking.line.capacity', { name })}
          labelHidden
          value={line.capacityPerSlot}
          onChange={(v) => onChange({ capacityPerSlot: v })}
          placeholder={t('admin.booking.line.default', { value: office.capacityPerSlot })}
          disabled={!line.take}
          inputMode="numeric"
          autoComplete="off"
        />
      </td>
    </tr>
  );
}
