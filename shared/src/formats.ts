// String formats and bounded integers for every schema in shared/.
//
// TypeBox knows no string formats until they are registered, and refuses every value of an unknown
// format. Registered here, once, for everything that checks our schemas with TypeBox (the command
// bus, socket payloads, clients); the server gives its ajv the same checks (STRING_FORMATS, in
// server/src/http/compilers.ts), so a value is refused alike whichever way it arrives.
import { FormatRegistry, Type, type IntegerOptions, type TInteger } from '@sinclair/typebox';
import { GetErrorFunction, SetErrorFunction, ValueErrorType } from '@sinclair/typebox/errors';

// RFC 3339 with a zone, as `Date.prototype.toISOString` and every client write it.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * A real instant: the shape above, and fields that come back unchanged from the instant they name.
 * Date.parse rolls Feb 30 over to March 2 and hour 24 to the next day (and some engines refuse them):
 * read back, the fields differ. A leap second (second 60) has no instant in JavaScript at all.
 */
export function isInstant(value: string): boolean {
  const m = INSTANT.exec(value);
  if (!m) return false;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offsetHours = Number(m[8] === undefined ? 0 : m[8]);
  const offsetMinutes = Number(m[9] === undefined ? 0 : m[9]);
  if (offsetHours > 23 || offsetMinutes > 59) return false;
  const offset = (m[7] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const local = new Date(ms + offset * 60_000);
  return (
    local.getUTCFullYear() === year &&
    local.getUTCMonth() + 1 === month &&
    local.getUTCDate() === day &&
    local.getUTCHours() === hour &&
    local.getUTCMinutes() === minute &&
    local.getUTCSeconds() === second
  );
}

/** What a refused instant is told, by both validators. */
export const INSTANT_MESSAGE =
  'must be a real date and time with its zone, e.g. 2026-12-01T09:00:00+08:00 (no Feb 30, no hour 24, no leap second)';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date, YYYY-MM-DD: the shape, and a day its month has (no Feb 30, no Feb 29 of 2026). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = m.slice(1, 4).map(Number) as [number, number, number];
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCFullYear() === year && d.getUTCMonth() + 1 === month && d.getUTCDate() === day;
}

/** What a refused date is told, by both validators. */
export const DATE_MESSAGE = 'must be a real date, YYYY-MM-DD, e.g. 2027-01-01 (no Feb 30)';

/** Every string format the schemas use: its check, and the message a value that fails it gets. */
export const STRING_FORMATS: Readonly<Record<string, { readonly check: (value: string) => boolean; readonly message: string }>> = {
  'date-time': { check: isInstant, message: INSTANT_MESSAGE },
  date: { check: isCalendarDate, message: DATE_MESSAGE },
};

let messagesSet = false;

export function registerFormats(): void {
  // Set even when something registered the name before: these checks are the contract's.
  for (const [name, format] of Object.entries(STRING_FORMATS)) FormatRegistry.Set(name, format.check);
  if (messagesSet) return;
  messagesSet = true;
  const fallback = GetErrorFunction();
  SetErrorFunction((error) => {
    const format = error.errorType === ValueErrorType.StringFormat ? STRING_FORMATS[String(error.schema.format)] : undefined;
    return format ? format.message : fallback(error);
  });
}
registerFormats();

/**
 * The largest integer a schema allows: the largest a JavaScript number holds exactly (SQLite's
 * INTEGER holds more, so this is the tighter bound). `Type.Integer()` alone lets 1e300 through,
 * which is an integer to JSON Schema and a REAL that SQLite refuses to store as one.
 */
export const MAX_INTEGER = Number.MAX_SAFE_INTEGER;

/** An integer between two bounds, both required: no integer schema is unbounded. */
export function Int(minimum: number, maximum: number, options: Omit<IntegerOptions, 'minimum' | 'maximum'> = {}): TInteger {
  if (!Number.isSafeInteger(minimum) || !Number.isSafeInteger(maximum) || minimum > maximum) {
    throw new Error(`Int(${minimum}, ${maximum}): bounds must be safe integers, the lower first`);
  }
  return Type.Integer({ ...options, minimum, maximum });
}

/** A count or a position in the event log: 0 and up. */
export const Count = (options: Omit<IntegerOptions, 'minimum' | 'maximum'> = {}): TInteger => Int(0, MAX_INTEGER, options);
