// The closed list of error codes every REST answer and socket ack may carry, with their HTTP status.
import { Type, type Static } from '@sinclair/typebox';

export const ERROR_STATUS = {
  validation_failed: 400,
  /** Not readable as HTTP at all (a garbage request line, a broken header): refused before routing. */
  bad_request: 400,
  reason_required: 400,
  invalid_reason: 400,
  invalid_range: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  invalid_transition: 409,
  counter_busy: 409,
  counter_not_open: 409,
  /** Another clerk holds the counter (opened it); a supervisor can release it. */
  counter_taken: 409,
  service_not_served: 409,
  service_inactive: 409,
  class_not_allowed: 409,
  issuing_closed: 409,
  daily_cap_reached: 409,
  range_exhausted: 409,
  conflict: 409,
  /** A rating of a ticket not finished (done): there is nothing to rate yet, or it was not served. */
  not_finished: 409,
  /** The ticket was rated before: a rating is given once and never changed. */
  already_rated: 409,
  /** Booking: every place of that slot is taken. */
  slot_full: 409,
  /** Booking: this phone number or e-mail address already holds a booking that day (one per person per day). */
  already_booked: 409,
  /** Booking: that day or slot cannot be booked now (too soon, past the cutoff, too far ahead, not a session, bookings off). */
  booking_closed: 409,
  /** Booking: cancelled, already checked in, missed, or for another day: it cannot be used now. */
  booking_not_active: 409,
  /** Check-in: earlier than checkInEarlyMinutes before the slot. */
  check_in_too_early: 409,
  /** The request took longer to arrive than the server waits for one. */
  request_timeout: 408,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  locked_out: 429,
  /** The request line and headers together are over the server's limit (Node's 16 KB by default). */
  headers_too_large: 431,
  internal: 500,
  /** A web client's build is missing (npm start builds it). */
  client_not_built: 503,
  /**
   * The server's disk is full (SQLITE_FULL): nothing of the command was written. 507 Insufficient
   * Storage says exactly that (RFC 4918); it clears, without a restart, once space is freed.
   */
  storage_full: 507,
  /** The database cannot be written (a read-only file or file system): nothing was written. */
  storage_read_only: 503,
  /** The disk failed a read or write (SQLITE_IOERR): nothing of the command was written. */
  storage_failed: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export const ErrorBody = Type.Object(
  {
    code: Type.Union(ERROR_CODES.map((c) => Type.Literal(c))),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
export type ErrorBody = Static<typeof ErrorBody>;
export const ErrorResponse = Type.Object({ error: ErrorBody }, { $id: 'ErrorResponse' });
export type ErrorResponse = Static<typeof ErrorResponse>;

/** An expected failure of a command: wrong state, unknown id, missing reason… never a bug. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
