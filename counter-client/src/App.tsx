// The counter client: sign in, then the views the role allows — the clerk's counter, the
// supervisor's floor, the admin's settings — around one connection to the /staff namespace.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { Staff } from '@jiaohao/shared/schemas';
import { api as realApi, ApiError } from './connection/api';
import { StoreProvider, useConnection, createOfficeStore, type Transport, namespaceSocket } from '@jiaohao/web';
import { STAFF_LANGUAGES } from './i18n/i18n';
import { ConnectionBadge } from './shell/ConnectionBadge';
import { Login } from './shell/Login';
import { ClerkHome } from './clerk/ClerkHome';

// Loaded when first opened: a clerk's PC never needs the supervisor's or the admin's code.
const SupervisorView = lazy(() => import('./supervisor/SupervisorView').then((m) => ({ default: m.SupervisorView })));
const AdminView = lazy(() => import('./admin/AdminView').then((m) => ({ default: m.AdminView })));
const ReportsView = lazy(() => import('./reports/ReportsView').then((m) => ({ default: m.ReportsView })));
const AuditView = lazy(() => import('./audit/AuditView').then((m) => ({ default: m.AuditView })));
const BookingsView = lazy(() => import('./bookings/BookingsView').then((m) => ({ default: m.BookingsView })));

export interface AppDeps {
  readonly i18n: I18n;
  readonly api?: typeof realApi;
  readonly transport?: () => Transport;
}

type ViewName = 'counter' | 'bookings' | 'floor' | 'reports' | 'audit' | 'admin';
const RANK = { clerk: 1, supervisor: 2, admin: 3 } as const;

function viewsFor(staff: Staff): ViewName[] {
  const views: ViewName[] = ['counter', 'bookings'];
  if (RANK[staff.role] >= 2) views.push('floor');
  if (RANK[staff.role] >= 2) views.push('reports');
  if (RANK[staff.role] >= 2) views.push('audit');
  if (staff.role === 'admin') views.push('admin');
  return views;
}

/** Each view's name in the navigation (the newer views' names live in their own catalogs). */
const navKey = (v: ViewName): string => (v === 'reports' || v === 'audit' || v === 'bookings' ? `${v}.nav` : `nav.${v === 'floor' ? 'supervisor' : v}`);

const viewFromHash = (hash: string, allowed: readonly ViewName[]): ViewName => {
  const name = hash.replace(/^#\/?/, '') as ViewName;
  return allowed.includes(name) ? name : allowed[0]!;
};

export function App({ i18n, api = realApi, transport = () => namespaceSocket('staff') }: AppDeps) {
  return (
    <I18nextProvider i18n={i18n}>
      <Session api={api} transport={transport} />
    </I18nextProvider>
  );
}

function Session({ api, transport }: { api: typeof realApi; transport: () => Transport }) {
  const { t } = useTranslation();
  const [staff, setStaff] = useState<Staff | null | 'checking'>('checking');
  useEffect(() => {
    api.me().then(
      ({ staff }) => setStaff(staff),
      () => setStaff(null),
    );
  }, [api]);
  const signOut = useCallback(async () => {
    await api.logout().catch((err: unknown) => (err instanceof ApiError ? undefined : undefined));
    setStaff(null);
  }, [api]);
  if (staff === 'checking') return <p className="loading">{t('common.loading')}</p>;
  if (staff === null) return <Login api={api} onSignedIn={setStaff} />;
  return <SignedIn key={staff.id} staff={staff} api={api} transport={transport} onSignOut={() => void signOut()} onEnded={() => setStaff(null)} />;
}

function SignedIn({ staff, api, transport, onSignOut, onEnded }: { staff: Staff; api: typeof realApi; transport: () => Transport; onSignOut: () => void; onEnded: () => void }) {
  const store = useMemo(() => createOfficeStore(transport()), [transport]);
  useEffect(() => () => store.close(), [store]);
  return (
    <StoreProvider store={store}>
      <Frame staff={staff} api={api} onSignOut={onSignOut} onEnded={onEnded} />
    </StoreProvider>
  );
}

function Frame({ staff, api, onSignOut, onEnded }: { staff: Staff; api: typeof realApi; onSignOut: () => void; onEnded: () => void }) {
  const { t, i18n } = useTranslation();
  const { status } = useConnection();
  const allowed = viewsFor(staff);
  const [view, setView] = useState<ViewName>(() => viewFromHash(location.hash, allowed));
  useEffect(() => {
    const onHash = () => setView(viewFromHash(location.hash, allowed));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  });
  // The server ended the session (sign-out elsewhere, deactivation, a new password).
  useEffect(() => {
    if (status !== 'ended') return;
    void api.me().catch(() => onEnded());
  }, [status, api, onEnded]);
  const other = i18n.language === 'en' ? 'zh-TW' : 'en';
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <h1>{t('app.title')}</h1>
        <nav aria-label={t('nav.label')}>
          <ul>
            {allowed.map((v) => (
              <li key={v}>
                <a href={`#/${v}`} aria-current={v === view ? 'page' : undefined}>
                  {t(navKey(v))}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <ConnectionBadge />
        <div className="who">
          <span>{t('user.signedInAs', { name: staff.displayName, role: t(`role.${staff.role}`) })}</span>
          <button type="button" lang={other === 'en' ? 'en' : 'zh-Hant-TW'} onClick={() => void i18n.changeLanguage(other)} aria-label={`${t('lang.label')}: ${t('lang.switch')}`}>
            {t('lang.switch')}
          </button>
          <button type="button" onClick={onSignOut}>
            {t('user.logout')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          {view === 'counter' && <ClerkHome staff={staff} />}
          {view === 'floor' && <SupervisorView staff={staff} api={api} />}
          {view === 'admin' && <AdminView staff={staff} api={api} />}
          {view === 'reports' && <ReportsView api={api} />}
          {view === 'audit' && <AuditView api={api} />}
          {view === 'bookings' && <BookingsView staff={staff} api={api} />}
        </Suspense>
      </main>
    </>
  );
}

export { STAFF_LANGUAGES };
