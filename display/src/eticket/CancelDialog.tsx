// "Cancel your ticket?": the safe answer (keep it) has the focus, the other says what it does.
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

export interface CancelDialogProps {
  readonly number: string;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onKeep: () => void;
  readonly fallbackFocus: () => HTMLElement | null;
}

export function CancelDialog({ number, busy, onConfirm, onKeep, fallbackFocus }: CancelDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog className="et-dialog" labelledBy="et-cancel-title" describedBy="et-cancel-text" onClose={onKeep} fallbackFocus={fallbackFocus}>
      <h2 id="et-cancel-title">{t('eticket.cancel.title')}</h2>
      <p id="et-cancel-text">{t('eticket.cancel.text', { number })}</p>
      <div className="et-dialog-actions">
        <button type="button" className="et-button" data-autofocus onClick={onKeep}>
          {t('eticket.cancel.keep')}
        </button>
        <button type="button" className="et-button et-danger" onClick={onConfirm} disabled={busy} aria-busy={busy}>
          {busy ? t('eticket.cancel.busy') : t('eticket.cancel.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
