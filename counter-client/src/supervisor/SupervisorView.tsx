// The supervisor's floor: what needs attention now, every counter and line live, the switches
// (announcements, stopping the issuing, the emergency closure), today's figures and the queue
// policy. Everything but the figures comes from the one connection store.
import { useTranslation } from 'react-i18next';
import type { Staff } from '@jiaohao/shared/schemas';
import type { api as Api } from '../connection/api';
import { useConnection, useNow } from '@jiaohao/web';
import { useStaffNames } from '../shell/useStaffNames';
import { Announcements } from './Announcements';
import { EmergencyClosure } from './EmergencyClosure';
import { FloorAlerts } from './FloorAlerts';
import { FloorCounters } from './FloorCounters';
import { FloorLines } from './FloorLines';
import { FloorPolicy } from './FloorPolicy';
import { FloorToday } from './FloorToday';
import './supervisor.css';

export function SupervisorView({ staff, api }: { staff: Staff; api: typeof Api }) {
  const { t } = useTranslation();
  const connection = useConnection();
  const now = useNow();
  const names = useStaffNames(api);
  const { office } = connection;
  if (!office) return <p className="loading">{t('common.loading')}</p>;
  return (
    <div className="floor">
      <FloorAlerts office={office} now={now} raised={connection.alerts} names={names} />
      <EmergencyClosure office={office} />
      <FloorCounters office={office} now={now} names={names} me={staff} />
      <FloorLines api={api} office={office} now={now} />
      <Announcements office={office} now={now} />
      <FloorToday api={api} office={office} />
      <FloorPolicy office={office} />
    </div>
  );
}
