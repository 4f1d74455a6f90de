// What the booking pages show, as pure functions (STYLE.md habit 14): the bookable lines with their
// names, a day with its weekday in the office's time zone, a slot as a time range, the form's
// problems field by field, the body sent, a refusal in words, and a booking as its holder sees it.
// Components only draw these.
import { Email, Phone, BookBody, type Appointment, type AppointmentState, type BookingOffer, type Language, type LocalizedText, type Slot } from '@jiaohao/shared/schemas';
import { FALLBACK_LANGUAGE, LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import type { BookKey } from '@jiaohao/shared/catalogs';

export interface Phrase {
  readonly key: BookKey;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** A text from the server in the language shown, or in Chinese when it has none, with the tag of the one it is in. */
export interface Named {
  readonly text: string;
  readonly lang: string;
}

export function named(text: LocalizedText | undefined, lang: Language, fallback: string): Named {
  const own = text?.[lang];
  if (own) return { text: own, lang: LANGUAGE_TAGS[lang] };
  return { text: text?.[FALLBACK_LANGUAGE] || fallback, lang: LANGUAGE_TAGS[FALLBACK_LANGUAGE] };
}

/** What the page knows of the office from the public status: its name, its clock, its lines' names. */
export interface OfficeInfo {
  readonly names: LocalizedText;
  readonly timeZone: string;
  readonly lines: Readonly<Record<string, LocalizedText>>;
}

export interface LineChoice {
  readonly serviceId: string;
  readonly name: Named;
  readonly dates: readonly string[];
}

/** The offer's lines that have a day left to book, named in `lang` (the id when the office has no name for it). */
export function lineChoices(offer: BookingOffer, office: OfficeInfo | null, lang: Language): LineChoice[] {
  return offer.lines.filter((l) => l.dates.length > 0).map((l) => ({ serviceId: l.serviceId, name: named(office?.lines[l.serviceId], lang, l.serviceId), dates: l.dates }));
}

/**
 * A business date (YYYY-MM-DD) with its weekday, as the office's calendar has it ("12月2日 週三",
 * "Wed, 2 December"). Noon UTC of that date is the same date in every zone from UTC−11 to UTC+11,
 * Taipei's among them.
 */
export function dayLabel(date: string, timeZone: string, lang: Language): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const noon = new Date(Date.UTC(y, m - 1, d, 12));
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[lang], { weekday: 'short', month: 'long', day: 'numeric', timeZone }).format(noon);
}

/** The same day in two parts, for a narrow button: the date ("12月2日", "December 2") and the weekday ("週三", "Wed"). */
export function dayParts(date: string, timeZone: string, lang: Language): { readonly date: string; readonly weekday: string } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const noon = new Date(Date.UTC(y, m - 1, d, 12));
  const tag = LANGUAGE_TAGS[lang];
  return {
    date: new Intl.DateTimeFormat(tag, { month: 'long', day: 'numeric', timeZone }).format(noon),
    weekday: new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone }).format(noon),
  };
}

/** `start` (HH:MM) plus `minutes`, on a 24-hour clock. */
export function addMinutes(start: string, minutes: number): string {
  const [h, m] = start.split(':').map(Number) as [number, number];
  const total = (h * 60 + m + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** "09:00–09:15": the same in every language. Without the slot's length, its start alone. */
export const timeRange = (start: string, slotMinutes: number | null): string => (slotMinutes ? `${start}–${addMinutes(start, slotMinutes)}` : start);

export interface SlotChoice {
  readonly start: string;
  readonly time: string;
  readonly full: boolean;
  /** "2 left" or "Full". */
  readonly places: Phrase;
}

export function slotChoices(slots: readonly Slot[], slotMinutes: number): SlotChoice[] {
  return slots.map((s) => ({
    start: s.start,
    time: timeRange(s.start, slotMinutes),
    full: s.left <= 0,
    places: s.left <= 0 ? { key: 'book.slot.full' } : { key: 'book.slot.left', values: { n: s.left } },
  }));
}

/** The code as the kiosk and the resident write it: XXXX-XXXX. */
export function formatCode(code: string): string {
  const bare = code.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : code;
}

export type ContactKind = 'phone' | 'email';

export interface BookForm {
  readonly serviceId: string | null;
  readonly date: string | null;
  readonly start: string | null;
  readonly name: string;
  readonly contact: ContactKind;
  readonly phone: string;
  readonly email: string;
}

export const EMPTY_FORM: BookForm = { serviceId: null, date: null, start: null, name: '', contact: 'phone', phone: '', email: '' };

/** The form's fields in the order they are on the page (the first with a problem takes the focus). */
export const FIELDS = ['serviceId', 'date', 'start', 'name', 'phone', 'email'] as const;
export type Field = (typeof FIELDS)[number];
export type FieldErrors = Partial<Record<Field, Phrase>>;

const PHONE = new RegExp(Phone.pattern ?? '');
const EMAIL = new RegExp(Email.pattern ?? '');
export const NAME_MAX = BookBody.properties.name.maxLength ?? 40;

/** Each field's problem, by the same rules the server checks (BookBody): only the chosen contact is asked for. */
export function validate(form: BookForm): FieldErrors {
  const errors: { -readonly [F in Field]?: Phrase } = {};
  // One step at a time: the days show once a line is chosen, the slots once a day is.
  if (!form.serviceId) errors.serviceId = { key: 'book.error.line' };
  else if (!form.date) errors.date = { key: 'book.error.date' };
  else if (!form.start) errors.start = { key: 'book.error.slot' };
  const name = form.name.trim();
  if (!name) errors.name = { key: 'book.error.name' };
  else if (name.length > NAME_MAX) errors.name = { key: 'book.error.nameLong', values: { max: NAME_MAX } };
  if (form.contact === 'phone') {
    const phone = form.phone.trim();
    if (!phone) errors.phone = { key: 'book.error.phone' };
    else if (!PHONE.test(phone) || phone.length > 20) errors.phone = { key: 'book.error.phoneFormat' };
  } else {
    const email = form.email.trim();
    if (!email) errors.email = { key: 'book.error.email' };
    else if (!EMAIL.test(email) || email.length > 254) errors.email = { key: 'book.error.emailFormat' };
  }
  return errors;
}

export const firstError = (errors: FieldErrors): Field | null => FIELDS.find((f) => errors[f]) ?? null;

/** The request for a form that passed `validate`, with exactly one contact. */
export function bookBody(form: BookForm, language: Language): BookBody {
  if (!form.serviceId || !form.date || !form.start) throw new Error('bookBody: the form has no line, day or slot');
  const contact = form.contact === 'phone' ? { phone: form.phone.trim() } : { email: form.email.trim() };
  return { serviceId: form.serviceId, date: form.date, start: form.start, name: form.name.trim(), ...contact, language };
}

/** Why a booking was not made, in the page's words. */
export type Refusal = 'slot_full' | 'already_booked' | 'booking_closed' | 'invalid' | 'busy' | 'offline' | 'failed';

export const refusalPhrase = (r: Refusal): Phrase => ({ key: `book.refused.${r}` });

export interface BookingModel {
  readonly code: string;
  readonly state: AppointmentState;
  readonly status: Phrase;
  /** Anything but booked: what became of it. */
  readonly final: Phrase | null;
  readonly day: string;
  readonly time: string;
  readonly line: Named;
  readonly name: string;
  readonly contactHint: string;
  /** Only a booked booking is cancelled, and only it needs its QR code at the kiosk. */
  readonly active: boolean;
}

export interface BookingContext {
  readonly office: OfficeInfo | null;
  /** From the offer's settings; the slot's start alone when not known. */
  readonly slotMinutes: number | null;
}

/** A booking as its holder sees it, in `lang`; the day in the office's time zone (Taipei while the office is not known). */
export function bookingModel(a: Appointment, ctx: BookingContext, lang: Language): BookingModel {
  const active = a.state === 'booked';
  return {
    code: formatCode(a.code),
    state: a.state,
    status: { key: `book.state.${a.state}` },
    final: active ? null : { key: `book.final.${a.state as Exclude<AppointmentState, 'booked'>}` },
    day: dayLabel(a.date, ctx.office?.timeZone ?? 'Asia/Taipei', lang),
    time: timeRange(a.start, ctx.slotMinutes),
    line: named(ctx.office?.lines[a.serviceId], lang, a.serviceId),
    name: a.name,
    contactHint: a.contactHint,
    active,
  };
}
