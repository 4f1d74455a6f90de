// Staff accounts: the list (read over REST; accounts are not in the office snapshot, so it is read
// again after every change), adding one, changing a role, resetting a password, disabling or
// enabling, and clearing a lockout.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type Staff } from '@jiaohao/shared/schemas';
import type { api as Api } from '../connection/api';
import { useStore, type ClientAck } from '@jiaohao/web';
import { errorText } from '../shell/errors';
import { Modal } from '../shell/Modal';
import { Field, FormAlert, Select, useAdminForm } from './fields';
import { Checker } from './forms';
import { ListStatus, Saved, SectionHead, useList } from './sections';
import { checkPassword, newStaffForm, sortStaff, STAFF_REFUSALS, toStaffCreate, type StaffForm } from './staff-form';

type Dialog = { kind: 'new' } | { kind: 'role' | 'password' | 'disable'; staff: Staff };

export function StaffSection({ me, api }: { me: Staff; api: typeof Api }) {
  const { t } = useTranslation();
  const store = useStore();
  const { list, error, reload } = useList(() => api.get<Staff[]>('/staff'), sortStaff);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  /** After a change: say so and read the list again. */
  const changed = (text: string) => {
    setDialog(null);
    setFailed(null);
    setSaid(text);
    void reload();
  };
  const direct = async (ack: Promise<ClientAck<Staff>>, text: string) => {
    setSaid(null);
    const answer = await ack;
    if (answer.ok) changed(text);
    else setFailed(errorText(t, answer.error));
  };
  const roleName = (r: Role) => t(`role.${r}`);

  return (
    <>
      <SectionHead
        title={t('admin.staff.heading')}
        addLabel={t('admin.staff.add')}
        onAdd={() => {
          setSaid(null);
          setDialog({ kind: 'new' });
        }}
      />
      <Saved text={said} />
      {failed && (
        <p className="error" role="alert">
          {failed}
        </p>
      )}
      <ListStatus list={list} error={error} reload={reload} />
      {list && (
        <div className="table-wrap">
          <table className="admin-table">
            <caption>{t('admin.staff.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.staff.col.username')}</th>
                <th scope="col">{t('admin.staff.col.displayName')}</th>
                <th scope="col">{t('admin.staff.col.role')}</th>
                <th scope="col">{t('admin.col.status')}</th>
                <th scope="col">{t('admin.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => {
                const name = s.id === me.id ? t('admin.staff.you', { name: s.displayName }) : s.displayName;
                const label = (action: string) => t('admin.actionOf', { action, name: s.displayName });
                return (
                  <tr key={s.id} className={s.active ? undefined : 'inactive'}>
                    <td>{s.username}</td>
                    <th scope="row">{name}</th>
                    <td>{roleName(s.role)}</td>
                    <td>{t(s.active ? 'admin.staff.active' : 'admin.staff.disabled')}</td>
                    <td>
                      <div className="buttons row-buttons">
                        <button type="button" onClick={() => setDialog({ kind: 'role', staff: s })} aria-label={label(t('admin.staff.changeRole'))}>
                          {t('admin.staff.changeRole')}
                        </button>
                        <button type="button" onClick={() => setDialog({ kind: 'password', staff: s })} aria-label={label(t('admin.staff.resetPassword'))}>
                          {t('admin.staff.resetPassword')}
                        </button>
                        {s.active ? (
                          <button type="button" onClick={() => setDialog({ kind: 'disable', staff: s })} aria-label={label(t('admin.staff.disable'))}>
                            {t('admin.staff.disable')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            onClick={() => void direct(store.send('staff:update', { staffId: s.id, active: true }), t('admin.staff.enabled', { name: s.displayName }))}
                            aria-label={label(t('admin.staff.enable'))}
                          >
                            {t('admin.staff.enable')}
                          </button>
                        )}
                        <button
                          type="button"
                          onClick={() => void direct(store.send('staff:update', { staffId: s.id, unlock: true }), t('admin.staff.unlocked', { name: s.displayName }))}
                          aria-label={label(t('admin.staff.unlock'))}
                        >
                          {t('admin.staff.unlock')}
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {dialog?.kind === 'new' && <NewStaffDialog onDone={changed} onCancel={() => setDialog(null)} />}
      {dialog?.kind === 'role' && <RoleDialog staff={dialog.staff} onDone={changed} onCancel={() => setDialog(null)} />}
      {dialog?.kind === 'password' && <PasswordDialog staff={dialog.staff} self={dialog.staff.id === me.id} onDone={changed} onCancel={() => setDialog(null)} />}
      {dialog?.kind === 'disable' && <DisableDialog staff={dialog.staff} self={dialog.staff.id === me.id} onDone={changed} onCancel={() => setDialog(null)} />}
    </>
  );
}

function DialogButtons({ busy, submit, onCancel }: { busy: boolean; submit: string; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="buttons">
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('admin.saving') : submit}
      </button>
    </div>
  );
}

const useRoleOptions = () => {
  const { t } = useTranslation();
  return ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
};

function NewStaffDialog({ onDone, onCancel }: { onDone: (text: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const store = useStore();
  const form = useAdminForm('staff-new', STAFF_REFUSALS);
  const roles = useRoleOptions();
  const [value, setValue] = useState<StaffForm>(newStaffForm);
  const set = <K extends keyof StaffForm>(key: K, v: StaffForm[K]) => setValue((f) => ({ ...f, [key]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(toStaffCreate(value), (p) => store.send('staff:create', p), (s) => onDone(t('admin.staff.created', { name: s.displayName, username: s.username })));
  };
  return (
    <Modal title={t('admin.staff.new.title')} onClose={onCancel}>
      <form ref={form.ref} onSubmit={submit} noValidate>
        <FormAlert form={form} />
        <Field form={form} path="/username" label={t('admin.staff.field.username')} hint={t('admin.staff.field.username.hint')} value={value.username} onChange={(v) => set('username', v)} autoComplete="off" spellCheck={false} aria-required />
        <Field form={form} path="/displayName" label={t('admin.staff.field.displayName')} value={value.displayName} onChange={(v) => set('displayName', v)} autoComplete="off" aria-required />
        <Select form={form} path="/role" label={t('admin.staff.field.role')} value={value.role} onChange={(v) => set('role', v)} options={roles} />
        <Field form={form} path="/password" type="password" label={t('admin.staff.field.password')} hint={t('admin.staff.field.password.hint')} value={value.password} onChange={(v) => set('password', v)} autoComplete="new-password" aria-required />
        <DialogButtons busy={form.busy} submit={t('admin.create')} onCancel={onCancel} />
      </form>
    </Modal>
  );
}

function RoleDialog({ staff, onDone, onCancel }: { staff: Staff; onDone: (text: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const store = useStore();
  const form = useAdminForm(`staff-role-${staff.id}`, STAFF_REFUSALS);
  const roles = useRoleOptions();
  const [role, setRole] = useState<Role>(staff.role);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(
      { ok: true, value: role === staff.role ? null : { staffId: staff.id, role } },
      (p) => store.send('staff:update', p),
      (s) => onDone(t('admin.staff.roleChanged', { name: s.displayName, role: t(`role.${s.role}`) })),
    );
  };
  return (
    <Modal title={t('admin.staff.role.title', { name: staff.displayName })} onClose={onCancel}>
      <form ref={form.ref} onSubmit={submit} noValidate>
        <FormAlert form={form} />
        <Select form={form} path="/role" label={t('admin.staff.field.role')} value={role} onChange={setRole} options={roles} />
        <DialogButtons busy={form.busy} submit={t('common.save')} onCancel={onCancel} />
      </form>
    </Modal>
  );
}

function PasswordDialog({ staff, self, onDone, onCancel }: { staff: Staff; self: boolean; onDone: (text: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const store = useStore();
  const form = useAdminForm(`staff-pw-${staff.id}`, STAFF_REFUSALS);
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = new Checker();
    const checked = checkPassword(c, password);
    void form.submit(
      c.result(() => ({ staffId: staff.id, password: checked! })),
      (p) => store.send('staff:update', p),
      (s) => onDone(t('admin.staff.passwordReset', { name: s.displayName })),
    );
  };
  return (
    <Modal title={t('admin.staff.password.title', { name: staff.displayName })} onClose={onCancel}>
      <form ref={form.ref} onSubmit={submit} noValidate>
        <FormAlert form={form} />
        <Field
          form={form}
          path="/password"
          type="password"
          label={t('admin.staff.field.newPassword')}
          hint={self ? t('admin.staff.password.hintSelf') : t('admin.staff.password.hint')}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          aria-required
        />
        <DialogButtons busy={form.busy} submit={t('admin.staff.resetPassword')} onCancel={onCancel} />
      </form>
    </Modal>
  );
}

function DisableDialog({ staff, self, onDone, onCancel }: { staff: Staff; self: boolean; onDone: (text: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const store = useStore();
  const form = useAdminForm(`staff-off-${staff.id}`, STAFF_REFUSALS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit({ ok: true, value: { staffId: staff.id, active: false } }, (p) => store.send('staff:update', p), (s) => onDone(t('admin.staff.disabledDone', { name: s.displayName })));
  };
  return (
    <Modal title={t('admin.staff.disable.title', { name: staff.displayName })} onClose={onCancel}>
      <form ref={form.ref} onSubmit={submit} noValidate>
        <FormAlert form={form} />
        <p>{t('admin.staff.disable.text', { name: staff.displayName })}</p>
        {self && <p className="warning">{t('admin.staff.disable.self')}</p>}
        <DialogButtons busy={form.busy} submit={t('admin.staff.disable')} onCancel={onCancel} />
      </form>
    </Modal>
  );
}
