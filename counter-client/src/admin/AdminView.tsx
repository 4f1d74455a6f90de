// The admin's settings: service lines and their numbers, counters, staff accounts, devices, the
// booking rules and the office, as tabs. Every panel stays mounted (hidden when not shown), so
// moving between tabs never loses what is being typed. Changes are registry commands over the
// /staff socket (the booking rules over REST); the office state they change comes back through the
// store's events, so every list here is live.
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '@jiaohao/shared/schemas';
import type { api as Api } from '../connection/api';
import { BookingSection } from './BookingSection';
import { CountersSection } from './CountersSection';
import { DevicesSection } from './DevicesSection';
import { OfficeSection } from './OfficeSection';
import { ServicesSection } from './ServicesSection';
import { StaffSection } from './StaffSection';
import './admin.css';

export const ADMIN_TABS = ['services', 'counters', 'staff', 'devices', 'booking', 'office'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

/** The tab an arrow, Home or End key moves to (the tabs wrap around). */
export function tabAfter(current: AdminTab, key: string): AdminTab | null {
  const i = ADMIN_TABS.indexOf(current);
  const n = ADMIN_TABS.length;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return ADMIN_TABS[(i + 1) % n]!;
    case 'ArrowLeft':
    case 'ArrowUp':
      return ADMIN_TABS[(i - 1 + n) % n]!;
    case 'Home':
      return ADMIN_TABS[0];
    case 'End':
      return ADMIN_TABS[n - 1]!;
    default:
      return null;
  }
}

export function AdminView({ staff, api }: { staff: Staff; api: typeof Api }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<AdminTab>('services');
  const tabs = useRef(new Map<AdminTab, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent) => {
    const next = tabAfter(tab, e.key);
    if (!next) return;
    e.preventDefault();
    setTab(next);
    tabs.current.get(next)?.focus();
  };
  return (
    <div className="admin">
      <h2>{t('admin.title')}</h2>
      <div role="tablist" aria-label={t('admin.tabs.label')} className="admin-tabs" onKeyDown={onKeyDown}>
        {ADMIN_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`admin-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`admin-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            ref={(el) => {
              if (el) tabs.current.set(name, el);
            }}
            onClick={() => setTab(name)}
          >
            {/* The booking tab's name is in the bookings catalog, with the rest of its words. */}
            {t(name === 'booking' ? 'admin.booking.tab' : `admin.tab.${name}`)}
          </button>
        ))}
      </div>
      {ADMIN_TABS.map((name) => (
        <div key={name} role="tabpanel" id={`admin-panel-${name}`} aria-labelledby={`admin-tab-${name}`} hidden={tab !== name} tabIndex={0} className="admin-panel">
          {name === 'services' && <ServicesSection />}
          {name === 'counters' && <CountersSection />}
          {name === 'staff' && <StaffSection me={staff} api={api} />}
          {name === 'devices' && <DevicesSection api={api} />}
          {name === 'booking' && <BookingSection api={api} />}
          {name === 'office' && <OfficeSection />}
        </div>
      ))}
    </div>
  );
}
