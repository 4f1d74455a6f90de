// The counters: the list (live from the store), and the form that creates or changes one — its
// number and names, the lines it serves in order, 愛心櫃臺, the languages spoken.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGE_TAGS, localized } from '@jiaohao/shared/i18n';
import { countersInOrder } from '@jiaohao/shared/reducer';
import { LANGUAGES, type Counter, type Language, type Service } from '@jiaohao/shared/schemas';
import { useConnection, useStore } from '@jiaohao/web';
import { Check, Field, FormAlert, Group, NamesGroup, useAdminForm, type AdminForm } from './fields';
import { COUNTER_REFUSALS, counterToForm, move, newCounterForm, toCounterCreate, toCounterPatch, type CounterForm } from './counter-form';
import { sortServices } from './service-form';
import { EditorFrame, SectionHead, Saved, useEditor } from './sections';

const sortCounters = (counters: Readonly<Record<string, Counter>>): Counter[] => countersInOrder(counters, true);

export function CountersSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { office } = useConnection();
  const editor = useEditor();
  if (!office) return <p>{t('common.loading')}</p>;
  const counters = sortCounters(office.counters);
  const services = sortServices(office.services);
  const serviceName = (id: string) => {
    const s = office.services[id];
    return s ? localized(s.names, lang) : id;
  };
  const editing = editor.editing;
  const counter = editing === null || editing === 'new' ? null : (office.counters[editing] ?? null);
  return (
    <>
      <div hidden={editing !== null}>
        <SectionHead title={t('admin.counters.heading')} addLabel={t('admin.counters.add')} onAdd={() => editor.open('new')} addRef={editor.returnRef('new')} />
        <Saved text={editor.saved} />
        <div className="table-wrap">
          <table className="admin-table">
            <caption>{t('admin.counters.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.counters.col.number')}</th>
                <th scope="col">{t('admin.counters.col.name')}</th>
                <th scope="col">{t('admin.counters.col.services')}</th>
                <th scope="col">{t('admin.counters.col.priority')}</th>
                <th scope="col">{t('admin.counters.col.languages')}</th>
                <th scope="col">{t('admin.col.status')}</th>
                <th scope="col">{t('admin.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {counters.map((c) => {
                const name = localized(c.names, lang);
                return (
                  <tr key={c.id} className={c.active ? undefined : 'inactive'}>
                    <td>{c.number}</td>
                    <th scope="row">{name}</th>
                    <td>
                      <ol className="plain-ol">
                        {c.serviceIds.map((id) => (
                          <li key={id}>{serviceName(id)}</li>
                        ))}
                      </ol>
                    </td>
                    <td>{t(c.isPriority ? 'admin.yes' : 'admin.no')}</td>
                    <td>{c.languages.map((l) => LANGUAGE_NAMES[l]).join(t('admin.list.separator'))}</td>
                    <td>{t(c.active ? 'admin.status.active' : 'admin.status.inactive')}</td>
                    <td>
                      <button type="button" ref={editor.returnRef(c.id)} onClick={() => editor.open(c.id)} aria-label={t('admin.actionOf', { action: t('admin.edit'), name })}>
                        {t('admin.edit')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {counters.length === 0 && <p>{t('admin.counters.empty')}</p>}
      </div>
      {editing !== null && <CounterEditor key={editing} counter={counter} others={counters} services={services} onDone={editor.done} onCancel={editor.cancel} />}
    </>
  );
}

function CounterEditor({
  counter,
  others,
  services,
  onDone,
  onCancel,
}: { counter: Counter | null; others: readonly Counter[]; services: readonly Service[]; onDone: (saved: string) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const store = useStore();
  const form = useAdminForm(counter ? `ctr-${counter.id}` : 'ctr-new', COUNTER_REFUSALS);
  const [value, setValue] = useState<CounterForm>(() => (counter ? counterToForm(counter) : newCounterForm(others)));
  const set = <K extends keyof CounterForm>(key: K, v: CounterForm[K]) => setValue((f) => ({ ...f, [key]: v }));
  const title = counter ? t('admin.counters.edit.title', { name: localized(counter.names, lang) }) : t('admin.counters.new.title');
  const savedText = (c: Counter) => t('admin.counters.saved', { name: localized(c.names, lang) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (counter) void form.submit(toCounterPatch(value, counter), (patch) => store.send('counter:update', { counterId: counter.id, ...patch }), (c) => onDone(savedText(c)));
    else void form.submit(toCounterCreate(value), (payload) => store.send('counter:create', payload), (c) => onDone(savedText(c)));
  };
  const toggleLanguage = (l: Language, on: boolean) => set('languages', on ? [...value.languages, l] : value.languages.filter((x) => x !== l));

  return (
    <EditorFrame title={title}>
      <form ref={form.ref} onSubmit={submit} noValidate className="admin-form">
        <FormAlert form={form} />
        <div className="form-grid">
          <Group form={form} legend={t('admin.counters.identity.legend')}>
            <Field form={form} path="/number" label={t('admin.field.counterNumber')} value={value.number} onChange={(v) => set('number', v)} inputMode="numeric" aria-required />
            <Check form={form} path="/isPriority" label={t('admin.field.isPriority')} checked={value.isPriority} onChange={(v) => set('isPriority', v)} />
            {counter && <Check form={form} path="/active" label={t('admin.field.active')} checked={value.active} onChange={(v) => set('active', v)} />}
          </Group>
          <NamesGroup form={form} names={value.names} onChange={(l, v) => set('names', { ...value.names, [l]: v })} />
        </div>
        <div className="form-grid">
          <ServedLines form={form} services={services} ids={value.serviceIds} onChange={(ids) => set('serviceIds', ids)} />
          <Group form={form} path="/languages" legend={t('admin.counters.languages.legend')}>
            {LANGUAGES.map((l) => (
              <label key={l} className="check">
                <input type="checkbox" checked={value.languages.includes(l)} onChange={(e) => toggleLanguage(l, e.target.checked)} />
                <span lang={LANGUAGE_TAGS[l]}>{LANGUAGE_NAMES[l]}</span>
              </label>
            ))}
          </Group>
        </div>
        <div className="buttons form-buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={form.busy}>
            {form.busy ? t('admin.saving') : counter ? t('common.save') : t('admin.create')}
          </button>
        </div>
      </form>
    </EditorFrame>
  );
}

/** The lines a counter serves, in order: move up, move down, remove, and add from those not served. */
function ServedLines({ form, services, ids, onChange }: { form: AdminForm; services: readonly Service[]; ids: readonly string[]; onChange: (ids: string[]) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const nameOf = (id: string) => {
    const s = services.find((x) => x.id === id);
    return s ? localized(s.names, lang) : id;
  };
  const rest = services.filter((s) => !ids.includes(s.id));
  const [adding, setAdding] = useState('');
  const [said, setSaid] = useState('');
  // After a move the focus follows the line moved (its button in the new place).
  const [focus, setFocus] = useState<{ id: string; dir: 'up' | 'down' } | null>(null);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (!focus || !list.current) return;
    const item = [...list.current.querySelectorAll<HTMLElement>('li[data-id]')].find((li) => li.dataset.id === focus.id);
    const wanted = item?.querySelector<HTMLButtonElement>(`button[data-dir="${focus.dir}"]:not(:disabled)`) ?? item?.querySelector<HTMLButtonElement>('button:not(:disabled)');
    wanted?.focus();
  }, [focus, ids]);

  const shift = (index: number, by: -1 | 1) => {
    const id = ids[index]!;
    onChange(move(ids, index, by));
    setSaid(t('admin.counters.moved', { name: nameOf(id), position: index + by + 1 }));
    setFocus({ id, dir: by < 0 ? 'up' : 'down' });
  };
  const remove = (index: number) => {
    const id = ids[index]!;
    onChange(ids.filter((_, i) => i !== index));
    setSaid(t('admin.counters.removed', { name: nameOf(id) }));
    const next = ids[index + 1] ?? ids[index - 1];
    setFocus(next ? { id: next, dir: 'up' } : null);
  };
  const add = () => {
    const id = adding || rest[0]?.id;
    if (!id) return;
    onChange([...ids, id]);
    setAdding('');
    setSaid(t('admin.counters.added', { name: nameOf(id), position: ids.length + 1 }));
  };
  const addId = form.idOf('/serviceIds-add');

  return (
    <Group form={form} path="/serviceIds" legend={t('admin.counters.services.legend')}>
      {ids.length === 0 ? (
        <p className="hint">{t('admin.counters.services.empty')}</p>
      ) : (
        <ol className="served" ref={list}>
          {ids.map((id, i) => {
            const name = nameOf(id);
            return (
              <li key={id} data-id={id}>
                <span className="served-name">{name}</span>
                <span className="buttons">
                  <button type="button" data-dir="up" disabled={i === 0} onClick={() => shift(i, -1)} aria-label={t('admin.counters.moveUp', { name })}>
                    <span aria-hidden="true">↑</span> {t('admin.counters.up')}
                  </button>
                  <button type="button" data-dir="down" disabled={i === ids.length - 1} onClick={() => shift(i, 1)} aria-label={t('admin.counters.moveDown', { name })}>
                    <span aria-hidden="true">↓</span> {t('admin.counters.down')}
                  </button>
                  <button type="button" onClick={() => remove(i)} aria-label={t('admin.counters.remove', { name })}>
                    {t('admin.counters.removeShort')}
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {rest.length > 0 ? (
        <div className="add-line">
          <div className="field">
            <label htmlFor={addId}>{t('admin.counters.pickService')}</label>
            <select id={addId} value={adding || rest[0]!.id} onChange={(e) => setAdding(e.target.value)}>
              {rest.map((s) => (
                <option key={s.id} value={s.id}>
                  {localized(s.names, lang)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" onClick={add}>
            {t('admin.counters.addService')}
          </button>
        </div>
      ) : (
        <p className="hint">{t('admin.counters.allAdded')}</p>
      )}
      <p className="sr-only" role="status">
        {said}
      </p>
    </Group>
  );
}
