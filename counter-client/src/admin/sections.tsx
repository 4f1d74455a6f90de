// How each admin section is laid out: its heading with an "add" button, a status line for what was
// just saved, the list, and an editor that takes the list's place while open (the list stays
// mounted, hidden, so the focus goes back to the button that opened the editor).
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../shell/errors';
import { apiError } from './forms';

export interface Editor {
  /** The id being edited, 'new', or null (the list is shown). */
  readonly editing: string | null;
  readonly saved: string | null;
  open(id: string): void;
  done(saved: string): void;
  cancel(): void;
  /** A ref for the button that opens `id`, to give the focus back to on close. */
  returnRef(id: string): (el: HTMLButtonElement | null) => void;
  say(text: string | null): void;
}

export function useEditor(): Editor {
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const back = useRef<string | null>(null);
  useEffect(() => {
    if (editing !== null || back.current === null) return;
    buttons.current.get(back.current)?.focus();
    back.current = null;
  }, [editing]);
  const returnRef = useCallback(
    (id: string) => (el: HTMLButtonElement | null) => {
      if (el) buttons.current.set(id, el);
      else buttons.current.delete(id);
    },
    [],
  );
  return {
    editing,
    saved,
    open(id) {
      setSaved(null);
      back.current = id;
      setEditing(id);
    },
    done(text) {
      setSaved(text);
      setEditing(null);
    },
    cancel() {
      setEditing(null);
    },
    returnRef,
    say: setSaved,
  };
}

export function SectionHead({ title, addLabel, onAdd, addRef }: { title: string; addLabel?: string; onAdd?: () => void; addRef?: (el: HTMLButtonElement | null) => void }) {
  return (
    <div className="section-head">
      <h3>{title}</h3>
      {addLabel && onAdd && (
        <button type="button" className="primary" ref={addRef} onClick={onAdd}>
          {addLabel}
        </button>
      )}
    </div>
  );
}

/** What was just done, said politely (present while empty, so it is announced when filled). */
export function Saved({ text }: { text: string | null }) {
  return (
    <p className={text ? 'done' : 'sr-empty'} role="status">
      {text ?? ''}
    </p>
  );
}

/** The editor's region: its heading takes the focus when it opens. */
export function EditorFrame({ title, children }: { title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="editor" aria-labelledby={id}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {children}
    </section>
  );
}

/** A list read over REST, read again on demand; null while the first read is under way. */
export function useList<T>(read: () => Promise<T[]>, sort: (list: readonly T[]) => T[]) {
  const { t } = useTranslation();
  const [list, setList] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The latest read and sort, without reading again each time the caller renders new closures.
  const how = useRef({ read, sort });
  how.current = { read, sort };
  const reload = useCallback(async () => {
    try {
      setList(how.current.sort(await how.current.read()));
      setError(null);
    } catch (err) {
      setError(t('admin.loadFailed', { reason: errorText(t, apiError(err)) }));
    }
  }, [t]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { list, error, reload };
}

/** While a useList read is under way, or after it failed (with a retry): what stands in the list's place. */
export function ListStatus({ list, error, reload }: { list: unknown[] | null; error: string | null; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <div role="alert" className="load-error">
        <p className="error">{error}</p>
        <button type="button" onClick={() => void reload()}>
          {t('admin.retry')}
        </button>
      </div>
    );
  }
  return list === null ? <p>{t('common.loading')}</p> : null;
}
