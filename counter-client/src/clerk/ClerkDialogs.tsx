// The dialogs that ask what a move needs: a reason (pause, no-show, requeue), where to transfer
// to, which number to call.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@jiaohao/shared/schemas';
import { countersInOrder, servicesInOrder, type OfficeState } from '@jiaohao/shared/reducer';
import { localized } from '@jiaohao/shared/i18n';
import { Modal } from '../shell/Modal';
import { counterName, reasonsFor } from './model';

export interface ReasonAnswer {
  readonly reason: string;
  readonly note?: string;
}

function ReasonFields({ move, reason, setReason, note, setNote }: { move: Parameters<typeof reasonsFor>[0]; reason: string; setReason: (r: string) => void; note: string; setNote: (n: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('clerk.reason.label')}
        <select value={reason} onChange={(e) => setReason(e.target.value)} required>
          {reasonsFor(move).map((r) => (
            <option key={r} value={r}>
              {t(`reason.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('clerk.note.label')}
        <textarea value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
      </label>
    </>
  );
}

const withNote = (reason: string, note: string): ReasonAnswer => (note.trim() ? { reason, note: note.trim() } : { reason });

export function ReasonDialog({ title, move, onDone, onCancel }: { title: string; move: 'pause' | 'no_show' | 'requeue'; onDone: (a: ReasonAnswer) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(reasonsFor(move)[0]!);
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onDone(withNote(reason, note));
  };
  return (
    <Modal title={title} onClose={onCancel}>
      <form onSubmit={submit}>
        <ReasonFields move={move} reason={reason} setReason={setReason} note={note} setNote={setNote} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('common.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export interface TransferAnswer extends ReasonAnswer {
  readonly serviceId?: string;
  readonly counterId?: string;
}

export function TransferDialog({ office, fromServiceId, fromCounterId, onDone, onCancel }: { office: OfficeState; fromServiceId: string; fromCounterId: string; onDone: (a: TransferAnswer) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [serviceId, setServiceId] = useState(fromServiceId);
  const [counterId, setCounterId] = useState('');
  const [reason, setReason] = useState(reasonsFor('transfer')[0]!);
  const [note, setNote] = useState('');
  const services = servicesInOrder(office.services);
  const counters = countersInOrder(office.counters).filter((c) => c.id !== fromCounterId && c.status !== 'closed' && c.serviceIds.includes(serviceId));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onDone({
      ...withNote(reason, note),
      ...(serviceId !== fromServiceId ? { serviceId } : {}),
      ...(counterId ? { counterId } : {}),
    });
  };
  return (
    <Modal title={t('clerk.transfer.title')} onClose={onCancel}>
      <form onSubmit={submit}>
        <label>
          {t('clerk.transfer.line')}
          <select value={serviceId} onChange={(e) => { setServiceId(e.target.value); setCounterId(''); }}>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {localized(s.names, lang)}
                {s.id === fromServiceId ? ` (${t('clerk.transfer.sameLine')})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('clerk.transfer.counter')}
          <select value={counterId} onChange={(e) => setCounterId(e.target.value)}>
            <option value="">{t('clerk.transfer.anyCounter')}</option>
            {counters.map((c) => (
              <option key={c.id} value={c.id}>
                {counterName(c, lang)}
              </option>
            ))}
          </select>
        </label>
        <ReasonFields move="transfer" reason={reason} setReason={setReason} note={note} setNote={setNote} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={serviceId === fromServiceId && !counterId}>
            {t('common.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function CallNumberDialog({ onDone, onCancel }: { onDone: (a: ReasonAnswer & { number: string }) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState(reasonsFor('call')[0]!);
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onDone({ number, ...withNote(reason, note) });
  };
  return (
    <Modal title={t('clerk.callNumber.title')} onClose={onCancel}>
      <form onSubmit={submit}>
        <label>
          {t('clerk.callNumber.number')}
          <input value={number} inputMode="numeric" autoComplete="off" required onChange={(e) => setNumber(e.target.value)} />
        </label>
        <ReasonFields move="call" reason={reason} setReason={setReason} note={note} setNote={setNote} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!number.trim()}>
            {t('common.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
