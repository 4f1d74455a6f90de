// The office: its names, address and telephone, the opening sessions that decide when kiosks
// issue tickets (which weekday, from when to when, what kind, for which lines), and the holidays
// and make-up days that change them on a date. Always a form, filled from the live office state;
// saved with office:update.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGE_TAGS, localized } from '@jiaohao/shared/i18n';
import { weekdayOf } from '@jiaohao/shared/rules';
import { isCalendarDate, type Language, type Office, type Service } from '@jiaohao/shared/schemas';
import { useConnection, useStore } from '@jiaohao/web';
import { Check, Field, FormAlert, Group, NamesGroup, Select, useAdminForm, type AdminForm } from './fields';
import { stableJson } from './forms';
import {
  DAY_NAME_LANGUAGES,
  dayPath,
  MAKE_UP_WEEKDAYS,
  newSession,
  newSpecialDay,
  officeRefusals,
  officeToForm,
  SESSION_KINDS,
  sessionPath,
  SPECIAL_DAY_KINDS,
  toOfficePatch,
  WEEKDAYS,
  type OfficeForm,
  type SessionForm,
  type SpecialDayForm,
} from './office-form';
import { SectionHead, Saved } from './sections';
import { sortServices } from './service-form';

export function OfficeSection() {
  const { t } = useTranslation();
  const { office } = useConnection();
  if (!office) return <p>{t('common.loading')}</p>;
  return <OfficeEditor office={office.office} services={sortServices(office.services)} />;
}

function OfficeEditor({ office, services }: { office: Office; services: readonly Service[] }) {
  const { t } = useTranslation();
  const store = useStore();
  const [value, setValue] = useState<OfficeForm>(() => officeToForm(office));
  const [said, setSaid] = useState<string | null>(null);
  const form = useAdminForm('office', officeRefusals(value.sessions.length, value.specialDays.length));
  // What the form started from; someone else saving meanwhile is offered to start again from.
  const [base, setBase] = useState(office);
  const changedElsewhere = base !== office && stableJson(base) !== stableJson(office);
  const restart = () => {
    setBase(office);
    setValue(officeToForm(office));
    form.clear();
  };

  const set = <K extends keyof OfficeForm>(key: K, v: OfficeForm[K]) => {
    setSaid(null);
    setValue((f) => ({ ...f, [key]: v }));
  };
  const setSession = (i: number, patch: Partial<SessionForm>) => set('sessions', value.sessions.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const setDay = (i: number, patch: Partial<SpecialDayForm>) => set('specialDays', value.specialDays.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaid(null);
    void form.submit(toOfficePatch(value, base), (patch) => store.send('office:update', patch), (o) => {
      setBase(o);
      setValue(officeToForm(o));
      setSaid(t('admin.office.saved'));
    });
  };
  return (
    <>
      <SectionHead title={t('admin.office.heading')} />
      <Saved text={said} />
      <form ref={form.ref} onSubmit={submit} noValidate className="admin-form">
        <FormAlert form={form} />
        {changedElsewhere && (
          <div className="notice">
            <p>{t('admin.office.changedElsewhere')}</p>
            <button type="button" onClick={restart}>
              {t('admin.office.reload')}
            </button>
          </div>
        )}
        <div className="form-grid">
          <NamesGroup form={form} legend={t('admin.office.names.legend')} names={value.names} onChange={(l, v) => set('names', { ...value.names, [l]: v })} />
          <Group form={form} legend={t('admin.office.contact.legend')}>
            <Field form={form} path="/address" label={t('admin.office.field.address')} value={value.address} onChange={(v) => set('address', v)} autoComplete="off" />
            <Field form={form} path="/tel" type="tel" label={t('admin.office.field.tel')} value={value.tel} onChange={(v) => set('tel', v)} autoComplete="off" />
            <Field form={form} path="/fax" type="tel" label={t('admin.office.field.fax')} value={value.fax} onChange={(v) => set('fax', v)} autoComplete="off" />
          </Group>
        </div>
        <Group form={form} path="/sessions" legend={t('admin.office.sessions.legend')}>
          <p className="hint">{t('admin.office.sessions.hint')}</p>
          {value.sessions.length === 0 && <p>{t('admin.office.sessions.empty')}</p>}
          {value.sessions.length > 0 && (
            <div className="table-wrap">
              <table className="admin-table sessions-table">
                <caption>{t('admin.office.sessions.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.office.session.col')}</th>
                    <th scope="col">{t('admin.office.session.weekday')}</th>
                    <th scope="col">{t('admin.office.session.start')}</th>
                    <th scope="col">{t('admin.office.session.end')}</th>
                    <th scope="col">{t('admin.office.session.kind')}</th>
                    <th scope="col">{t('admin.office.session.linesCol')}</th>
                    <th scope="col">{t('admin.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {value.sessions.map((s, i) => (
                    <SessionRow
                      key={i}
                      form={form}
                      index={i}
                      session={s}
                      services={services}
                      onChange={(patch) => setSession(i, patch)}
                      onRemove={() => set('sessions', value.sessions.filter((_, j) => j !== i))}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <button type="button" onClick={() => set('sessions', [...value.sessions, newSession(value.sessions)])}>
            {t('admin.office.sessions.add')}
          </button>
        </Group>
        <Group form={form} path="/specialDays" legend={t('admin.office.days.legend')}>
          <p className="hint">{t('admin.office.days.hint')}</p>
          {value.specialDays.length === 0 && <p>{t('admin.office.days.empty')}</p>}
          {value.specialDays.length > 0 && (
            <div className="table-wrap">
              <table className="admin-table sessions-table days-table">
                <caption>{t('admin.office.days.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.office.day.col')}</th>
                    <th scope="col">{t('admin.office.day.date')}</th>
                    {DAY_NAME_LANGUAGES.map((l) => (
                      <th scope="col" key={l}>
                        {t('admin.field.name', { language: LANGUAGE_NAMES[l] })}
                      </th>
                    ))}
                    <th scope="col">{t('admin.office.day.kind')}</th>
                    <th scope="col">{t('admin.office.day.sessionsOf')}</th>
                    <th scope="col">{t('admin.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {value.specialDays.map((d, i) => (
                    <SpecialDayRow
                      key={i}
                      form={form}
                      index={i}
                      day={d}
                      onChange={(patch) => setDay(i, patch)}
                      onRemove={() => set('specialDays', value.specialDays.filter((_, j) => j !== i))}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <button type="button" onClick={() => set('specialDays', [...value.specialDays, newSpecialDay()])}>
            {t('admin.office.days.add')}
          </button>
        </Group>
        <div className="buttons form-buttons">
          <button type="button" onClick={restart}>
            {t('admin.office.undo')}
          </button>
          <button type="submit" className="primary" disabled={form.busy}>
            {form.busy ? t('admin.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </>
  );
}

/** One session as a table row; each field is labelled with its session and column ("時段 3 開始"). */
function SessionRow({
  form,
  index,
  session,
  services,
  onChange,
  onRemove,
}: { form: AdminForm; index: number; session: SessionForm; services: readonly Service[]; onChange: (p: Partial<SessionForm>) => void; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const n = index + 1;
  const label = (field: string) => t('admin.office.session.fieldOf', { n, field: t(`admin.office.session.${field}`) });
  const all = session.serviceIds === null;
  const toggle = (id: string, on: boolean) => {
    const ids = session.serviceIds ?? [];
    onChange({ serviceIds: on ? [...ids, id] : ids.filter((x) => x !== id) });
  };
  const linesPath = sessionPath(index, 'serviceIds');
  return (
    <tr>
      <th scope="row">{t('admin.office.session.legend', { n })}</th>
      <td>
        <Select
          form={form}
          path={sessionPath(index, 'weekday')}
          label={label('weekday')}
          labelHidden
          value={String(session.weekday)}
          onChange={(v) => onChange({ weekday: Number(v) })}
          options={WEEKDAYS.map((d) => ({ value: String(d), label: t(`admin.weekday.${d}`) }))}
        />
      </td>
      <td>
        <Field form={form} path={sessionPath(index, 'start')} type="time" label={label('start')} labelHidden value={session.start} onChange={(v) => onChange({ start: v })} />
      </td>
      <td>
        <Field form={form} path={sessionPath(index, 'end')} type="time" label={label('end')} labelHidden value={session.end} onChange={(v) => onChange({ end: v })} />
      </td>
      <td>
        <Select
          form={form}
          path={sessionPath(index, 'kind')}
          label={label('kind')}
          labelHidden
          value={session.kind}
          onChange={(v) => onChange({ kind: v })}
          options={SESSION_KINDS.map((k) => ({ value: k, label: t(`admin.sessionKind.${k}`) }))}
        />
      </td>
      <td>
        <Group form={form} path={linesPath} legend={t('admin.office.session.lines', { n })} legendHidden className="session-lines">
          <Check form={form} path={`${linesPath}-all`} label={t('admin.office.session.allLines')} checked={all} onChange={(on) => onChange({ serviceIds: on ? null : services.map((s) => s.id) })} />
          {!all &&
            services.map((s) => (
              <label key={s.id} className="check">
                <input type="checkbox" checked={session.serviceIds?.includes(s.id) ?? false} onChange={(e) => toggle(s.id, e.target.checked)} />
                {localized(s.names, lang)}
              </label>
            ))}
        </Group>
      </td>
      <td>
        <button type="button" onClick={onRemove} aria-label={t('admin.office.session.remove', { n })}>
          {t('admin.counters.removeShort')}
        </button>
      </td>
    </tr>
  );
}

/** One holiday or make-up day as a table row; each field is labelled with its row and column ("第 2 筆 日期"). */
function SpecialDayRow({ form, index, day, onChange, onRemove }: { form: AdminForm; index: number; day: SpecialDayForm; onChange: (p: Partial<SpecialDayForm>) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const n = index + 1;
  const label = (field: string) => t('admin.office.day.fieldOf', { n, field });
  // Which weekday the date is, to check a make-up Saturday at a glance.
  const weekday = isCalendarDate(day.date) ? t(`admin.weekday.${weekdayOf(day.date)}`) : undefined;
  return (
    <tr>
      <th scope="row">{t('admin.office.day.legend', { n })}</th>
      <td>
        <Field form={form} path={dayPath(index, 'date')} type="date" label={label(t('admin.office.day.date'))} labelHidden value={day.date} onChange={(v) => onChange({ date: v })} aria-required hint={weekday} />
      </td>
      {DAY_NAME_LANGUAGES.map((l) => (
        <td key={l}>
          <Field
            form={form}
            path={dayPath(index, `name/${l}`)}
            label={`${label(t('admin.field.name', { language: LANGUAGE_NAMES[l] }))}${l === 'zh-TW' ? t('admin.requiredMark') : ''}`}
            labelHidden
            lang={LANGUAGE_TAGS[l]}
            value={day.name[l]}
            onChange={(v) => onChange({ name: { ...day.name, [l]: v } })}
            aria-required={l === 'zh-TW'}
            autoComplete="off"
          />
        </td>
      ))}
      <td>
        <Select
          form={form}
          path={dayPath(index, 'kind')}
          label={label(t('admin.office.day.kind'))}
          labelHidden
          value={day.kind}
          onChange={(v) => onChange({ kind: v })}
          options={SPECIAL_DAY_KINDS.map((k) => ({ value: k, label: t(`admin.dayKind.${k}`) }))}
        />
      </td>
      <td>
        {day.kind === 'open' && (
          <Select
            form={form}
            path={dayPath(index, 'sessionsOf')}
            label={label(t('admin.office.day.sessionsOf'))}
            labelHidden
            value={String(day.sessionsOf)}
            onChange={(v) => onChange({ sessionsOf: Number(v) })}
            options={MAKE_UP_WEEKDAYS.map((w) => ({ value: String(w), label: t(`admin.weekday.${w}`) }))}
          />
        )}
      </td>
      <td>
        <button type="button" onClick={onRemove} aria-label={t('admin.office.day.remove', { n })}>
          {t('admin.counters.removeShort')}
        </button>
      </td>
    </tr>
  );
}
