-- Per-endpoint retries on the same target (RetryPolicy): none by default, as before.
ALTER TABLE endpoints ADD COLUMN retry_max INTEGER NOT NULL DEFAULT 0;
ALTER TABLE endpoints ADD COLUMN retry_initial_backoff_ms BIGINT NOT NULL DEFAULT 500;
ALTER TABLE endpoints ADD COLUMN retry_max_backoff_ms BIGINT NOT NULL DEFAULT 10000;
