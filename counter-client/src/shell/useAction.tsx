// Every action says what happened: done in a status line, a refusal in words in an alert
// (errorText), next to the control that did it. The clerk panel and every floor panel use it.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientAck } from '@jiaohao/web';
import { errorText } from '../shell/errors';

export type Feedback = { readonly kind: 'done' | 'error'; readonly text: string } | null;

export interface Action {
  readonly busy: boolean;
  readonly feedback: Feedback;
  /** Sends, then shows `done(result)` or the refusal. Resolves true when it was done. */
  run<T>(send: () => Promise<ClientAck<T>>, done: (data: T) => string): Promise<boolean>;
  /** Shows a problem found before sending (a field left empty). */
  fail(text: string): void;
}

export function useAction(): Action {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const run = useCallback(
    async <T,>(send: () => Promise<ClientAck<T>>, done: (data: T) => string): Promise<boolean> => {
      setBusy(true);
      setFeedback(null);
      try {
        const ack = await send();
        setFeedback(ack.ok ? { kind: 'done', text: done(ack.data) } : { kind: 'error', text: errorText(t, ack.error) });
        return ack.ok;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  const fail = useCallback((text: string) => setFeedback({ kind: 'error', text }), []);
  return { busy, feedback, run, fail };
}

/** The two live regions of one panel: always in the page, so a screen reader hears what fills them. */
export function FeedbackLines({ feedback, className = 'floor-feedback' }: { feedback: Feedback; className?: string }) {
  return (
    <div className={className}>
      <div role="status" aria-live="polite">
        {feedback?.kind === 'done' && <p className="done">{feedback.text}</p>}
      </div>
      <div role="alert">{feedback?.kind === 'error' && <p className="error">{feedback.text}</p>}</div>
    </div>
  );
}
