// The rating of a finished ticket: how satisfied the resident was (five large choices, as a native
// radio group so arrow keys and screen readers work as usual), an optional comment, send. Once sent,
// or given before (on this phone or another), a thank-you in its place.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RATING_COMMENT_MAX, type RatingBody } from '@jiaohao/shared/schemas';
import type { RateOutcome } from './api';

/** Best first, as Taiwanese satisfaction forms list them (非常滿意 … 非常不滿意). */
const SCORES = [5, 4, 3, 2, 1] as const;

const ERROR_KEY = { offline: 'eticket.rating.offline', failed: 'eticket.rating.failed' } as const;

export interface RatingBlockProps {
  /** The score the server holds for this ticket, or null when not rated. */
  readonly given: number | null;
  readonly onRate: (body: RatingBody) => Promise<RateOutcome>;
}

export function RatingBlock({ given, onRate }: RatingBlockProps) {
  const { t } = useTranslation();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<RateOutcome | null>(null);
  const [missingScore, setMissingScore] = useState(false);
  const thanksRef = useRef<HTMLDivElement>(null);

  const done = given !== null || outcome === 'rated' || outcome === 'already_rated';
  // The form the focus was in is gone: the thank-you takes it, so a keyboard or screen reader is not lost.
  const sentHere = outcome === 'rated' || outcome === 'already_rated';
  useEffect(() => {
    if (sentHere) thanksRef.current?.focus();
  }, [sentHere]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (score === null) {
      setMissingScore(true);
      return;
    }
    setBusy(true);
    const text = comment.trim();
    const result = await onRate(text ? { score, comment: text } : { score });
    setBusy(false);
    setOutcome(result);
  };

  if (done) {
    const shown = given ?? (outcome === 'rated' ? score : null);
    return (
      <section className="et-card et-rate et-rate-done" aria-labelledby="et-rate-title">
        <h2 id="et-rate-title">{t('eticket.rating.title')}</h2>
        <div ref={thanksRef} tabIndex={-1} role="status" className="et-rate-thanks">
          <p>{t(outcome === 'already_rated' ? 'eticket.rating.already' : 'eticket.rating.thanks')}</p>
          {shown !== null ? <p className="et-rate-given">{t('eticket.rating.given', { score: shown })}</p> : null}
        </div>
      </section>
    );
  }

  const error = outcome === 'offline' || outcome === 'failed' ? t(ERROR_KEY[outcome]) : missingScore && score === null ? t('eticket.rating.pick') : null;
  return (
    <section className="et-card et-rate" aria-labelledby="et-rate-title">
      <h2 id="et-rate-title">{t('eticket.rating.title')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="et-rate-scores">
          <legend>{t('eticket.rating.question')}</legend>
          <div className="et-rate-options">
            {SCORES.map((n) => {
              const word = t(`eticket.rating.${n}`);
              return (
                <label key={n} className="et-rate-option">
                  <input type="radio" name="et-rate-score" value={n} checked={score === n} onChange={() => setScore(n)} disabled={busy} />
                  {/* One name to hear ("4 – Satisfied"); the number and the word drawn apart are for the eye. */}
                  <span className="visually-hidden">{`${n} – ${word}`}</span>
                  <span className="et-rate-n" aria-hidden="true">
                    {n}
                  </span>
                  <span className="et-rate-word" aria-hidden="true">
                    {word}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        <label className="et-rate-label" htmlFor="et-rate-comment">
          {t('eticket.rating.comment.label')}
        </label>
        <textarea
          id="et-rate-comment"
          className="et-rate-comment"
          rows={3}
          maxLength={RATING_COMMENT_MAX}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-describedby="et-rate-hint"
          disabled={busy}
        />
        <p id="et-rate-hint" className="et-rate-hint">
          {t('eticket.rating.comment.hint', { max: RATING_COMMENT_MAX })}
        </p>
        {error ? (
          <p className="et-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="et-button et-sound" disabled={busy}>
          {busy ? t('eticket.rating.sending') : t('eticket.rating.send')}
        </button>
      </form>
    </section>
  );
}
