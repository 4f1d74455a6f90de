-- The schema version each event was written at, so old rows can be upgraded when read
-- (shared/src/events.versions.ts). Rows written before this column existed are version 1.
ALTER TABLE events ADD COLUMN v INTEGER NOT NULL DEFAULT 1;
