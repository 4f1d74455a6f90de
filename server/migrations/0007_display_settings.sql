-- The wall display feature. A display's settings (DisplaySettings as JSON: the lines and counters
-- it shows, its layout and sound); NULL for a kiosk, and for a display registered before this,
-- which reads as the defaults (DEFAULT_DISPLAY_SETTINGS, DevicesRepo).
ALTER TABLE devices ADD COLUMN display TEXT;

-- The day's newest calls and recalls for the snapshot (recentCalls): read newest first, a few rows.
CREATE INDEX events_calls ON events (business_date, seq) WHERE type IN ('ticket:called', 'ticket:recalled');
