// A failed read in the words the other views use: the refusal's sentence, or "not connected".
import type { TFunction } from 'i18next';
import { ApiError } from '../connection/api';
import { errorText } from '../shell/errors';

export function failure(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.body) return errorText(t, err.body);
    if (err.status === 0) return errorText(t, { code: 'not_connected', message: err.message });
  }
  return errorText(t, { code: 'other', message: err instanceof Error ? err.message : String(err) });
}
