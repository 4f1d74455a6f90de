-- Bookings (網路／電話預約): a line, a slot and a resident's name and one contact. Not in the event
-- log: the name and contact are personal data, deleted retentionDays after the booked date (the day
-- roll-over and the start-up do it), which an append-only log could never do. Checking a booking
-- in is a command (it issues a ticket); its event carries the ticket only.
CREATE TABLE appointments (
  id           TEXT PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,   -- 8 characters of shared/booking.ts CODE_ALPHABET, without the dash
  manage_hash  TEXT NOT NULL UNIQUE,   -- sha256 of the manage link's token; the token itself is never stored
  service_id   TEXT NOT NULL REFERENCES services(id),
  date         TEXT NOT NULL,          -- the office's local date, YYYY-MM-DD
  start        TEXT NOT NULL,          -- the slot's local time, HH:MM
  at           TEXT NOT NULL,          -- the slot as an ISO instant in UTC
  place        INTEGER NOT NULL CHECK (place >= 1),  -- which of the slot's places it holds (1…capacity)
  name         TEXT NOT NULL CHECK (length(name) > 0),
  contact_kind TEXT NOT NULL CHECK (contact_kind IN ('phone', 'email')),
  contact      TEXT NOT NULL,          -- normalised: a phone as digits (+886 → 0), an e-mail lowercased
  language     TEXT NOT NULL,
  channel      TEXT NOT NULL CHECK (channel IN ('web', 'staff')),
  booked_by    TEXT REFERENCES staff(id),  -- the clerk who took a phone booking; null on the web
  state        TEXT NOT NULL CHECK (state IN ('booked', 'cancelled', 'checked_in', 'late', 'missed')),
  created_at   TEXT NOT NULL,
  ended_at     TEXT,                   -- when it was cancelled, checked in or marked missed
  ticket_id    TEXT REFERENCES tickets(id)
) STRICT;
-- One booking per person per day, and each place of a slot once, unless cancelled: the last word
-- after the service's own checks (one transaction, one writer), should those ever miss a case.
CREATE UNIQUE INDEX appointments_one_per_day ON appointments (date, contact_kind, contact) WHERE state <> 'cancelled';
CREATE UNIQUE INDEX appointments_places ON appointments (service_id, date, start, place) WHERE state <> 'cancelled';
CREATE INDEX appointments_by_date ON appointments (date, start);
CREATE INDEX appointments_by_contact ON appointments (contact_kind, contact, state);
