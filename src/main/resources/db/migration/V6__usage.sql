-- Usage: one row per call (usage_calls, kept SWITCHBOARD_USAGE_RETENTION_DAYS, 30 by default) and
-- hourly roll-ups (usage_hourly, kept SWITCHBOARD_USAGE_ROLLUP_RETENTION_DAYS, 400 by default), both
-- written in batches off the request path. Latency and time to first token are kept as log-scale
-- histograms (usage_hourly_latency) so percentiles can be read from roll-ups of any range.
-- Names (endpoint, caller) are copied into each row: usage outlives what it names. A call's id is
-- assigned by the database in order (${serial_id}), so inserts append rather than land at random;
-- a call's surface is read from its route, so it is not stored twice.

CREATE TABLE usage_calls (
    call_id            ${serial_id},
    started_at         BIGINT       NOT NULL,
    route              VARCHAR(255) NOT NULL,
    endpoint_id        VARCHAR(64)  NOT NULL,
    endpoint_name      VARCHAR(255) NOT NULL,
    provider           VARCHAR(64)  NOT NULL,
    model              VARCHAR(255) NOT NULL,
    caller_kind        VARCHAR(8)   NOT NULL,
    caller_id          VARCHAR(64)  NOT NULL,
    caller_name        VARCHAR(255) NOT NULL,
    status             INTEGER      NOT NULL,
    error_class        VARCHAR(64),
    error_message      VARCHAR(500),
    stream             BOOLEAN      NOT NULL,
    stream_failed      BOOLEAN      NOT NULL,
    attempts           INTEGER      NOT NULL,
    duration_us        BIGINT       NOT NULL,
    ttft_us            BIGINT,
    overhead_us        BIGINT       NOT NULL,
    input_tokens       BIGINT       NOT NULL,
    output_tokens      BIGINT       NOT NULL,
    cache_read_tokens  BIGINT       NOT NULL,
    cache_write_tokens BIGINT       NOT NULL,
    reasoning_tokens   BIGINT       NOT NULL,
    cost_usd           DOUBLE PRECISION,
    price              VARCHAR(500),
    latency_bin        INTEGER      NOT NULL,
    ttft_bin           INTEGER
);
CREATE INDEX usage_calls_time ON usage_calls (started_at);
CREATE INDEX usage_calls_endpoint ON usage_calls (endpoint_id, started_at);

CREATE TABLE usage_hourly (
    hour               BIGINT       NOT NULL,
    endpoint_id        VARCHAR(64)  NOT NULL,
    provider           VARCHAR(64)  NOT NULL,
    model              VARCHAR(255) NOT NULL,
    caller_id          VARCHAR(64)  NOT NULL,
    surface            VARCHAR(32)  NOT NULL,
    status             INTEGER      NOT NULL,
    endpoint_name      VARCHAR(255) NOT NULL,
    caller_kind        VARCHAR(8)   NOT NULL,
    caller_name        VARCHAR(255) NOT NULL,
    requests           BIGINT       NOT NULL,
    errors             BIGINT       NOT NULL,
    input_tokens       BIGINT       NOT NULL,
    output_tokens      BIGINT       NOT NULL,
    cache_read_tokens  BIGINT       NOT NULL,
    cache_write_tokens BIGINT       NOT NULL,
    reasoning_tokens   BIGINT       NOT NULL,
    cost_usd           DOUBLE PRECISION NOT NULL,
    unpriced           BIGINT       NOT NULL,
    duration_us        BIGINT       NOT NULL,
    overhead_us        BIGINT       NOT NULL,
    PRIMARY KEY (hour, endpoint_id, provider, model, caller_id, surface, status)
);
CREATE INDEX usage_hourly_endpoint ON usage_hourly (endpoint_id, hour);

CREATE TABLE usage_hourly_latency (
    hour        BIGINT       NOT NULL,
    endpoint_id VARCHAR(64)  NOT NULL,
    provider    VARCHAR(64)  NOT NULL,
    model       VARCHAR(255) NOT NULL,
    caller_id   VARCHAR(64)  NOT NULL,
    surface     VARCHAR(32)  NOT NULL,
    status      INTEGER      NOT NULL,
    kind        CHAR(1)      NOT NULL,
    bin         INTEGER      NOT NULL,
    calls       BIGINT       NOT NULL,
    PRIMARY KEY (hour, endpoint_id, provider, model, caller_id, surface, status, kind, bin)
);
