// The office: its names, address and telephone, and the opening sessions that decide when kiosks
// issue tickets (which weekday, from when to when, what kind, for which lines). Always a form,
// filled from the live office state; saved with office:update.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '@jiaohao/shared/i18n';
import type { Language, Office, Service } from '@jiaohao/shared/schemas';
import { useConnection, useStore } from '../connection/react';
import { Check, Field, FormAlert, Group, NamesGroup, Select, useAdminForm, type AdminForm } from './fields';
import { stableJson } from './forms';
import { newSession, officeRefusals, officeToForm, SESSION_KINDS, sessionPath, toOfficePatch, WEEKDAYS, type OfficeForm, type SessionForm } from './office-form';
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
  const form = useAdminForm('office', officeRefusals(value.sessions.length));
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
