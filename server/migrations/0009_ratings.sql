-- A resident's satisfaction rating of a finished ticket, given once on the e-ticket page. The
-- primary key is what makes it once: of two requests at the same moment, the second insert fails.
-- The line, the counter that finished the ticket and the business date are copied from the ticket
-- so the day's figures read this table alone. Not in the event log: the comment is the resident's
-- free text, which must stay deletable (the log is append-only) and goes to nobody live.
CREATE TABLE ratings (
  ticket_id     TEXT PRIMARY KEY REFERENCES tickets(id),
  business_date TEXT NOT NULL,   -- the ticket's business date, not the day it was rated
  service_id    TEXT NOT NULL REFERENCES services(id),
  counter_id    TEXT REFERENCES counters(id),
  score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment       TEXT CHECK (comment IS NULL OR length(comment) > 0),  -- trimmed; its length is limited at the edge
  language      TEXT NOT NULL,
  rated_at      TEXT NOT NULL     -- ISO instant in UTC
) STRICT;
CREATE INDEX ratings_by_date ON ratings (business_date, service_id);
