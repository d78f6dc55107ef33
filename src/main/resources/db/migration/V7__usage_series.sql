-- Usage calls name what they belong to through a series: one row per distinct route, endpoint (id and
-- name), target (provider and model), caller and price, which the writer looks up once and then
-- caches. A call's row binds numbers only, not eleven strings; its (series_id, started_at) index
-- serves every filter (endpoint, provider, model, caller) over a range. series_id has no foreign key:
-- the writer makes a series in the same transaction as its first call, and a check per call would
-- only add work to the hottest insert. Series are small and kept: usage outlives what it names.

CREATE TABLE usage_series (
    series_id     ${serial_id},
    route         VARCHAR(255) NOT NULL,
    endpoint_id   VARCHAR(64)  NOT NULL,
    endpoint_name VARCHAR(255) NOT NULL,
    provider      VARCHAR(64)  NOT NULL,
    model         VARCHAR(255) NOT NULL,
    caller_kind   VARCHAR(8)   NOT NULL,
    caller_id     VARCHAR(64)  NOT NULL,
    caller_name   VARCHAR(255) NOT NULL,
    price         VARCHAR(500)
);
CREATE INDEX usage_series_endpoint ON usage_series (endpoint_id, caller_id);
CREATE INDEX usage_series_target ON usage_series (provider, model);
CREATE INDEX usage_series_caller ON usage_series (caller_id);

INSERT INTO usage_series (route, endpoint_id, endpoint_name, provider, model, caller_kind, caller_id, caller_name,
                          price)
SELECT DISTINCT route, endpoint_id, endpoint_name, provider, model, caller_kind, caller_id, caller_name, price
FROM usage_calls;

CREATE TABLE usage_series_calls (
    call_id            ${serial_id},
    started_at         BIGINT       NOT NULL,
    series_id          BIGINT       NOT NULL,
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
    latency_bin        INTEGER      NOT NULL,
    ttft_bin           INTEGER
);

INSERT INTO usage_series_calls (started_at, series_id, status, error_class, error_message, stream, stream_failed,
                                attempts, duration_us, ttft_us, overhead_us, input_tokens, output_tokens,
                                cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, latency_bin,
                                ttft_bin)
SELECT c.started_at, s.series_id, c.status, c.error_class, c.error_message, c.stream, c.stream_failed, c.attempts,
       c.duration_us, c.ttft_us, c.overhead_us, c.input_tokens, c.output_tokens, c.cache_read_tokens,
       c.cache_write_tokens, c.reasoning_tokens, c.cost_usd, c.latency_bin, c.ttft_bin
FROM usage_calls c
JOIN usage_series s ON s.route = c.route AND s.endpoint_id = c.endpoint_id AND s.endpoint_name = c.endpoint_name
    AND s.provider = c.provider AND s.model = c.model AND s.caller_kind = c.caller_kind
    AND s.caller_id = c.caller_id AND s.caller_name = c.caller_name
    AND (s.price = c.price OR (s.price IS NULL AND c.price IS NULL))
ORDER BY c.call_id;

DROP TABLE usage_calls;
ALTER TABLE usage_series_calls RENAME TO usage_calls;
CREATE INDEX usage_calls_time ON usage_calls (started_at);
CREATE INDEX usage_calls_series ON usage_calls (series_id, started_at);
