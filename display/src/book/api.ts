// What the booking pages ask the server (/tmp contract: the appointments API): the office's names and
// clock (GET /public/status), the offer, a day's slots, booking, a booking by its manage token and
// cancelling it. No login and no cookies: the manage token is the resident's only authority, and
// never a staff session of someone who also works here. Every answer becomes an outcome the page can
// put in words; nothing here throws.
import type { Appointment, BookBody, Booked, BookingOffer, PublicStatus, Slot } from '@jiaohao/shared/schemas';
import type { OfficeInfo, Refusal } from './model';

export type Loaded<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly reason: 'not_found' | 'offline' | 'failed' };
export type BookOutcome = { readonly ok: true; readonly booked: Booked } | { readonly ok: false; readonly refusal: Refusal };
export type CancelOutcome = { readonly ok: true; readonly appointment: Appointment } | { readonly ok: false; readonly reason: 'not_active' | 'offline' | 'failed' };

export interface BookApi {
  office(): Promise<Loaded<OfficeInfo>>;
  offer(): Promise<Loaded<BookingOffer>>;
  slots(serviceId: string, date: string): Promise<Loaded<readonly Slot[]>>;
  book(body: BookBody): Promise<BookOutcome>;
  appointment(manageToken: string): Promise<Loaded<Appointment>>;
  cancel(manageToken: string): Promise<CancelOutcome>;
}

const BASE = '/api/v1/public';

async function errorCodeOf(res: Response): Promise<string | null> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : null;
  } catch {
    return null;
  }
}

const REFUSALS: readonly Refusal[] = ['slot_full', 'already_booked', 'booking_closed'];

export function httpApi(fetchFn: typeof fetch = (...args) => fetch(...args)): BookApi {
  const send = async (path: string, init?: { method: 'POST'; body?: unknown }): Promise<Response | null> => {
    try {
      return await fetchFn(`${BASE}${path}`, {
        method: init?.method ?? 'GET',
        headers: init?.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        ...(init?.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      return null;
    }
  };
  async function load<T>(path: string, pick: (body: unknown) => T): Promise<Loaded<T>> {
    const res = await send(path);
    if (!res) return { ok: false, reason: 'offline' };
    if (res.status === 404) return { ok: false, reason: 'not_found' };
    if (!res.ok) return { ok: false, reason: 'failed' };
    try {
      return { ok: true, data: pick(await res.json()) };
    } catch {
      return { ok: false, reason: 'failed' };
    }
  }
  return {
    office: () =>
      load('/status', (body) => {
        const status = body as PublicStatus;
        return { names: status.office.names, timeZone: status.office.timeZone, lines: Object.fromEntries(status.services.map((s) => [s.id, s.names])) };
      }),
    offer: () => load('/booking', (body) => body as BookingOffer),
    slots: (serviceId, date) => load(`/booking/slots?${new URLSearchParams({ serviceId, date }).toString()}`, (body) => (body as { slots: Slot[] }).slots),
    async book(body) {
      const res = await send('/appointments', { method: 'POST', body });
      if (!res) return { ok: false, refusal: 'offline' };
      if (res.ok) {
        try {
          return { ok: true, booked: (await res.json()) as Booked };
        } catch {
          return { ok: false, refusal: 'failed' };
        }
      }
      if (res.status === 400) return { ok: false, refusal: 'invalid' };
      if (res.status === 429) return { ok: false, refusal: 'busy' };
      const code = await errorCodeOf(res);
      return { ok: false, refusal: REFUSALS.find((r) => r === code) ?? 'failed' };
    },
    appointment: (token) => load(`/appointments/${encodeURIComponent(token)}`, (body) => body as Appointment),
    async cancel(token) {
      const res = await send(`/appointments/${encodeURIComponent(token)}/cancel`, { method: 'POST' });
      if (!res) return { ok: false, reason: 'offline' };
      if (res.ok) {
        try {
          return { ok: true, appointment: (await res.json()) as Appointment };
        } catch {
          return { ok: false, reason: 'failed' };
        }
      }
      return { ok: false, reason: res.status === 409 ? 'not_active' : 'failed' };
    },
  };
}
