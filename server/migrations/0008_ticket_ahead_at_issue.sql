-- The printed ticket says how many were waiting ahead when it was issued (the issue answer's
-- `ahead`), beside the stored estimate. NULL for tickets issued before this column existed.
ALTER TABLE tickets ADD COLUMN ahead_at_issue INTEGER CHECK (ahead_at_issue >= 0);
