// The parts every admin form is drawn with: a labelled field with its hint and its error, the
// alert at the top of the form, and the hook that sends a command and puts a refusal beside the
// field it concerns (or at the top when it names none).
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import { LANGUAGES, type Language } from '@jiaohao/shared/schemas';
import type { ClientAck } from '@jiaohao/web';
import { errorText } from '../shell/errors';
import { refusalField, withoutPath, type ErrorLike, type Mapped, type Problems, type RefusalRules } from './forms';

interface Refusal {
  /** The field it concerns; null: the form as a whole. */
  readonly field: string | null;
  readonly text: string;
}

export interface AdminForm {
  readonly ref: RefObject<HTMLFormElement | null>;
  readonly busy: boolean;
  readonly problems: Problems;
  readonly refusal: Refusal | null;
  /** Something to say at the top that is no failure ("nothing changed"). */
  readonly notice: string | null;
  idOf(path: string): string;
  errorOf(path: string): string | null;
  /**
   * Sends the mapped payload (unless it has problems, or is null: nothing changed) and calls
   * `done` with the answer; a refusal is placed by the form's rules.
   */
  submit<P, R>(mapped: Mapped<P | null>, send: (payload: P) => Promise<ClientAck<R>>, done: (result: R) => void): Promise<void>;
  /** Shows a refusal that did not come from `submit` (a REST call). */
  refuse(error: ErrorLike): void;
  clear(): void;
}

export function useAdminForm(prefix: string, rules: RefusalRules): AdminForm {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped on every failed submit, so the focus moves to the field again even if it is the same one.
  const [attempt, setAttempt] = useState(0);
  const rulesRef = useRef(rules);
  rulesRef.current = rules;

  useEffect(() => {
    if (attempt === 0) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]')?.focus();
  }, [attempt]);

  const idOf = useCallback((path: string) => `${prefix}${path.replace(/[^A-Za-z0-9_-]/g, '-')}`, [prefix]);

  const refuse = useCallback(
    (error: ErrorLike) => {
      const field = refusalField(error, rulesRef.current);
      // A duplicate beside its field is said in the catalog's words ("this code is used by another line").
      const duplicate = error.code === 'conflict' && field ? `admin.conflict${field.replaceAll('/', '.')}` : null;
      const text = duplicate && i18n.exists(duplicate) ? t(duplicate) : errorText(t, field ? withoutPath(error) : error);
      setRefusal({ field, text });
      setAttempt((n) => n + 1);
    },
    [t, i18n],
  );

  const clear = useCallback(() => {
    setProblems({});
    setRefusal(null);
    setNotice(null);
  }, []);

  const submit = async <P, R>(mapped: Mapped<P | null>, send: (payload: P) => Promise<ClientAck<R>>, done: (result: R) => void) => {
    clear();
    if (!mapped.ok) {
      setProblems(mapped.problems);
      setAttempt((n) => n + 1);
      return;
    }
    if (mapped.value === null) {
      setNotice(t('admin.noChanges'));
      return;
    }
    setBusy(true);
    try {
      const ack = await send(mapped.value);
      if (ack.ok) done(ack.data);
      else refuse(ack.error);
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (path: string): string | null => {
    if (refusal?.field === path) return refusal.text;
    const p = problems[path];
    return p ? t(p.key, p.values) : null;
  };

  return { ref, busy, problems, refusal, notice, idOf, errorOf, submit, refuse, clear };
}

/** The error beside a field; the server's refusal is an alert, a problem found here is not. */
export function FieldError({ form, path }: { form: AdminForm; path: string }) {
  const text = form.errorOf(path);
  if (!text) return null;
  const isRefusal = form.refusal?.field === path;
  return (
    <p id={`${form.idOf(path)}-error`} className="error field-error" role={isRefusal ? 'alert' : undefined}>
      {text}
    </p>
  );
}

/** aria attributes that tie a control to its hint and its error. */
export function described(form: AdminForm, path: string, hint = false) {
  const error = form.errorOf(path) !== null;
  const ids = [hint ? `${form.idOf(path)}-hint` : '', error ? `${form.idOf(path)}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined };
}

/** The top of the form: a refusal that names no field, or the fields to fix, or a notice. */
export function FormAlert({ form }: { form: AdminForm }) {
  const { t } = useTranslation();
  const top = form.refusal && form.refusal.field === null ? form.refusal.text : null;
  const count = Object.keys(form.problems).length;
  return (
    <>
      {(top || count > 0) && (
        <div className="form-alert" role="alert">
          {top && <p className="error">{top}</p>}
          {count > 0 && <p className="error">{t('admin.fixFields', { count })}</p>}
        </div>
      )}
      {form.notice && (
        <p className="notice" role="status">
          {form.notice}
        </p>
      )}
    </>
  );
}

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'form'>;

/** A labelled text (or number, time, password) field with its hint and error. */
export function Field({
  form,
  path,
  label,
  value,
  onChange,
  hint,
  className,
  labelHidden,
  ...input
}: { form: AdminForm; path: string; label: ReactNode; value: string; onChange: (v: string) => void; hint?: ReactNode; className?: string; labelHidden?: boolean } & InputProps) {
  const id = form.idOf(path);
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id} className={labelHidden ? 'sr-only' : undefined}>
        {label}
      </label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} {...described(form, path, hint !== undefined)} {...input} />
      <Hint id={id} hint={hint} />
      <FieldError form={form} path={path} />
    </div>
  );
}

/** The line under a field that `described(…, hint = true)` points at. */
function Hint({ id, hint }: { id: string; hint: ReactNode | undefined }) {
  return hint === undefined ? null : (
    <p id={`${id}-hint`} className="hint">
      {hint}
    </p>
  );
}

/** A labelled multi-line field. */
export function TextArea({
  form,
  path,
  label,
  value,
  onChange,
  hint,
  lang,
  rows = 4,
}: { form: AdminForm; path: string; label: ReactNode; value: string; onChange: (v: string) => void; hint?: ReactNode; lang?: string; rows?: number }) {
  const id = form.idOf(path);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} value={value} rows={rows} lang={lang} onChange={(e) => onChange(e.target.value)} {...described(form, path, hint !== undefined)} />
      <Hint id={id} hint={hint} />
      <FieldError form={form} path={path} />
    </div>
  );
}

/** A labelled drop-down. */
export function Select<V extends string>({
  form,
  path,
  label,
  value,
  onChange,
  options,
  labelHidden,
}: { form: AdminForm; path: string; label: ReactNode; value: V; onChange: (v: V) => void; options: readonly { value: V; label: string }[]; labelHidden?: boolean }) {
  const id = form.idOf(path);
  return (
    <div className="field">
      <label htmlFor={id} className={labelHidden ? 'sr-only' : undefined}>
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V)} {...described(form, path)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError form={form} path={path} />
    </div>
  );
}

/** A checkbox with its label beside it. */
export function Check({ form, path, label, checked, onChange }: { form: AdminForm; path: string; label: ReactNode; checked: boolean; onChange: (v: boolean) => void }) {
  const id = form.idOf(path);
  return (
    <div className="field field-check">
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} {...described(form, path)} />
        {label}
      </label>
      <FieldError form={form} path={path} />
    </div>
  );
}

/** A fieldset whose legend names the group, with the group's own error (e.g. "choose at least one"). */
export function Group({
  form,
  path,
  legend,
  children,
  className,
  legendHidden,
}: { form: AdminForm; path?: string; legend: ReactNode; children: ReactNode; className?: string; legendHidden?: boolean }) {
  const error = path ? form.errorOf(path) : null;
  return (
    // A group cannot be aria-invalid; it is marked for the focus to go to it, and tells its error.
    <fieldset
      className={`group ${className ?? ''}`}
      aria-describedby={error && path ? `${form.idOf(path)}-error` : undefined}
      data-invalid={error ? 'true' : undefined}
      tabIndex={error ? -1 : undefined}
    >
      <legend className={legendHidden ? 'sr-only' : undefined}>{legend}</legend>
      {children}
      {path && <FieldError form={form} path={path} />}
    </fieldset>
  );
}

/** Names in every language; Traditional Chinese is required. */
export function NamesGroup({ form, names, onChange, legend }: { form: AdminForm; names: Readonly<Record<Language, string>>; onChange: (l: Language, v: string) => void; legend?: string }) {
  const { t } = useTranslation();
  return (
    <Group form={form} legend={legend ?? t('admin.names.legend')}>
      {LANGUAGES.map((l) => (
        <Field
          key={l}
          form={form}
          path={`/names/${l}`}
          label={`${t('admin.field.name', { language: LANGUAGE_NAMES[l] })}${l === 'zh-TW' ? t('admin.requiredMark') : ''}`}
          lang={LANGUAGE_TAGS[l]}
          value={names[l]}
          onChange={(v) => onChange(l, v)}
          aria-required={l === 'zh-TW'}
          autoComplete="off"
        />
      ))}
    </Group>
  );
}
