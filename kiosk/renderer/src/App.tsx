// The kiosk: paired by its device token like a wall display, connected to /kiosk through the one
// connection store (@jiaohao/web). It issues nothing while it cannot reach the server: a number it
// made up could collide with a real one.
import { useEffect, useMemo, useReducer, useRef, useState, type FormEvent } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { eTicketPath } from '@jiaohao/shared/rules';
import { localized } from '@jiaohao/shared/i18n';
import type { IssueTicketResult, Language, LineEstimates } from '@jiaohao/shared/schemas';
import { createOfficeStore, StoreProvider, useConnection, useLost, useNow, useStore, type Pairing, type Transport } from '@jiaohao/web';
import { flow, idleTimeout, START, type How } from './kiosk/flow';
import { confirmModel, startModel } from './kiosk/model';
import { CheckInScreen, ClosedScreen, ConfirmScreen, OutOfService, ScreenHeading, StartScreen, TicketScreen } from './kiosk/Screens';
import type { KioskShell, PrintResult } from './kiosk/shell';
import type { ServerApi } from './kiosk/server-api';
import type { Camera } from './kiosk/camera';
import { bookingTicket, DEFAULT_CHECK_IN_RULES, isComplete, refusalFor, type KioskBooking } from './kiosk/checkin';

const RECONNECT_AFTER_MS = 2_000;

export interface KioskDeps {
  readonly i18n: I18n;
  readonly pairing: Pairing;
  readonly transport: (token: string) => Transport;
  /** The requests beside the socket (check-in, its rules, the estimates), with the kiosk's device token (server-api.ts). */
  readonly api: (token: string) => ServerApi;
  /** The camera for a booking's QR code, where the browser has one (camera.ts); null: the keypad only. */
  readonly camera?: Camera | null;
  /** The Electron shell's functions, or null in a plain browser (no printing). */
  readonly shell: KioskShell | null;
  /** Where the e-ticket page is (the page's own origin by default). */
  readonly origin: string;
  readonly keep: (token: string) => void;
  readonly forget: () => void;
  readonly newKey?: () => string;
}

export function App(deps: KioskDeps) {
  const [token, setToken] = useState(deps.pairing.token);
  return (
    <I18nextProvider i18n={deps.i18n}>
      {token === null ? (
        <PairScreen
          onPair={(t) => {
            deps.keep(t);
            setToken(t);
          }}
        />
      ) : (
        <Connected
          key={token}
          token={token}
          deps={deps}
          onNewToken={() => {
            deps.forget();
            setToken(null);
          }}
        />
      )}
    </I18nextProvider>
  );
}

function Connected({ token, deps, onNewToken }: { token: string; deps: KioskDeps; onNewToken: () => void }) {
  const store = useMemo(() => createOfficeStore(deps.transport(token)), [token, deps]);
  const api = useMemo(() => deps.api(token), [token, deps]);
  useEffect(() => () => store.close(), [store]);
  return (
    <StoreProvider store={store}>
      <Kiosk deps={deps} api={api} onNewToken={onNewToken} />
    </StoreProvider>
  );
}

function Kiosk({ deps, api, onNewToken }: { deps: KioskDeps; api: ServerApi; onNewToken: () => void }) {
  const { i18n, t } = useTranslation();
  const store = useStore();
  const conn = useConnection();
  const now = useNow(15_000) + conn.clockOffsetMs;
  const [state, dispatch] = useReducer(flow, START);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const offline = useLost(conn.status === 'online' && conn.office !== null);
  const newKey = deps.newKey ?? (() => crypto.randomUUID());
  const lang = state.lang;
  // The office's check-in rules and whether it offers check-in, read each time the start or the
  // check-in screen opens (an admin may change them; the start screen comes back after every resident).
  const [rules, setRules] = useState<KioskBooking | null>(null);
  const screenKind = state.screen.kind;
  useEffect(() => {
    if (screenKind !== 'start' && screenKind !== 'checkin') return;
    let alive = true;
    void api.rules().then((r) => alive && r && setRules(r));
    return () => {
      alive = false;
    };
  }, [screenKind, api]);

  // The confirm screen's wait: the server's, read when the screen opens and again after every change
  // of the office while it is open (a call, a new ticket), so it is what the ticket will say.
  const [estimates, setEstimates] = useState<LineEstimates | null>(null);
  const confirming = state.screen.kind === 'confirm';
  const seq = conn.office?.seq;
  useEffect(() => {
    if (!confirming) return setEstimates(null);
    let alive = true;
    void api.estimates().then((e) => alive && e && setEstimates(e));
    return () => {
      alive = false;
    };
  }, [confirming, seq, api]);

  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
  }, [i18n, lang]);

  // The server closed the socket: a restart comes back; a revoked token is then refused.
  useEffect(() => {
    if (conn.status !== 'ended' || conn.endedBy !== 'server') return;
    const timer = setTimeout(() => store.reconnect(), RECONNECT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [conn.status, conn.endedBy, store]);

  // Back to the start after a while without a touch; any touch or key starts the wait again.
  const timeout = idleTimeout(state);
  const [touched, setTouched] = useState(0);
  useEffect(() => {
    const touch = () => setTouched((n) => n + 1);
    window.addEventListener('pointerdown', touch);
    window.addEventListener('keydown', touch);
    return () => {
      window.removeEventListener('pointerdown', touch);
      window.removeEventListener('keydown', touch);
    };
  }, []);
  useEffect(() => {
    if (timeout === null) return;
    const timer = setTimeout(() => dispatch({ type: 'reset' }), timeout);
    return () => clearTimeout(timer);
  }, [timeout, touched, state.screen.kind]);
  useEffect(() => {
    if (state.screen.kind === 'start') setError(null);
  }, [state.screen.kind]);

  // Whatever happens to the connection, one request at a time.
  const inFlight = useRef(false);
  const take = async (how: How) => {
    if (state.screen.kind !== 'confirm' || inFlight.current || !conn.office) return;
    const confirm = confirmModel(conn.office, state.screen.serviceId, state.priority, lang, now, estimates);
    if (!confirm) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    const ack = await store.send('ticket:issue', { serviceId: state.screen.serviceId, class: confirm.ticketClass, language: lang, idempotencyKey: state.screen.key });
    inFlight.current = false;
    setBusy(false);
    if (!ack.ok) {
      const code = ack.error.code;
      // No answer: the ticket may have been issued. Pressing again sends the same key, so it is the same ticket.
      const says: Record<string, string> = { issuing_closed: 'kiosk.error.closed', daily_cap_reached: 'kiosk.error.capped', range_exhausted: 'kiosk.error.capped', no_answer: 'kiosk.error.noAnswer' };
      setError(t(says[code] ?? 'kiosk.error.failed'));
      return;
    }
    dispatch({ type: 'issued', issued: ack.data, how });
    await deliver(ack.data, how);
  };

  // The ticket on paper as well, when asked for: the same after taking a number and after a check-in.
  const deliver = async (issued: IssueTicketResult, how: How) => {
    const trackingToken = issued.ticket.trackingToken;
    if (how === 'phone') return;
    if (!deps.shell || !trackingToken) {
      dispatch({ type: 'printed', ok: false });
      return void store.send('ticket:print-failed', { ticketId: issued.ticket.id, reason: 'no_printer' });
    }
    const printed: PrintResult = await deps.shell
      .printTicket(issued.ticket.id, trackingToken)
      .catch((e: unknown) => ({ ok: false, reason: 'printer_error', message: String(e) }) as const);
    dispatch({ type: 'printed', ok: printed.ok });
    // The supervisors hear of it at once (paper out?); the resident already has the number on screen.
    if (!printed.ok) void store.send('ticket:print-failed', { ticketId: issued.ticket.id, reason: printed.reason });
  };

  const checkIn = async (how: How) => {
    if (state.screen.kind !== 'checkin' || inFlight.current || !conn.office || !isComplete(state.screen.code)) return;
    const timeZone = conn.office.office.timeZone;
    inFlight.current = true;
    setBusy(true);
    const ack = await api.checkIn({ code: state.screen.code, language: lang, idempotencyKey: state.screen.key });
    inFlight.current = false;
    setBusy(false);
    const known = rules ?? DEFAULT_CHECK_IN_RULES;
    if (!ack.ok) return dispatch({ type: 'refused', refusal: refusalFor(ack.error, known, timeZone) });
    const { ticket, ahead, estimate } = ack.data;
    dispatch({ type: 'checked-in', issued: { ticket, ahead, estimate }, how, booking: bookingTicket(ack.data, known, timeZone) });
    await deliver({ ticket, ahead, estimate }, how);
  };

  if (conn.status === 'ended' && conn.endedBy === 'refused') return <RevokedScreen onNewToken={onNewToken} />;
  if (offline || !conn.office) return <OutOfService />;
  const office = conn.office;

  const screen = state.screen;
  if (screen.kind === 'ticket') {
    const { ticket, ahead } = screen.issued;
    const service = office.services[ticket.serviceId];
    // The QR code when the resident chose the phone, and when the paper did not come out: the
    // number and its link stay on screen to photograph.
    const withQr = screen.how !== 'print' || screen.print === 'failed';
    const link = withQr && ticket.trackingToken ? `${deps.origin}${eTicketPath(ticket.trackingToken)}` : null;
    return (
      <TicketScreen
        number={ticket.number}
        lineName={service ? localized(service.names, lang) : ''}
        ahead={ahead}
        link={link}
        print={screen.print}
        booking={screen.booking}
        onDone={() => dispatch({ type: 'reset' })}
      />
    );
  }
  const start = startModel(office, lang, now);
  if (start.office.kind !== 'open') return <ClosedScreen office={start.office} timeZone={office.office.timeZone} />;
  if (screen.kind === 'confirm') {
    const model = confirmModel(office, screen.serviceId, state.priority, lang, now, estimates);
    if (model && model.line.issuing.open) {
      return (
        <ConfirmScreen
          model={model}
          canPrint={deps.shell !== null}
          busy={busy}
          error={error}
          lang={lang}
          onLanguage={(l: Language) => dispatch({ type: 'language', lang: l })}
          onTake={(how) => void take(how)}
          onBack={() => dispatch({ type: 'back' })}
        />
      );
    }
    // The line stopped while the resident read: back to the start, where its button says why.
  }
  if (screen.kind === 'checkin') {
    return (
      <CheckInScreen
        code={screen.code}
        refusal={screen.refusal}
        canPrint={deps.shell !== null}
        camera={deps.camera ?? null}
        busy={busy}
        lang={lang}
        onLanguage={(l: Language) => dispatch({ type: 'language', lang: l })}
        onType={(text) => dispatch({ type: 'code-type', text })}
        onDelete={() => dispatch({ type: 'code-delete' })}
        onClear={() => dispatch({ type: 'code-clear' })}
        onScanned={(code) => dispatch({ type: 'code-scanned', code })}
        onTake={(how) => void checkIn(how)}
        onBack={() => dispatch({ type: 'back' })}
      />
    );
  }
  return (
    <StartScreen
      model={start}
      lang={lang}
      priority={state.priority}
      booking={rules?.offered ?? true}
      onLanguage={(l) => dispatch({ type: 'language', lang: l })}
      onPriority={(on) => dispatch({ type: 'priority', on })}
      onLine={(serviceId) => dispatch({ type: 'line', serviceId, key: newKey() })}
      onBooking={() => dispatch({ type: 'booking', key: newKey() })}
    />
  );
}

function PairScreen({ onPair }: { onPair: (token: string) => void }) {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!token.trim()) return setProblem(true);
    onPair(token.trim());
  };
  return (
    <main className="screen setup">
      <ScreenHeading>{t('kiosk.setup.title')}</ScreenHeading>
      <p>{t('kiosk.setup.intro')}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="device-token">{t('kiosk.setup.token')}</label>
        <input
          id="device-token"
          value={token}
          onChange={(e) => {
            setToken(e.target.value);
            setProblem(false);
          }}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={problem || undefined}
          aria-describedby={problem ? 'token-problem' : undefined}
        />
        {problem && (
          <p id="token-problem" role="alert" className="error">
            {t('kiosk.setup.empty')}
          </p>
        )}
        <button type="submit" className="primary">
          {t('kiosk.setup.pair')}
        </button>
      </form>
    </main>
  );
}

function RevokedScreen({ onNewToken }: { onNewToken: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="screen setup" role="alert">
      <ScreenHeading>{t('kiosk.revoked.title')}</ScreenHeading>
      <p>{t('kiosk.revoked.text')}</p>
      <button type="button" className="primary" onClick={onNewToken}>
        {t('kiosk.revoked.again')}
      </button>
    </main>
  );
}
