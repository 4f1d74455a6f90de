// What the bookings view shows, as pure functions (STYLE.md habit 14): the day's bookings as table
// rows, the booking code as it is read out, the slots a caller can choose, and the phone booking
// form checked and turned into the request body (or the problems to show beside its fields) before
// anything is sent. The components only draw these.
import type { TFunction } from 'i18next';
import { localized } from '@jiaohao/shared/i18n';
import type { OfficeState } from '@jiaohao/shared/reducer';
import { BookBody, Email, Phone, type Appointment, type AppointmentState, type BookingOffer, type Language, type Slot } from '@jiaohao/shared/schemas';

// ---- Where it comes from (paths for the api client, which adds /api/v1) ----

/** Supervisors see the contacts that missed at least this many bookings. */
export const NO_SHOW_MIN = 2;
export const OFFER_PATH = '/booking/offer';
export const BOOK_PATH = '/appointments';
export const bookingsPath = (date: string): string => `/appointments?date=${encodeURIComponent(date)}`;
export const slotsPath = (serviceId: string, date: string): string => `/booking/slots?serviceId=${encodeURIComponent(serviceId)}&date=${encodeURIComponent(date)}`;
export const cancelPath = (id: string): string => `/appointments/${encodeURIComponent(id)}/cancel`;
export const noShowsPath = (min = NO_SHOW_MIN): string => `/appointments/no-shows?min=${min}`;

export interface NoShowContact {
  readonly contactHint: string;
  readonly missed: number;
  readonly lastDate: string;
}

// ---- The day's bookings ----

/** The code as residents see it: XXXX-XXXX (the server's 8 characters, whatever their case or dash). */
export function showCode(code: string): string {
  const plain = code.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

/** Only a booking still waiting for its resident can be cancelled. */
export const canCancel = (state: AppointmentState): boolean => state === 'booked';

export interface BookingRow {
  readonly id: string;
  readonly date: string;
  readonly time: string;
  readonly code: string;
  readonly line: string;
  readonly name: string;
  readonly contact: string;
  readonly channel: string;
  readonly state: AppointmentState;
  readonly stateText: string;
  readonly cancellable: boolean;
}

const lineName = (office: OfficeState, lang: Language) => (id: string) => {
  const s = office.services[id];
  return s ? localized(s.names, lang) : id;
};

/** A row per booking, by slot, then line order, then code (the server sends them by slot). */
export function bookingRows(list: readonly Appointment[], office: OfficeState, lang: Language, t: TFunction): BookingRow[] {
  const line = lineName(office, lang);
  const order = (id: string) => office.services[id]?.sortOrder ?? Number.MAX_SAFE_INTEGER;
  return [...list]
    .sort((a, b) => a.start.localeCompare(b.start) || order(a.serviceId) - order(b.serviceId) || a.code.localeCompare(b.code))
    .map((a) => ({
      id: a.id,
      date: a.date,
      time: a.start,
      code: showCode(a.code),
      line: line(a.serviceId),
      name: a.name,
      contact: a.contactHint,
      channel: t(`bookings.channel.${a.channel}`),
      state: a.state,
      stateText: t(`bookings.state.${a.state}`),
      cancellable: canCancel(a.state),
    }));
}

// ---- The phone booking form ----

export type ContactKind = 'phone' | 'email';
export const CONTACT_KINDS: readonly ContactKind[] = ['phone', 'email'];

/** The form as typed. */
export interface PhoneForm {
  readonly serviceId: string;
  readonly date: string;
  /** HH:MM of the chosen slot, '' while none is chosen. */
  readonly start: string;
  readonly name: string;
  readonly contactKind: ContactKind;
  readonly contact: string;
}

/** The form's fields, by the body's path (a refusal finds its field by it). */
export type PhoneField = '/serviceId' | '/date' | '/start' | '/name' | '/phone' | '/email';

export interface Problem {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}
export type Problems = Partial<Record<PhoneField, Problem>>;
export type Checked = { readonly ok: true; readonly body: BookBody } | { readonly ok: false; readonly problems: Problems };

/** The bookable dates of a line (none when it takes no bookings now). */
export const datesOf = (offer: BookingOffer, serviceId: string): readonly string[] => offer.lines.find((l) => l.serviceId === serviceId)?.dates ?? [];

/** An empty form on the first line that can be booked, on its first date. */
export function newPhoneForm(offer: BookingOffer, previous?: PhoneForm): PhoneForm {
  const line = offer.lines.find((l) => l.serviceId === previous?.serviceId) ?? offer.lines.find((l) => l.dates.length > 0) ?? offer.lines[0];
  const serviceId = line?.serviceId ?? '';
  const dates = line?.dates ?? [];
  const date = previous && dates.includes(previous.date) ? previous.date : (dates[0] ?? '');
  return { serviceId, date, start: '', name: '', contactKind: previous?.contactKind ?? 'phone', contact: '' };
}

/** Another line: the same date if that line takes it, else its first; the slot chosen again. */
export function withLine(form: PhoneForm, offer: BookingOffer, serviceId: string): PhoneForm {
  const dates = datesOf(offer, serviceId);
  return { ...form, serviceId, date: dates.includes(form.date) ? form.date : (dates[0] ?? ''), start: '' };
}

/** Another date: the slot is chosen again (the old one may not exist that day). */
export const withDate = (form: PhoneForm, date: string): PhoneForm => ({ ...form, date, start: '' });

/** "2024-05-07（週二）", "Tue 2024-05-07": a bookable date with its weekday. */
export function dateLabel(date: string, lang: Language): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  const weekday = new Intl.DateTimeFormat(lang === 'en' ? 'en' : 'zh-Hant-TW', { weekday: 'short', timeZone: 'UTC' }).format(day);
  return lang === 'en' ? `${weekday} ${date}` : `${date}（${weekday}）`;
}

export interface SlotOption {
  readonly value: string;
  readonly label: string;
  readonly disabled: boolean;
}

/** The slots as choices: a full one is shown, but cannot be chosen. */
export function slotOptions(slots: readonly Slot[], t: TFunction): SlotOption[] {
  return slots.map((s) => ({
    value: s.start,
    label: s.left > 0 ? t('bookings.phone.slotOption', { time: s.start, left: s.left }) : t('bookings.phone.slotFull', { time: s.start }),
    disabled: s.left <= 0,
  }));
}

const NAME_MAX = BookBody.properties.name.maxLength ?? 40;
const PHONE_PATTERN = new RegExp(Phone.pattern ?? '.');
const EMAIL_PATTERN = new RegExp(Email.pattern ?? '.');

/**
 * The request body, or the problem beside each field that stops it (nothing is sent then).
 * `slots` are the chosen day's, when known: a slot that filled meanwhile is said before asking.
 */
export function toBookBody(form: PhoneForm, slots: readonly Slot[] | null): Checked {
  const problems: Problems = {};
  if (form.serviceId === '') problems['/serviceId'] = { key: 'bookings.problem.line' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) problems['/date'] = { key: 'bookings.problem.date' };
  if (form.start === '') problems['/start'] = { key: 'bookings.problem.slot' };
  else if (slots?.find((s) => s.start === form.start)?.left === 0) problems['/start'] = { key: 'bookings.problem.slotFull' };
  const name = form.name.trim();
  if (name === '') problems['/name'] = { key: 'bookings.problem.name' };
  else if (name.length > NAME_MAX) problems['/name'] = { key: 'bookings.problem.nameTooLong', values: { max: NAME_MAX } };
  const contact = form.contact.trim();
  const ok = form.contactKind === 'phone' ? PHONE_PATTERN.test(contact) && contact.length <= (Phone.maxLength ?? 20) : EMAIL_PATTERN.test(contact) && contact.length <= (Email.maxLength ?? 254);
  if (!ok) problems[contactField(form.contactKind)] = { key: `bookings.problem.${form.contactKind}` };
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, body: { serviceId: form.serviceId, date: form.date, start: form.start, name, [form.contactKind]: contact } };
}

export const contactField = (kind: ContactKind): PhoneField => (kind === 'phone' ? '/phone' : '/email');

/** The fields in the order they are drawn: the focus goes to the first one with a problem. */
export const PHONE_FIELDS: readonly PhoneField[] = ['/serviceId', '/date', '/start', '/name', '/phone', '/email'];

/** Which field a refusal concerns (its sentence goes beside it), or null for the form as a whole. */
export function refusalField(error: { readonly code: string; readonly message: string; readonly details?: unknown }, kind: ContactKind): PhoneField | null {
  switch (error.code) {
    case 'slot_full':
      return '/start';
    case 'booking_closed':
      return '/date';
    case 'already_booked':
      return contactField(kind);
    case 'validation_failed': {
      // The path is in details (REST: [{ path }]) or at the start of the message ("/phone: …").
      const first: unknown = Array.isArray(error.details) ? error.details[0] : error.details;
      const path = first && typeof first === 'object' && typeof (first as { path?: unknown }).path === 'string' ? (first as { path: string }).path : /^(\/\w+)/.exec(error.message)?.[1];
      return PHONE_FIELDS.find((f) => f === path) ?? null;
    }
    default:
      return null;
  }
}
