-- Jiaohao schema, version 1. Migrations are forward-only: never edit one that has shipped.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE services (
  id         TEXT PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  doc        TEXT NOT NULL,          -- the Service object as JSON
  active     INTEGER NOT NULL CHECK (active IN (0, 1)),
  sort_order INTEGER NOT NULL
) STRICT;

CREATE TABLE staff (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
  password_hash TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  INTEGER,
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id   TEXT NOT NULL REFERENCES staff(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE devices (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('kiosk', 'display')),
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  revoked_at   TEXT,
  last_seen_at TEXT
) STRICT;

CREATE TABLE counters (
  id                   TEXT PRIMARY KEY,
  number               INTEGER NOT NULL UNIQUE,
  names                TEXT NOT NULL,
  service_ids          TEXT NOT NULL,   -- JSON array, in order
  is_priority          INTEGER NOT NULL CHECK (is_priority IN (0, 1)),
  languages            TEXT NOT NULL,   -- JSON array
  status               TEXT NOT NULL CHECK (status IN ('open', 'paused', 'closed')),
  pause_reason         TEXT,
  staff_id             TEXT REFERENCES staff(id),
  calls_since_priority INTEGER NOT NULL DEFAULT 0,
  active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- Where each number series of each day stands.
CREATE TABLE number_series (
  service_id    TEXT NOT NULL REFERENCES services(id),
  business_date TEXT NOT NULL,
  series        TEXT NOT NULL CHECK (series IN ('normal', 'priority', 'appointment')),
  last_value    INTEGER NOT NULL,
  cycle         INTEGER NOT NULL,
  PRIMARY KEY (service_id, business_date, series)
) STRICT;

CREATE TABLE tickets (
  id                  TEXT PRIMARY KEY,
  business_date       TEXT NOT NULL,
  service_id          TEXT NOT NULL REFERENCES services(id),
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
  -- A number is given once per service, day, series and wrap cycle.
  UNIQUE (service_id, business_date, series, cycle, value),
  -- A ticket at a counter is called or being served, and has a counter.
  CHECK (state NOT IN ('called', 'serving') OR counter_id IS NOT NULL)
) STRICT;

-- A counter has at most one ticket called or being served.
CREATE UNIQUE INDEX tickets_one_active_per_counter ON tickets (counter_id) WHERE state IN ('called', 'serving');
CREATE INDEX tickets_active ON tickets (business_date, service_id) WHERE state IN ('waiting', 'called', 'serving');
CREATE INDEX tickets_done ON tickets (service_id, business_date, ended_at) WHERE state = 'done';
CREATE INDEX tickets_open_by_date ON tickets (business_date) WHERE state IN ('waiting', 'called', 'serving');
-- Counting a line (people ahead, public waiting counts) reads only this index.
CREATE INDEX tickets_waiting ON tickets (business_date, service_id) WHERE state = 'waiting';
-- The head of each line, for call-next: oldest waiting ticket per service and class.
CREATE INDEX tickets_line_head ON tickets (business_date, service_id, class, queued_at, id) WHERE state = 'waiting' AND target_counter_id IS NULL;
-- Who holds a display number today (a wrapped series skips numbers still held).
CREATE INDEX tickets_number ON tickets (business_date, number);
CREATE INDEX tickets_targeted ON tickets (target_counter_id, queued_at) WHERE state = 'waiting' AND target_counter_id IS NOT NULL;

-- The append-only, hash-chained log of every change. seq is the order clients apply events in.
CREATE TABLE events (
  seq           INTEGER PRIMARY KEY,
  type          TEXT NOT NULL,
  at            TEXT NOT NULL,
  business_date TEXT NOT NULL,
  actor_kind    TEXT NOT NULL CHECK (actor_kind IN ('staff', 'device', 'resident', 'system')),
  actor_id      TEXT,
  reason        TEXT,
  note          TEXT,
  ticket_id     TEXT,
  counter_id    TEXT,
  data          TEXT NOT NULL,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
) STRICT;
CREATE INDEX events_ticket ON events (ticket_id) WHERE ticket_id IS NOT NULL;

CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
