// A booking as its holder needs it at the office: the code very large, its QR code for the kiosk's
// scanner (only while it is still booked), the day, the time and the line; on the manage page its
// state too.
import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { toDataURL } from 'qrcode';
import type { BookingModel } from './model';

/** The QR code of `text` as an image (the kiosk reads the code itself from it). */
export function QrCode({ text, alt }: { text: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 240 }).then(
      (url) => alive && setSrc(url),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [text]);
  return src ? <img className="bk-qr" src={src} width={240} height={240} alt={alt} /> : <div className="bk-qr bk-qr-wait" />;
}

export interface BookingCardProps {
  readonly model: BookingModel;
  readonly title: string;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  /** The manage page shows the state; the success screen does not need to. */
  readonly showState: boolean;
  readonly children?: ReactNode;
}

export function BookingCard({ model, title, headingRef, showState, children }: BookingCardProps) {
  const { t } = useTranslation();
  return (
    <section className="bk-card bk-booking" data-state={model.state} aria-labelledby="bk-booking-title">
      <h1 id="bk-booking-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {showState ? (
        <p className="bk-state">
          <span className="visually-hidden">{t('book.state.label')}: </span>
          <span className="bk-state-badge" data-state={model.state}>
            {t(model.status.key)}
          </span>
        </p>
      ) : null}
      <p className="bk-code-label" id="bk-code-label">
        {t('book.code.label')}
      </p>
      <p className="bk-code" aria-describedby="bk-code-label" data-active={model.active}>
        {model.code}
      </p>
      {model.active ? <QrCode text={model.code} alt={t('book.qr.alt', { code: model.code })} /> : null}
      <dl className="bk-facts">
        <div>
          <dt>{t('book.detail.date')}</dt>
          <dd>{model.day}</dd>
        </div>
        <div>
          <dt>{t('book.detail.time')}</dt>
          <dd>{model.time}</dd>
        </div>
        <div>
          <dt>{t('book.detail.line')}</dt>
          <dd lang={model.line.lang}>{model.line.text}</dd>
        </div>
        <div>
          <dt>{t('book.detail.name')}</dt>
          <dd>{model.name}</dd>
        </div>
        <div>
          <dt>{t('book.detail.contact')}</dt>
          <dd>{model.contactHint}</dd>
        </div>
      </dl>
      {model.final ? <p className="bk-final">{t(model.final.key)}</p> : null}
      {children}
    </section>
  );
}

/** What to do on the day: check in at the kiosk from `early` minutes before; more than `late` late, an ordinary number. */
export function HowTo({ early, late }: { early: number; late: number }) {
  const { t } = useTranslation();
  return (
    <section className="bk-card bk-howto" aria-labelledby="bk-howto-title">
      <h2 id="bk-howto-title">{t('book.howto.title')}</h2>
      <p>{t('book.howto.checkIn', { early })}</p>
      <p>{t('book.howto.late', { late })}</p>
    </section>
  );
}
