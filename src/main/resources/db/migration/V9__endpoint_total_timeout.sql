-- Per-endpoint bound on a whole answer in milliseconds; NULL keeps the gateway default.
ALTER TABLE endpoints ADD COLUMN total_timeout_ms BIGINT;
