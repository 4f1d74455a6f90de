-- The supervisor's switches. Announcements to the displays, shown until they end or are withdrawn
-- (rows stay for the record; the events say who posted and who withdrew them).
CREATE TABLE announcements (
  id           TEXT PRIMARY KEY,
  texts        TEXT NOT NULL,   -- LocalizedText as JSON (zh-TW always)
  service_ids  TEXT,            -- JSON array of the lines it concerns; NULL: every line
  posted_at    TEXT NOT NULL,   -- ISO instants in UTC (toISOString), so they compare as text
  ends_at      TEXT NOT NULL,
  withdrawn_at TEXT
) STRICT;
CREATE INDEX announcements_current ON announcements (ends_at) WHERE withdrawn_at IS NULL;

-- Stops of the issuing by a supervisor: one row per line stopped, '*' for the whole office. A stop
-- for the rest of the session has ends_at and ends by itself; one until resumed has none. A new
-- stop of the same scope replaces the row.
CREATE TABLE issuing_stops (
  scope   TEXT PRIMARY KEY,   -- a service id, or '*' for the whole office
  reason  TEXT NOT NULL,
  until   TEXT NOT NULL CHECK (until IN ('session_end', 'resumed')),
  since   TEXT NOT NULL,
  ends_at TEXT,
  CHECK ((until = 'session_end') = (ends_at IS NOT NULL))
) STRICT;
