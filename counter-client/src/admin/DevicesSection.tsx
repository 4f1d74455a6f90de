// Kiosks and wall displays: the list (read over REST, again after each change), registering one
// — its token is shown this once, with the pairing link and its QR code — a display's settings
// (what it shows and how it speaks), and revoking one.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toDataURL } from 'qrcode';
import { LANGUAGE_NAMES, LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import { countersInOrder, servicesInOrder } from '@jiaohao/shared/reducer';
import {
  DEVICE_KINDS,
  DeviceCreate,
  DISPLAY_ORIENTATIONS,
  DISPLAY_VOICES,
  type Device,
  type DeviceCreated,
  type DeviceKind,
  type Language,
} from '@jiaohao/shared/schemas';
import type { api as Api } from '../connection/api';
import { useConnection, useStore } from '@jiaohao/web';
import { Modal } from '../shell/Modal';
import { Check, Field, FormAlert, Group, Select, useAdminForm, type AdminForm } from './fields';
import { Checker } from './forms';
import { pairingLink, sortDevices } from './devices';
import {
  counterChoices,
  DISPLAY_REFUSALS,
  displayToForm,
  lineChoices,
  REPEATS,
  SPOKEN_LANGUAGES,
  toDisplayUpdate,
  toggled,
  zoneParts,
  type Choice,
  type DisplayForm,
} from './display-form';
import { ListStatus, Saved, SectionHead, useList } from './sections';

const DEVICE_REFUSALS = { fields: ['/kind', '/name'] };

export function DevicesSection({ api }: { api: typeof Api }) {
  const { t, i18n } = useTranslation();
  const { office } = useConnection();
  const { list, error, reload } = useList(() => api.get<Device[]>('/devices'), sortDevices);
  const [created, setCreated] = useState<DeviceCreated | null>(null);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [setting, setSetting] = useState<Device | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const lang = i18n.language as Language;
  const zone = (d: Device): string => {
    const parts = office ? zoneParts(d, office.services, office.counters, lang) : null;
    if (!parts) return t('admin.devices.zone.none');
    const sep = t('admin.list.separator');
    return t('admin.devices.zone', {
      lines: parts.lines === null ? t('admin.devices.zone.allLines') : parts.lines.join(sep),
      counters: parts.counters === null ? t('admin.devices.zone.allCounters') : t('admin.devices.zone.counters', { count: parts.counters.length, numbers: parts.counters.join(sep) }),
    });
  };
  const when = (iso: string | null) =>
    iso === null
      ? t('admin.devices.never')
      : new Intl.DateTimeFormat(LANGUAGE_TAGS[i18n.language as Language] ?? 'zh-Hant-TW', {
          dateStyle: 'medium',
          timeStyle: 'short',
          ...(office ? { timeZone: office.office.timeZone } : {}),
        }).format(new Date(iso));

  return (
    <>
      <SectionHead title={t('admin.devices.heading')} />
      <RegisterForm
        onCreated={(c) => {
          setSaid(t('admin.devices.registered', { name: c.device.name }));
          setCreated(c);
          void reload();
        }}
      />
      <Saved text={said} />
      <ListStatus list={list} error={error} reload={reload} />
      {list && (
        <div className="table-wrap">
          <table className="admin-table">
            <caption>{t('admin.devices.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.devices.col.name')}</th>
                <th scope="col">{t('admin.devices.col.kind')}</th>
                <th scope="col">{t('admin.devices.col.zone')}</th>
                <th scope="col">{t('admin.devices.col.created')}</th>
                <th scope="col">{t('admin.devices.col.lastSeen')}</th>
                <th scope="col">{t('admin.col.status')}</th>
                <th scope="col">{t('admin.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id} className={d.revokedAt ? 'inactive' : undefined}>
                  <th scope="row">{d.name}</th>
                  <td>{t(`admin.kind.${d.kind}`)}</td>
                  <td>{zone(d)}</td>
                  <td>{when(d.createdAt)}</td>
                  <td>{when(d.lastSeenAt)}</td>
                  <td>{d.revokedAt ? t('admin.devices.revoked', { at: when(d.revokedAt) }) : t('admin.devices.inUse')}</td>
                  <td>
                    {!d.revokedAt && (
                      <span className="buttons row-buttons">
                        {d.kind === 'display' && (
                          <button type="button" onClick={() => setSetting(d)} aria-label={t('admin.actionOf', { action: t('admin.devices.settings'), name: d.name })}>
                            {t('admin.devices.settings')}
                          </button>
                        )}
                        <button type="button" onClick={() => setRevoking(d)} aria-label={t('admin.actionOf', { action: t('admin.devices.revoke'), name: d.name })}>
                          {t('admin.devices.revoke')}
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.length === 0 && <p>{t('admin.devices.empty')}</p>}
        </div>
      )}
      {created && <TokenDialog created={created} onClose={() => setCreated(null)} />}
      {setting && (
        <DisplaySettingsDialog
          device={setting}
          onDone={(d) => {
            setSetting(null);
            setSaid(t('admin.devices.settings.saved', { name: d.name }));
            void reload();
          }}
          onCancel={() => setSetting(null)}
        />
      )}
      {revoking && (
        <RevokeDialog
          device={revoking}
          onDone={(d) => {
            setRevoking(null);
            setSaid(t('admin.devices.revokedDone', { name: d.name }));
            void reload();
          }}
          onCancel={() => setRevoking(null)}
        />
      )}
    </>
  );
}

function RegisterForm({ onCreated }: { onCreated: (c: DeviceCreated) => void }) {
  const { t } = useTranslation();
  const store = useStore();
  const form = useAdminForm('device-new', DEVICE_REFUSALS);
  const [kind, setKind] = useState<DeviceKind>('display');
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = new Checker();
    const checked = c.text('/name', name, DeviceCreate.properties.name);
    void form.submit(
      c.result(() => ({ kind, name: checked! })),
      (p) => store.send('device:create', p),
      (created) => {
        setName('');
        onCreated(created);
      },
    );
  };
  return (
    <form ref={form.ref} onSubmit={submit} noValidate className="register">
      <fieldset className="group">
        <legend>{t('admin.devices.register.legend')}</legend>
        <FormAlert form={form} />
        <div className="register-fields">
          <Select form={form} path="/kind" label={t('admin.devices.field.kind')} value={kind} onChange={setKind} options={DEVICE_KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}`) }))} />
          <Field form={form} path="/name" label={t('admin.devices.field.name')} hint={t('admin.devices.field.name.hint')} value={name} onChange={setName} autoComplete="off" aria-required />
          <button type="submit" className="primary" disabled={form.busy}>
            {form.busy ? t('admin.saving') : t('admin.devices.register')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** The token, once: it lives only in this dialog's props and is gone when it closes. */
function TokenDialog({ created, onClose }: { created: DeviceCreated; onClose: () => void }) {
  const { t } = useTranslation();
  const { device, token } = created;
  const link = pairingLink(location.origin, device.kind, token);
  const [qr, setQr] = useState<string | null | 'failed'>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 240 }).then(
      (url) => alive && setQr(url),
      () => alive && setQr('failed'),
    );
    return () => {
      alive = false;
    };
  }, [link]);
  const copy = () => {
    const clipboard = globalThis.navigator?.clipboard;
    if (!clipboard) return setCopied(t('admin.devices.copyFailed'));
    clipboard.writeText(link).then(
      () => setCopied(t('admin.devices.copied')),
      () => setCopied(t('admin.devices.copyFailed')),
    );
  };
  return (
    <Modal title={t('admin.devices.token.title', { name: device.name, kind: t(`admin.kind.${device.kind}`) })} onClose={onClose}>
      <p className="warning">{t('admin.devices.token.once')}</p>
      {/* Read-only fields, not a link: they stay inside the dialog's focus trap and select whole for copying. */}
      <div className="field">
        <label htmlFor="pair-link">{t('admin.devices.token.link')}</label>
        <input id="pair-link" className="mono" readOnly value={link} onFocus={(e) => e.target.select()} />
      </div>
      <div className="field">
        <label htmlFor="pair-token">{t('admin.devices.token.token')}</label>
        <input id="pair-token" className="mono" readOnly value={token} onFocus={(e) => e.target.select()} />
      </div>
      <div className="qr">
        {qr === null && <p>{t('common.loading')}</p>}
        {qr === 'failed' && <p className="error">{t('admin.devices.qrFailed')}</p>}
        {qr && qr !== 'failed' && <img src={qr} width={240} height={240} alt={t('admin.devices.token.qrAlt', { name: device.name })} />}
      </div>
      <p role="status">{copied ?? ''}</p>
      <div className="buttons">
        <button type="button" onClick={copy}>
          {t('admin.devices.copy')}
        </button>
        <button type="button" className="primary" onClick={onClose}>
          {t('admin.devices.token.close')}
        </button>
      </div>
    </Modal>
  );
}

function RevokeDialog({ device, onDone, onCancel }: { device: Device; onDone: (d: Device) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const store = useStore();
  const form = useAdminForm(`device-revoke-${device.id}`, DEVICE_REFUSALS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit({ ok: true, value: { deviceId: device.id, revoked: true } }, (p) => store.send('device:update', p), onDone);
  };
  return (
    <Modal title={t('admin.devices.revoke.title', { name: device.name })} onClose={onCancel}>
      <form ref={form.ref} onSubmit={submit} noValidate>
        <FormAlert form={form} />
        <p>{t('admin.devices.revoke.text')}</p>
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary danger" disabled={form.busy}>
            {form.busy ? t('admin.saving') : t('admin.devices.revoke')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/**
 * A display's settings: the lines it shows and the counters whose calls it shows (every one, or
 * those ticked), its orientation, and how it speaks. Saved whole with device:update; the server
 * pushes them to the display at once.
 */
function DisplaySettingsDialog({ device, onDone, onCancel }: { device: Device; onDone: (d: Device) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const store = useStore();
  const { office } = useConnection();
  const form = useAdminForm(`display-${device.id}`, DISPLAY_REFUSALS);
  const [value, setValue] = useState<DisplayForm>(() => displayToForm(device.display));
  const set = <K extends keyof DisplayForm>(key: K, v: DisplayForm[K]) => setValue((f) => ({ ...f, [key]: v }));

  const lines = office ? lineChoices(servicesInOrder(office.services, true), value.serviceIds, lang) : [];
  const counters = office ? counterChoices(countersInOrder(office.counters, true), value.counterIds, lang) : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(toDisplayUpdate(value, device.display), (display) => store.send('device:update', { deviceId: device.id, display }), onDone);
  };
  const toggleLanguage = (l: Language, on: boolean) => set('languages', on ? [...value.languages, l] : value.languages.filter((x) => x !== l));

  return (
    <Modal title={t('admin.devices.settings.title', { name: device.name })} onClose={onCancel}>
      <form ref={form.ref} onSubmit={submit} noValidate className="admin-form display-settings">
        <FormAlert form={form} />
        <ZoneGroup
          form={form}
          path="/display/serviceIds"
          legend={t('admin.devices.settings.lines.legend')}
          allLabel={t('admin.devices.settings.lines.all')}
          all={value.allLines}
          onAll={(on) => set('allLines', on)}
          choices={lines}
          ids={value.serviceIds}
          onChange={(ids) => set('serviceIds', ids)}
        />
        <ZoneGroup
          form={form}
          path="/display/counterIds"
          legend={t('admin.devices.settings.counters.legend')}
          allLabel={t('admin.devices.settings.counters.all')}
          all={value.allCounters}
          onAll={(on) => set('allCounters', on)}
          choices={counters.map((c) => ({ ...c, label: c.number === null ? c.label : t('admin.devices.settings.counter', { number: c.number, name: c.label }) }))}
          ids={value.counterIds}
          onChange={(ids) => set('counterIds', ids)}
        />
        <div className="form-grid">
          <div className="form-column">
            <Group form={form} legend={t('admin.devices.settings.screen.legend')}>
              <Select
                form={form}
                path="/display/orientation"
                label={t('admin.devices.settings.orientation')}
                value={value.orientation}
                onChange={(v) => set('orientation', v)}
                options={DISPLAY_ORIENTATIONS.map((o) => ({ value: o, label: t(`admin.devices.settings.orientation.${o}`) }))}
              />
            </Group>
            <Group form={form} path="/display/languages" legend={t('admin.devices.settings.languages.legend')}>
              <p className="hint">{t('admin.devices.settings.languages.hint')}</p>
              <div className="zone-choices inline">
                {SPOKEN_LANGUAGES.map((l) => (
                  <label key={l} className="check">
                    <input type="checkbox" checked={value.languages.includes(l)} onChange={(e) => toggleLanguage(l, e.target.checked)} />
                    <span lang={LANGUAGE_TAGS[l]}>{LANGUAGE_NAMES[l]}</span>
                  </label>
                ))}
              </div>
            </Group>
          </div>
          <Group form={form} legend={t('admin.devices.settings.sound.legend')}>
            <Field
              form={form}
              path="/display/volume"
              label={t('admin.devices.settings.volume')}
              hint={t('admin.devices.settings.volume.hint')}
              value={value.volume}
              onChange={(v) => set('volume', v)}
              inputMode="numeric"
              autoComplete="off"
            />
            <Select
              form={form}
              path="/display/repeat"
              label={t('admin.devices.settings.repeat')}
              value={value.repeat}
              onChange={(v) => set('repeat', v)}
              options={REPEATS.map((n) => ({ value: String(n), label: t('admin.devices.settings.repeat.n', { count: n }) }))}
            />
            <Select
              form={form}
              path="/display/voice"
              label={t('admin.devices.settings.voice')}
              value={value.voice}
              onChange={(v) => set('voice', v)}
              options={DISPLAY_VOICES.map((v) => ({ value: v, label: t(`admin.devices.settings.voice.${v}`) }))}
            />
          </Group>
        </div>
        <div className="buttons form-buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={form.busy}>
            {form.busy ? t('admin.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Every one, or those ticked: the chosen set is kept while "every" is ticked, and comes back when it is unticked. */
function ZoneGroup({
  form,
  path,
  legend,
  allLabel,
  all,
  onAll,
  choices,
  ids,
  onChange,
}: {
  form: AdminForm;
  path: string;
  legend: string;
  allLabel: string;
  all: boolean;
  onAll: (on: boolean) => void;
  choices: readonly Choice[];
  ids: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const order = choices.map((c) => c.id);
  return (
    <Group form={form} path={path} legend={legend}>
      <Check form={form} path={`${path}-all`} label={allLabel} checked={all} onChange={onAll} />
      {!all && (
        <div className="zone-choices">
          {choices.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={ids.includes(c.id)} onChange={(e) => onChange(toggled(ids, c.id, e.target.checked, order))} />
              {c.inactive ? t('admin.devices.settings.inactive', { name: c.label }) : c.label}
            </label>
          ))}
        </div>
      )}
    </Group>
  );
}
