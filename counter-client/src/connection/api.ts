// The few REST calls the socket does not cover: signing in and out, who is signed in, and reads
// that are not part of the office state. Same origin, with the session cookie; never a token.
import type { Ack, ErrorBody, Staff } from '@jiaohao/shared/schemas';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

async function call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) throw new ApiError(res.status, (json as { error?: ErrorBody } | null)?.error ?? null);
  return json as T;
}

export const api = {
  login: (username: string, password: string) => call<{ staff: Staff; expiresAt: string }>('POST', '/auth/login', { username, password }),
  logout: () => call<void>('POST', '/auth/logout'),
  me: () => call<{ staff: Staff }>('GET', '/auth/me'),
  get: <T,>(path: string) => call<T>('GET', path),
  post: <T,>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
  patch: <T,>(path: string, body: unknown) => call<T>('PATCH', path, body),
};

/**
 * A REST call's answer as a command's ack, so the admin forms and useAction put a REST refusal
 * in words the same way as a socket one. A lost connection is `not_connected` (nothing was done).
 */
export async function restAck<T>(request: Promise<T>): Promise<Ack<T> | { ok: false; error: { code: 'not_connected'; message: string } }> {
  try {
    return { ok: true, data: await request };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.body) return { ok: false, error: err.body };
    return err.status === 0 ? { ok: false, error: { code: 'not_connected', message: err.message } } : { ok: false, error: { code: 'internal', message: err.message } };
  }
}
