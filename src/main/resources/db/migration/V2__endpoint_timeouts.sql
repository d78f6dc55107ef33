-- Per-endpoint timeouts in milliseconds; NULL keeps the gateway default.
ALTER TABLE endpoints ADD COLUMN connect_timeout_ms BIGINT;
ALTER TABLE endpoints ADD COLUMN first_byte_timeout_ms BIGINT;
ALTER TABLE endpoints ADD COLUMN idle_timeout_ms BIGINT;
