// The kiosk's screens, drawn from the pure models (model.ts, flow.ts). Big targets (64 px and up),
// high contrast, one task per screen, every control named for a screen reader.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toDataURL } from 'qrcode';
import { LANGUAGE_NAMES, LANGUAGE_TAGS, localized } from '@jiaohao/shared/i18n';
import type { Language } from '@jiaohao/shared/schemas';
import type { ConfirmModel, LineChoice, OfficeOpen, StartModel } from './model';
import { formatOpening } from './model';
import type { How, PrintState } from './flow';
import { CODE_ALPHABET, CODE_LENGTH, formatTyped, isComplete, type BookingTicket, type Refusal } from './checkin';
import { startScanning, type Camera } from './camera';
import { Icon } from './Icon';
import { KIOSK_LANGUAGES, useEveryLanguage } from './i18n';

/**
 * A screen's title, which takes the focus when the screen appears: a screen reader then reads
 * where the resident is now, and the next Tab starts from the top of the new screen, not from
 * the page's body (the button just pressed is gone).
 */
export function ScreenHeading({ id, className, children }: { id?: string; className?: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h1 id={id} className={className} ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function LanguageBar({ lang, onChoose }: { lang: Language; onChoose: (lang: Language) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="languages" aria-label={t('kiosk.language')}>
      {KIOSK_LANGUAGES.map((l) => (
        <button key={l} type="button" lang={LANGUAGE_TAGS[l]} aria-pressed={l === lang} onClick={() => onChoose(l)}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </nav>
  );
}

export interface StartProps {
  readonly model: StartModel;
  readonly lang: Language;
  readonly priority: boolean;
  /** Whether the office offers check-in (我有預約) now: off when it takes no bookings and none waits today. */
  readonly booking: boolean;
  readonly onLanguage: (lang: Language) => void;
  readonly onPriority: (on: boolean) => void;
  readonly onLine: (serviceId: string) => void;
  readonly onBooking: () => void;
}

export function StartScreen({ model, lang, priority, booking, onLanguage, onPriority, onLine, onBooking }: StartProps) {
  const { t } = useTranslation();
  return (
    <div className="screen start">
      <header className="kiosk-header">
        <ScreenHeading>
          <span className="office-name">{model.officeName}</span>
          <span className="welcome">{t('kiosk.welcome')}</span>
        </ScreenHeading>
        <LanguageBar lang={lang} onChoose={onLanguage} />
      </header>
      <main>
        {booking && (
          <button type="button" className="booking-entry" onClick={onBooking}>
            <Icon name="appointment" />
            <span className="line-text">
              <span className="line-name">{t('kiosk.booking.entry')}</span>
              <span className="line-summary">{t('kiosk.booking.entryHint')}</span>
            </span>
            <span className="booking-arrow" aria-hidden="true">
              ›
            </span>
          </button>
        )}
        <section className="priority" aria-labelledby="priority-title">
          <h2 id="priority-title">{t('kiosk.priority.title')}</h2>
          <p>{t('kiosk.priority.explain')}</p>
          <button type="button" className="priority-toggle" aria-pressed={priority} onClick={() => onPriority(!priority)}>
            <span className="check" aria-hidden="true">
              {priority ? '✓' : ''}
            </span>
            {t('kiosk.priority.ask')}
          </button>
        </section>
        <section aria-labelledby="lines-title">
          <h2 id="lines-title" className="visually-hidden">
            {t('kiosk.lines')}
          </h2>
          <ul className="line-grid">
            {model.lines.map((line) => (
              <li key={line.id}>
                <LineButton line={line} onChoose={() => onLine(line.id)} />
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}

function LineButton({ line, onChoose }: { line: LineChoice; onChoose: () => void }) {
  const { t } = useTranslation();
  const closed = !line.issuing.open;
  const reasonId = `line-${line.id}-state`;
  return (
    <button type="button" className={`line${closed ? ' line-closed' : ''}`} onClick={onChoose} disabled={closed} aria-describedby={reasonId}>
      <Icon name={line.icon} />
      <span className="line-text">
        <span className="line-name">{line.name}</span>
        {line.summary && <span className="line-summary">{line.summary}</span>}
      </span>
      <span id={reasonId} className="line-state">
        {closed ? t(`kiosk.closed.${line.issuing.reason ?? 'other'}`) : t('kiosk.waiting', { count: line.waiting })}
      </span>
    </button>
  );
}

export interface ConfirmProps {
  readonly model: ConfirmModel;
  readonly canPrint: boolean;
  readonly busy: boolean;
  readonly error: string | null;
  readonly lang: Language;
  readonly onLanguage: (lang: Language) => void;
  readonly onTake: (how: How) => void;
  readonly onBack: () => void;
}

export function ConfirmScreen({ model, canPrint, busy, error, lang, onLanguage, onTake, onBack }: ConfirmProps) {
  const { t } = useTranslation();
  const { estimate } = model;
  // Until the server's range arrives (a few ms) the line keeps its place, empty, so nothing jumps.
  const wait =
    estimate === 'pending'
      ? '\u00a0'
      : estimate === null
        ? t('kiosk.confirm.waitUnknown')
        : estimate.min === 0 && model.ahead === 0
          ? t('kiosk.confirm.waitNone')
          : t('kiosk.confirm.wait', estimate);
  return (
    <div className="screen confirm">
      <header className="kiosk-header">
        <ScreenHeading>
          <span className="welcome">{t('kiosk.confirm.title')}</span>
          <span className="office-name">{model.line.name}</span>
        </ScreenHeading>
        <LanguageBar lang={lang} onChoose={onLanguage} />
      </header>
      <main>
        <div className="facts">
          {model.ticketClass === 'priority' && <p className="badge">{t('kiosk.confirm.priority')}</p>}
          {model.priorityRefused && <p className="note">{t('kiosk.priority.notHere')}</p>}
          <p className="ahead">{t('kiosk.confirm.ahead', { count: model.ahead })}</p>
          <p className="wait" aria-busy={estimate === 'pending'}>
            {wait}
          </p>
        </div>
        <section className="documents" aria-labelledby="documents-title">
          <h2 id="documents-title">{t('kiosk.documents')}</h2>
          {model.documents.length === 0 ? (
            <p>{t('kiosk.documents.none')}</p>
          ) : (
            <ul>
              {model.documents.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </section>
        <section className="how" aria-labelledby="how-title">
          <h2 id="how-title">{t('kiosk.how')}</h2>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {busy && (
            <p className="busy" role="status">
              {t('kiosk.issuing')}
            </p>
          )}
          <HowButtons canPrint={canPrint} disabled={busy} onTake={onTake} />
        </section>
        <button type="button" className="back" onClick={onBack} disabled={busy}>
          {t('kiosk.back')}
        </button>
      </main>
    </div>
  );
}

/** How the resident takes the number: on the phone, always; printed too where there is a printer. */
function HowButtons({ canPrint, disabled, onTake }: { canPrint: boolean; disabled: boolean; onTake: (how: How) => void }) {
  const { t } = useTranslation();
  return (
    <div className="how-buttons">
      <button type="button" className="take take-phone" disabled={disabled} onClick={() => onTake('phone')} aria-describedby="phone-hint">
        {t('kiosk.how.phone')}
        <span id="phone-hint" className="hint">
          {t('kiosk.how.phone.hint')}
        </span>
      </button>
      {canPrint && (
        <>
          <button type="button" className="take" disabled={disabled} onClick={() => onTake('print')}>
            {t('kiosk.how.print')}
          </button>
          <button type="button" className="take" disabled={disabled} onClick={() => onTake('both')}>
            {t('kiosk.how.both')}
          </button>
        </>
      )}
    </div>
  );
}

export interface CheckInProps {
  /** The code typed so far, without the dash. */
  readonly code: string;
  readonly refusal: Refusal | null;
  readonly canPrint: boolean;
  /** The kiosk's camera, where it has one (camera.ts); null: the keypad only. */
  readonly camera: Camera | null;
  readonly busy: boolean;
  readonly lang: Language;
  readonly onLanguage: (lang: Language) => void;
  readonly onType: (text: string) => void;
  readonly onDelete: () => void;
  readonly onClear: () => void;
  readonly onScanned: (code: string) => void;
  readonly onTake: (how: How) => void;
  readonly onBack: () => void;
}

const KEY_ROWS = [0, 8, 16, 24].map((at) => [...CODE_ALPHABET.slice(at, at + 8)]);

/** What the resident is told when the check-in gave no ticket. */
function refusalText(t: ReturnType<typeof useTranslation>['t'], refusal: Refusal): string[] {
  switch (refusal.kind) {
    case 'not_found':
      return [t('kiosk.checkin.notFound')];
    case 'not_active':
      return [refusal.date ? t('kiosk.checkin.otherDay', { date: refusal.date }) : t('kiosk.checkin.notActive')];
    case 'too_early':
      // Without a time to name, the server's own words say from when.
      return refusal.from ? [t('kiosk.checkin.tooEarly', { time: refusal.from })] : [t('kiosk.checkin.tooEarlyLater'), refusal.message];
    case 'failed':
      return [t('kiosk.checkin.failed')];
  }
}

export function CheckInScreen(props: CheckInProps) {
  const { code, refusal, canPrint, camera, busy, lang, onLanguage, onType, onDelete, onClear, onScanned, onTake, onBack } = props;
  const { t } = useTranslation();
  const complete = isComplete(code);
  const [scanned, setScanned] = useState<string | null>(null);
  // A keyboard or a barcode scanner that types, wherever the focus is; the keypad's own keys
  // (Enter, Space on a focused button) stay theirs.
  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      const p = latest.current;
      const onButton = e.target instanceof HTMLButtonElement;
      if (e.key === 'Backspace') p.onDelete();
      else if (e.key === 'Escape') p.onClear();
      // A scanner ends with Enter: with one way to take the number, that is the check-in.
      else if (e.key === 'Enter' && !onButton && isComplete(p.code) && !p.canPrint && !p.busy) p.onTake('phone');
      else if (e.key.length === 1 && e.key !== ' ') p.onType(e.key);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const shown = formatTyped(code);
  const rest = formatTyped(code.padEnd(CODE_LENGTH, '•')).slice(shown.length);
  return (
    <div className="screen checkin">
      <header className="kiosk-header">
        <ScreenHeading>
          <span className="office-name">{t('kiosk.checkin.title')}</span>
        </ScreenHeading>
        <LanguageBar lang={lang} onChoose={onLanguage} />
      </header>
      <main>
        <div className="code-entry">
          <p className="intro">{t('kiosk.checkin.intro')}</p>
          <label id="code-label" htmlFor="booking-code" className="code-label">
            {t('kiosk.checkin.code')}
          </label>
          <output id="booking-code" className="code-display" aria-live="polite">
            <span className="code-typed">{shown}</span>
            {code === '' && <span className="visually-hidden">{t('kiosk.checkin.codeEmpty')}</span>}
            <span className="code-rest" aria-hidden="true">
              {rest}
            </span>
          </output>
          <div className="keypad" role="group" aria-label={t('kiosk.checkin.keypad')}>
            {KEY_ROWS.map((row) => (
              <div className="keypad-row" key={row[0]}>
                {row.map((c) => (
                  <button key={c} type="button" className="key" disabled={complete || busy} onClick={() => onType(c)}>
                    {c}
                  </button>
                ))}
              </div>
            ))}
            <div className="keypad-row keypad-edit">
              <button type="button" className="key key-edit" disabled={code === '' || busy} onClick={onDelete} aria-label={t('kiosk.checkin.deleteName')}>
                ⌫ {t('kiosk.checkin.delete')}
              </button>
              <button type="button" className="key key-edit" disabled={code === '' || busy} onClick={onClear} aria-label={t('kiosk.checkin.clearName')}>
                {t('kiosk.checkin.clear')}
              </button>
            </div>
          </div>
        </div>
        <div className="checkin-side">
          {camera && (
            <CameraScan
              camera={camera}
              onCode={(c) => {
                setScanned(c);
                onScanned(c);
              }}
            />
          )}
          <section className="how" aria-labelledby="how-title">
            <h2 id="how-title">{t('kiosk.how')}</h2>
            {refusal && (
              <div className="error" role="alert">
                {refusalText(t, refusal).map((line) => (
                  <p key={line}>{line}</p>
                ))}
              </div>
            )}
            {scanned === code && complete && !refusal && (
              <p className="busy" role="status">
                {t('kiosk.checkin.scanned', { code: formatTyped(code) })}
              </p>
            )}
            {busy && (
              <p className="busy" role="status">
                {t('kiosk.checkin.sending')}
              </p>
            )}
            {!complete && <p className="note">{t('kiosk.checkin.need')}</p>}
            <HowButtons canPrint={canPrint} disabled={busy || !complete} onTake={onTake} />
          </section>
        </div>
        <button type="button" className="back" onClick={onBack} disabled={busy}>
          {t('kiosk.back')}
        </button>
      </main>
    </div>
  );
}

/** The camera's part of the check-in screen: shown only once the camera runs; off when the screen goes. */
function CameraScan({ camera, onCode }: { camera: Camera; onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [on, setOn] = useState(false);
  const hear = useRef(onCode);
  hear.current = onCode;
  useEffect(() => {
    let alive = true;
    let stop: (() => void) | null = null;
    const element = video.current;
    if (!element) return;
    void startScanning(camera, element, (code) => hear.current(code)).then((s) => {
      if (!alive) return s?.();
      stop = s;
      setOn(s !== null);
    });
    return () => {
      alive = false;
      stop?.();
    };
  }, [camera]);
  return (
    <section className="scan" aria-labelledby="scan-title" hidden={!on}>
      <h2 id="scan-title">{t('kiosk.checkin.scanTitle')}</h2>
      <p>{t('kiosk.checkin.scanHint')}</p>
      <video ref={video} muted playsInline aria-hidden="true" />
    </section>
  );
}

export interface TicketProps {
  readonly number: string;
  readonly lineName: string;
  readonly ahead: number;
  readonly link: string | null;
  readonly print: PrintState;
  /** A booking checked in: its slot, and whether it came too late for it. */
  readonly booking?: BookingTicket;
  readonly onDone: () => void;
}

export function TicketScreen({ number, lineName, ahead, link, print, booking, onDone }: TicketProps) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (!link) return;
    let alive = true;
    toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 360 }).then(
      (url) => alive && setQr(url),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [link]);
  return (
    <div className="screen ticket">
      <main>
        <ScreenHeading className="ticket-title">{t('kiosk.ticket.title')}</ScreenHeading>
        <p className="ticket-number">{number}</p>
        <p className="ticket-line">{lineName}</p>
        {booking && (
          <>
            <p className="ticket-booking">{t('kiosk.ticket.booking', { time: booking.slot })}</p>
            <p className={booking.late ? 'late-note' : 'hint'}>{booking.late ? t('kiosk.ticket.late', { minutes: booking.lateMinutes }) : t('kiosk.ticket.onTime')}</p>
          </>
        )}
        <p className="ahead">{t('kiosk.confirm.ahead', { count: ahead })}</p>
        {link && (
          <figure className="qr">
            {qr ? <img src={qr} width={360} height={360} alt={t('kiosk.ticket.qrAlt', { number })} /> : <div className="qr-placeholder" />}
            <figcaption>{t('kiosk.ticket.scan')}</figcaption>
          </figure>
        )}
        <div role="status" className={`print print-${print}`}>
          {print === 'printing' && t('kiosk.ticket.printing')}
          {print === 'printed' && t('kiosk.ticket.printed')}
        </div>
        {print === 'failed' && (
          <p role="alert" className="print-problem">
            {t('kiosk.ticket.printFailed')}
          </p>
        )}
        <p className="hint">{t('kiosk.ticket.wait')}</p>
        <button type="button" className="primary done" onClick={onDone}>
          {t('kiosk.ticket.done')}
        </button>
      </main>
    </div>
  );
}

/** Every language at once: the screen cannot know whose eyes are on it. */
function EveryLanguage({ title, text }: { title: string; text: (t: ReturnType<typeof useEveryLanguage>[number]['t'], lang: Language) => string }) {
  const all = useEveryLanguage();
  return (
    <ul className="every-language">
      {all.map(({ lang, tag, t }) => (
        <li key={lang} lang={tag}>
          <h2>{t(title)}</h2>
          <p>{text(t, lang)}</p>
        </li>
      ))}
    </ul>
  );
}

export function OutOfService() {
  const { t } = useTranslation();
  return (
    <main className="screen every" role="alert" aria-labelledby="offline-title">
      <ScreenHeading id="offline-title" className="visually-hidden">
        {t('kiosk.offline.title')}
      </ScreenHeading>
      <EveryLanguage title="kiosk.offline.title" text={(tt) => tt('kiosk.offline.text')} />
    </main>
  );
}

export function ClosedScreen({ office, timeZone }: { office: Exclude<OfficeOpen, { kind: 'open' }>; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <main className="screen every" aria-labelledby="closed-title">
      <ScreenHeading id="closed-title" className="visually-hidden">
        {t('kiosk.closedOffice.title')}
      </ScreenHeading>
      <EveryLanguage
        title="kiosk.closedOffice.title"
        text={(tt, lang) =>
          office.kind === 'closure'
            ? tt('kiosk.closedOffice.closure', { reason: localized(office.reason, lang) })
            : office.opensAt === null
              ? tt('kiosk.closedOffice.unknown')
              : tt('kiosk.closedOffice.opens', { when: formatOpening(office.opensAt, LANGUAGE_TAGS[lang], timeZone) })
        }
      />
    </main>
  );
}
