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
  readonly onLanguage: (lang: Language) => void;
  readonly onPriority: (on: boolean) => void;
  readonly onLine: (serviceId: string) => void;
}

export function StartScreen({ model, lang, priority, onLanguage, onPriority, onLine }: StartProps) {
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
  const wait =
    estimate === null ? t('kiosk.confirm.waitUnknown') : estimate.min === 0 && model.ahead === 0 ? t('kiosk.confirm.waitNone') : t('kiosk.confirm.wait', estimate);
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
          <p className="wait">{wait}</p>
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
          <div className="how-buttons">
            <button type="button" className="take take-phone" disabled={busy} onClick={() => onTake('phone')} aria-describedby="phone-hint">
              {t('kiosk.how.phone')}
              <span id="phone-hint" className="hint">
                {t('kiosk.how.phone.hint')}
              </span>
            </button>
            {canPrint && (
              <>
                <button type="button" className="take" disabled={busy} onClick={() => onTake('print')}>
                  {t('kiosk.how.print')}
                </button>
                <button type="button" className="take" disabled={busy} onClick={() => onTake('both')}>
                  {t('kiosk.how.both')}
                </button>
              </>
            )}
          </div>
        </section>
        <button type="button" className="back" onClick={onBack} disabled={busy}>
          {t('kiosk.back')}
        </button>
      </main>
    </div>
  );
}

export interface TicketProps {
  readonly number: string;
  readonly lineName: string;
  readonly ahead: number;
  readonly link: string | null;
  readonly print: PrintState;
  readonly onDone: () => void;
}

export function TicketScreen({ number, lineName, ahead, link, print, onDone }: TicketProps) {
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
