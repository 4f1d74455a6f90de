// The service lines: the list (live from the store), and the form that creates or changes one,
// with a preview of the numbers each series prints.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGE_TAGS, localized } from '@jiaohao/shared/i18n';
import { formatNumber } from '@jiaohao/shared/rules';
import { LANGUAGES, type Language, type NumberRange, type Service } from '@jiaohao/shared/schemas';
import { useConnection, useStore } from '@jiaohao/web';
import { Check, Field, FormAlert, Group, NamesGroup, Select, TextArea, useAdminForm, type AdminForm } from './fields';
import { EditorFrame, SectionHead, Saved, useEditor } from './sections';
import {
  newServiceForm,
  previewForm,
  rangeWarnings,
  SERIES,
  serviceToForm,
  sortServices,
  SERVICE_REFUSALS,
  toServiceCreate,
  toServicePatch,
  type OwnSeries,
  type RangeForm,
  type SeriesField,
  type ServiceForm,
} from './service-form';

const rangeText = (r: NumberRange) => `${formatNumber(r, r.start)}–${formatNumber(r, r.end)}`;

export function ServicesSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { office } = useConnection();
  const editor = useEditor();
  if (!office) return <p>{t('common.loading')}</p>;
  const services = sortServices(office.services);
  const editing = editor.editing;
  const service = editing === null || editing === 'new' ? null : (office.services[editing] ?? null);
  return (
    <>
      <div hidden={editing !== null}>
        <SectionHead title={t('admin.services.heading')} addLabel={t('admin.services.add')} onAdd={() => editor.open('new')} addRef={editor.returnRef('new')} />
        <Saved text={editor.saved} />
        <div className="table-wrap">
          <table className="admin-table">
            <caption>{t('admin.services.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.services.col.order')}</th>
                <th scope="col">{t('admin.services.col.code')}</th>
                <th scope="col">{t('admin.services.col.name')}</th>
                <th scope="col">{t('admin.services.col.numbers')}</th>
                <th scope="col">{t('admin.services.col.targets')}</th>
                <th scope="col">{t('admin.col.status')}</th>
                <th scope="col">{t('admin.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => {
                const name = localized(s.names, lang);
                return (
                  <tr key={s.id} className={s.active ? undefined : 'inactive'}>
                    <td>{s.sortOrder}</td>
                    <td>{s.code}</td>
                    <th scope="row">{name}</th>
                    <td>
                      <ul className="plain">
                        {SERIES.map((series) => {
                          const r = s[series];
                          return r ? <li key={series}>{t(`admin.series.short.${series}`, { range: rangeText(r) })}</li> : null;
                        })}
                      </ul>
                    </td>
                    <td>{t('admin.services.targets', { wait: s.targetWaitMinutes, handling: s.targetHandlingMinutes })}</td>
                    <td>{t(s.active ? 'admin.status.active' : 'admin.status.inactive')}</td>
                    <td>
                      <button type="button" ref={editor.returnRef(s.id)} onClick={() => editor.open(s.id)} aria-label={t('admin.actionOf', { action: t('admin.edit'), name })}>
                        {t('admin.edit')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {services.length === 0 && <p>{t('admin.services.empty')}</p>}
      </div>
      {editing !== null && <ServiceEditor key={editing} service={service} others={services} onDone={editor.done} onCancel={editor.cancel} />}
    </>
  );
}

function ServiceEditor({ service, others, onDone, onCancel }: { service: Service | null; others: readonly Service[]; onDone: (saved: string) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const store = useStore();
  const form = useAdminForm(service ? `svc-${service.id}` : 'svc-new', SERVICE_REFUSALS);
  const [value, setValue] = useState<ServiceForm>(() => (service ? serviceToForm(service) : newServiceForm(others)));
  const set = <K extends keyof ServiceForm>(key: K, v: ServiceForm[K]) => setValue((f) => ({ ...f, [key]: v }));
  const setLang = (key: 'names' | 'documents', l: Language, v: string) => setValue((f) => ({ ...f, [key]: { ...f[key], [l]: v } }));
  const setRange = (series: SeriesField, r: Partial<RangeForm>) => setValue((f) => ({ ...f, [series]: { ...f[series], ...r } }));
  const setOwn = (series: OwnSeries, own: boolean) => setValue((f) => ({ ...f, own: { ...f.own, [series]: own } }));

  const warnings = rangeWarnings(value, others);
  const title = service ? t('admin.services.edit.title', { name: localized(service.names, lang) }) : t('admin.services.new.title');
  const savedText = (s: Service) => t('admin.services.saved', { name: localized(s.names, lang) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (service) void form.submit(toServicePatch(value, service), (patch) => store.send('service:update', { serviceId: service.id, ...patch }), (s) => onDone(savedText(s)));
    else void form.submit(toServiceCreate(value), (payload) => store.send('service:create', payload), (s) => onDone(savedText(s)));
  };

  return (
    <EditorFrame title={title}>
      <form ref={form.ref} onSubmit={submit} noValidate className="admin-form">
        <FormAlert form={form} />
        <div className="form-grid">
          <Group form={form} legend={t('admin.services.identity.legend')}>
            <Field
              form={form}
              path="/id"
              label={t('admin.field.id')}
              hint={service ? t('admin.field.id.fixed') : t('admin.field.id.hint')}
              value={value.id}
              onChange={(v) => set('id', v)}
              readOnly={service !== null}
              aria-required={service === null}
              autoComplete="off"
              spellCheck={false}
            />
            <Field form={form} path="/code" label={t('admin.field.code')} hint={t('admin.field.code.hint')} value={value.code} onChange={(v) => set('code', v)} aria-required autoComplete="off" spellCheck={false} />
            <Field form={form} path="/sortOrder" label={t('admin.field.sortOrder')} hint={t('admin.field.sortOrder.hint')} value={value.sortOrder} onChange={(v) => set('sortOrder', v)} inputMode="numeric" />
          </Group>
          <NamesGroup form={form} names={value.names} onChange={(l, v) => setLang('names', l, v)} />
        </div>

        <Group form={form} path="/ranges" legend={t('admin.ranges.legend')} className="ranges">
          <div className="series-grid">
            {SERIES.map((series) => (
              <SeriesFields
                key={series}
                form={form}
                series={series}
                range={value[series]}
                own={series === 'numbering' ? true : value.own[series]}
                onOwn={series === 'numbering' ? undefined : (own) => setOwn(series, own)}
                onChange={(r) => setRange(series, r)}
              />
            ))}
          </div>
          {warnings.ownOverlap && <p className="warning">{t('admin.ranges.ownOverlap')}</p>}
          {warnings.overlapsWith.length > 0 && (
            <p className="warning">{t('admin.ranges.overlapsWith', { names: warnings.overlapsWith.map((o) => localized(o.names, lang)).join(t('admin.list.separator')) })}</p>
          )}
        </Group>

        <div className="form-grid">
          <Group form={form} legend={t('admin.services.targets.legend')}>
            <Field form={form} path="/targetWaitMinutes" label={t('admin.field.targetWait')} value={value.targetWaitMinutes} onChange={(v) => set('targetWaitMinutes', v)} inputMode="numeric" />
            <Field form={form} path="/targetHandlingMinutes" label={t('admin.field.targetHandling')} value={value.targetHandlingMinutes} onChange={(v) => set('targetHandlingMinutes', v)} inputMode="numeric" />
            <Field form={form} path="/dailyCap" label={t('admin.field.dailyCap')} hint={t('admin.field.dailyCap.hint')} value={value.dailyCap} onChange={(v) => set('dailyCap', v)} inputMode="numeric" />
          </Group>
          <Group form={form} legend={t('admin.services.options.legend')}>
            <Check form={form} path="/allowPriority" label={t('admin.field.allowPriority')} checked={value.allowPriority} onChange={(v) => set('allowPriority', v)} />
            <Check form={form} path="/allowAppointment" label={t('admin.field.allowAppointment')} checked={value.allowAppointment} onChange={(v) => set('allowAppointment', v)} />
            <Check form={form} path="/active" label={t('admin.field.active')} checked={value.active} onChange={(v) => set('active', v)} />
          </Group>
        </div>

        <Group form={form} legend={t('admin.documents.legend')}>
          <p className="hint">{t('admin.documents.hint')}</p>
          <div className="lang-grid">
            {LANGUAGES.map((l) => (
              <TextArea
                key={l}
                form={form}
                path={`/documents/${l}`}
                label={t('admin.field.documents', { language: LANGUAGE_NAMES[l] })}
                lang={LANGUAGE_TAGS[l]}
                value={value.documents[l]}
                onChange={(v) => setLang('documents', l, v)}
              />
            ))}
          </div>
        </Group>

        <div className="buttons form-buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={form.busy}>
            {form.busy ? t('admin.saving') : service ? t('common.save') : t('admin.create')}
          </button>
        </div>
      </form>
    </EditorFrame>
  );
}

function SeriesFields({
  form,
  series,
  range,
  own,
  onOwn,
  onChange,
}: { form: AdminForm; series: SeriesField; range: RangeForm; own: boolean; onOwn?: (own: boolean) => void; onChange: (r: Partial<RangeForm>) => void }) {
  const { t } = useTranslation();
  const path = `/${series}`;
  return (
    <fieldset className="series">
      <legend>{t(`admin.series.${series}`)}</legend>
      {onOwn && <Check form={form} path={path} label={t(`admin.series.own.${series}`)} checked={own} onChange={onOwn} />}
      {own ? (
        <>
          <div className="range-fields">
            <Field form={form} path={`${path}/start`} label={t('admin.range.start')} value={range.start} onChange={(v) => onChange({ start: v })} inputMode="numeric" />
            <Field form={form} path={`${path}/end`} label={t('admin.range.end')} value={range.end} onChange={(v) => onChange({ end: v })} inputMode="numeric" />
            <Field form={form} path={`${path}/digits`} label={t('admin.range.digits')} value={range.digits} onChange={(v) => onChange({ digits: v })} inputMode="numeric" />
            <Field
              form={form}
              path={`${path}/prefix`}
              label={t('admin.range.prefix')}
              value={range.prefix}
              onChange={(v) => onChange({ prefix: v.toUpperCase() })}
              autoComplete="off"
              spellCheck={false}
              maxLength={2}
            />
          </div>
          <Select
            form={form}
            path={`${path}/onExhausted`}
            label={t('admin.range.onExhausted')}
            value={range.onExhausted}
            onChange={(v) => onChange({ onExhausted: v })}
            options={[
              { value: 'refuse', label: t('admin.range.refuse') },
              { value: 'wrap', label: t('admin.range.wrap') },
            ]}
          />
          <Preview range={range} />
        </>
      ) : (
        <p className="hint">{t('admin.series.shared')}</p>
      )}
    </fieldset>
  );
}

/** What the series will print, as the shared numbering rule allocates it. */
function Preview({ range }: { range: RangeForm }) {
  const { t } = useTranslation();
  const p = previewForm(range);
  return (
    <output className={`preview ${p.ok ? '' : 'preview-problem'}`}>
      {p.ok ? (
        <>
          <span className="preview-next">{t('admin.preview.next', { numbers: p.first.join(t('admin.list.separator')) })}</span>{' '}
          <span>{p.after.kind === 'wrap' ? t('admin.preview.wrap', { last: p.last, first: p.after.number, size: p.size }) : t('admin.preview.refuse', { last: p.last, size: p.size })}</span>
        </>
      ) : (
        t(`admin.preview.${p.problem}`)
      )}
    </output>
  );
}
