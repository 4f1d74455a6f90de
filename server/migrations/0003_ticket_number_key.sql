-- A ticket's number is given by the line it was issued in, and a transfer moves the ticket to
-- another line: the uniqueness of a number must not follow service_id, which a transfer rewrites
-- (two lines may share the same numbers behind different prefixes; moving A1001 into line B, where
-- B1001 is yet to be issued, broke the old key and jammed line B for the day).
-- SQLite cannot drop a table constraint, so the table is rebuilt with the key on issued_service_id.
CREATE TABLE tickets_new (
  id                  TEXT PRIMARY KEY,
  business_date       TEXT NOT NULL,
  service_id          TEXT NOT NULL REFERENCES services(id),
  issued_service_id   TEXT NOT NULL REFERENCES services(id),
  series              TEXT NOT NULL CHECK (series IN ('normal', 'priority', 'appointment')),
  cycle               INTEGER NOT NULL,
  value               INTEGER NOT NULL,
  number              TEXT NOT NULL,
  class               TEXT NOT NULL CHECK (class IN ('normal', 'priority', 'appointment')),
  language            TEXT NOT NULL,
  channel             TEXT NOT NULL CHECK (channel IN ('kiosk', 'web', 'staff')),
  state               TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired')),
  issued_at           TEXT NOT NULL,
  queued_at           TEXT NOT NULL,
  called_at           TEXT,
  started_at          TEXT,
  ended_at            TEXT,
  handling_ms         INTEGER,
  counter_id          TEXT REFERENCES counters(id),
  target_counter_id   TEXT REFERENCES counters(id),
  recall_count        INTEGER NOT NULL DEFAULT 0,
  transfers           TEXT NOT NULL DEFAULT '[]',
  appointment_at      TEXT,
  estimate_min        INTEGER,
  estimate_max        INTEGER,
  tracking_token_hash TEXT NOT NULL UNIQUE,
  -- A number is given once per issuing line, day, series and wrap cycle, wherever the ticket goes.
  UNIQUE (issued_service_id, business_date, series, cycle, value),
  CHECK (state NOT IN ('called', 'serving') OR counter_id IS NOT NULL)
) STRICT;

-- The line a ticket was issued in is the first step of its transfer chain, or its line when it has none.
INSERT INTO tickets_new
SELECT id, business_date, service_id,
       COALESCE(json_extract(transfers, '$[0].fromServiceId'), service_id),
       series, cycle, value, number, class, language, channel, state, issued_at, queued_at, called_at,
       started_at, ended_at, handling_ms, counter_id, target_counter_id, recall_count, transfers,
       appointment_at, estimate_min, estimate_max, tracking_token_hash
FROM tickets;

DROP TABLE tickets;
ALTER TABLE tickets_new RENAME TO tickets;

CREATE UNIQUE INDEX tickets_one_active_per_counter ON tickets (counter_id) WHERE state IN ('called', 'serving');
CREATE INDEX tickets_active ON tickets (business_date, service_id) WHERE state IN ('waiting', 'called', 'serving');
CREATE INDEX tickets_done ON tickets (service_id, business_date, ended_at) WHERE state = 'done';
CREATE INDEX tickets_open_by_date ON tickets (business_date) WHERE state IN ('waiting', 'called', 'serving');
CREATE INDEX tickets_waiting ON tickets (business_date, service_id) WHERE state = 'waiting';
CREATE INDEX tickets_line_head ON tickets (business_date, service_id, class, queued_at, id) WHERE state = 'waiting' AND target_counter_id IS NULL;
CREATE INDEX tickets_number ON tickets (business_date, number);
CREATE INDEX tickets_targeted ON tickets (target_counter_id, queued_at) WHERE state = 'waiting' AND target_counter_id IS NOT NULL;
