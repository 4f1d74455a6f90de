// What every admin form shares, as pure functions: checking a field against its schema in shared/
// (so the limits are the server's own), and placing a refusal beside the field it concerns.
// Fields are named by their JSON pointer in the command's payload ('/numbering/start'), the same
// path the server's validation names, so a refusal finds its field without a lookup table.
import type { TInteger, TString } from '@sinclair/typebox';
import { ApiError } from '../connection/api';

/** A problem found before sending: a catalog key and its values. */
export interface Problem {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}
export type Problems = Readonly<Record<string, Problem>>;

/** A form turned into a payload, or the fields that stop it. */
export type Mapped<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: Problems };

export interface ErrorLike {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

export const isWhole = (text: string): boolean => /^-?\d+$/.test(text.trim());

/** Collects problems while a form is read; `result` gives the payload only when there are none. */
export class Checker {
  private readonly found: Record<string, Problem> = {};

  add(path: string, problem: Problem): void {
    this.found[path] ??= problem;
  }

  /** A whole number within the schema's bounds, or null (with a problem). */
  int(path: string, text: string, schema: TInteger): number | null {
    const min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
    const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
    const value = Number(text.trim());
    if (!isWhole(text) || value < min || value > max) {
      this.add(path, { key: 'admin.problem.between', values: { min, max } });
      return null;
    }
    return value;
  }

  /** A string as the schema wants it (trimmed), or null (with a problem). */
  text(path: string, raw: string, schema: TString, { required = (schema.minLength ?? 0) > 0 } = {}): string | null {
    const value = raw.trim();
    if (value === '') {
      if (required) this.add(path, { key: 'admin.problem.required' });
      return required ? null : value;
    }
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      this.add(path, { key: 'admin.problem.tooShort', values: { min: schema.minLength } });
      return null;
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      this.add(path, { key: 'admin.problem.tooLong', values: { max: schema.maxLength } });
      return null;
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
      this.add(path, { key: 'admin.problem.pattern' });
      return null;
    }
    return value;
  }

  get problems(): Problems {
    return this.found;
  }

  result<T>(build: () => T): Mapped<T> {
    return Object.keys(this.found).length > 0 ? { ok: false, problems: this.found } : { ok: true, value: build() };
  }
}

/** The path a validation refusal names: in its details (REST) or at the start of its message (socket). */
export function refusedPath(error: ErrorLike): string | null {
  const details = error.details;
  const first = Array.isArray(details) ? (details[0] as unknown) : details;
  if (first && typeof first === 'object' && typeof (first as { path?: unknown }).path === 'string') {
    return (first as { path: string }).path;
  }
  const m = /^(\/[^\s:]*):/.exec(error.message);
  return m ? m[1]! : null;
}

/** The known field a path falls in: itself, or the nearest field above it ('/documents/en/3' → '/documents/en'). */
export function nearestField(path: string, fields: readonly string[]): string | null {
  const parts = path.split('/');
  for (let n = parts.length; n > 1; n--) {
    const candidate = parts.slice(0, n).join('/');
    if (fields.includes(candidate)) return candidate;
  }
  return null;
}

export interface RefusalRules {
  /** Every field of the form, by path. */
  readonly fields: readonly string[];
  /** Where an invalid_range refusal goes (the number ranges), if the form has ranges. */
  readonly rangeField?: string;
  /** Which field a conflict (a duplicate) concerns, from its message. */
  readonly conflictField?: (message: string) => string | null;
  /** Which field a refusal without a path concerns, from its message (the server's own checks). */
  readonly messageField?: (error: ErrorLike) => string | null;
}

/** The field a refusal belongs beside, or null for the top of the form. */
export function refusalField(error: ErrorLike, rules: RefusalRules): string | null {
  if (error.code === 'validation_failed') {
    const path = refusedPath(error);
    const field = path ? nearestField(path, rules.fields) : null;
    return field ?? rules.messageField?.(error) ?? null;
  }
  if (error.code === 'invalid_range') return rules.rangeField ?? null;
  if (error.code === 'conflict') {
    // The server names the field in details ({ path }); older servers only in the words.
    const path = refusedPath(error);
    return (path ? nearestField(path, rules.fields) : null) ?? rules.conflictField?.(error.message) ?? null;
  }
  return null;
}

/** The message without the path the socket puts in front of it (the field already says where). */
export const withoutPath = (error: ErrorLike): ErrorLike => ({ ...error, message: error.message.replace(/^\/[^\s:]*:\s*/, '') });

/** A REST failure as the error of an ack, for errorText. */
export function apiError(err: unknown): ErrorLike {
  if (err instanceof ApiError) {
    if (err.body) return err.body;
    return { code: err.status === 0 ? 'not_connected' : 'other', message: `HTTP ${err.status}` };
  }
  return { code: 'other', message: err instanceof Error ? err.message : String(err) };
}

/** JSON with object keys sorted, so two equal values compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The fields whose values differ, as a patch; null when nothing changed. */
export function changed<T extends object>(next: T, before: Partial<T>): Partial<T> | null {
  const patch: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (stableJson(next[key]) !== stableJson(before[key])) patch[key] = next[key];
  }
  return Object.keys(patch).length > 0 ? patch : null;
}
