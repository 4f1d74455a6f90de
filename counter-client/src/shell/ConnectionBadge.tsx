// Always visible: online, reconnecting (what is shown may be old), resyncing (STYLE.md habit 16).
import { useTranslation } from 'react-i18next';
import { useConnection } from '@jiaohao/web';

export function ConnectionBadge() {
  const { t } = useTranslation();
  const { status, resyncing } = useConnection();
  const key = status === 'online' ? (resyncing ? 'conn.resyncing' : 'conn.online') : status === 'ended' ? 'conn.ended' : `conn.${status}`;
  return (
    <p className={`conn conn-${status}`} role="status" aria-live="polite">
      <span className="conn-dot" aria-hidden="true" />
      {t(key)}
    </p>
  );
}
