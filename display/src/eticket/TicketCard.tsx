// The ticket as the resident sees it: the number very large, the line, the state; while waiting the
// people ahead and the wait; once called the counter to go to; at the end what became of it.
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ETicketModel, Phrase } from './model';

export function TicketCard({ model, headingRef }: { model: ETicketModel; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  const say = (p: Phrase) => t(p.key, p.values);
  return (
    <section className="et-card" data-phase={model.phase} aria-labelledby="et-title">
      <h1 id="et-title" ref={headingRef} tabIndex={-1}>
        {t('eticket.title')}
      </h1>
      <p className="et-number-label">{t('eticket.number.label')}</p>
      <p className="et-number">{model.number}</p>
      <p className="et-service">
        <span className="visually-hidden">{t('eticket.line.label')}: </span>
        <span lang={model.service.lang}>{model.service.text}</span>
      </p>
      <p className="et-state">
        <span className="et-state-badge" data-state={model.state}>
          {say(model.status)}
        </span>
        {model.badge ? <span className="et-class-badge">{say(model.badge)}</span> : null}
      </p>

      {model.ahead && model.wait ? (
        <dl className="et-facts">
          <div>
            <dt>{t('eticket.ahead.label')}</dt>
            <dd className={model.aheadCount === 0 ? 'et-next' : undefined}>{say(model.ahead)}</dd>
          </div>
          <div>
            <dt>{t('eticket.wait.label')}</dt>
            <dd className={model.wait.key === 'eticket.wait.unknown' ? 'et-unknown' : undefined}>{say(model.wait)}</dd>
          </div>
        </dl>
      ) : null}

      {model.counter ? (
        <div className="et-goto">
          <p className="et-goto-text">
            {model.phase === 'serving' ? t('eticket.serving.text', { counter: model.counter.number }) : t('eticket.goTo', { counter: model.counter.number })}
          </p>
          <p className="et-counter-name" lang={model.counter.name.lang}>
            {model.counter.name.text}
          </p>
        </div>
      ) : null}

      {model.final ? (
        <div className="et-final">
          <h2>{say(model.final.title)}</h2>
          <p>{say(model.final.text)}</p>
        </div>
      ) : null}

      <p className="et-times">
        {model.waited ? <span>{say(model.waited)}</span> : null}
        <span>{say(model.issued)}</span>
      </p>
    </section>
  );
}
