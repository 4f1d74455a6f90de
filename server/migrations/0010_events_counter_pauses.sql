-- The wait estimate counts a paused counter back in once its break should be over, so it needs
-- when each counter paused and why: the newest counter:paused event of a counter, by index.
CREATE INDEX events_counter_pauses ON events (counter_id, seq) WHERE type = 'counter:paused';
