// Kiosks and wall displays: the list (read over REST, again after each change), registering one
// — its token is shown this once, with the pairing link and its QR code — and revoking one.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toDataURL } from 'qrcode';
import { LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import { DEVICE_KINDS, DeviceCreate, type Device, type DeviceCreated, type DeviceKind, type Language } from '@jiaohao/shared/schemas';
import type { api as Api } from '../connection/api';
import { useConnection, useStore } from '@jiaohao/web';
import { Modal } from '../shell/Modal';
import { Field, FormAlert, Select, useAdminForm } from './fields';
import { Checker } from './forms';
import { pairingLink, sortDevices } from './devices';
import { ListStatus, Saved, SectionHead, useList } from './sections';

const DEVICE_REFUSALS = { fields: ['/kind', '/name'] };

export function DevicesSection({ api }: { api: typeof Api }) {
  const { t, i18n } = useTranslation();
  const { office } = useConnection();
  const { list, error, reload } = useList(() => api.get<Device[]>('/devices'), sortDevices);
  const [created, setCreated] = useState<DeviceCreated | null>(null);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [said, setSaid] = useState<string | null>(null);
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
                  <td>{when(d.createdAt)}</td>
                  <td>{when(d.lastSeenAt)}</td>
                  <td>{d.revokedAt ? t('admin.devices.revoked', { at: when(d.revokedAt) }) : t('admin.devices.inUse')}</td>
                  <td>
                    {!d.revokedAt && (
                      <button type="button" onClick={() => setRevoking(d)} aria-label={t('admin.actionOf', { action: t('admin.devices.revoke'), name: d.name })}>
                        {t('admin.devices.revoke')}
                      </button>
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
