-- Rate limits (MLflow's gateway rate limits, with tokens and gateway keys beside queries and users):
-- per endpoint, a default for every caller without their own (username and key_id NULL), or one
-- user's own, or one gateway key's own. At most one limit per endpoint and caller.
CREATE TABLE rate_limits (
    rate_limit_id      VARCHAR(64)  PRIMARY KEY,
    endpoint_id        VARCHAR(64)  NOT NULL REFERENCES endpoints (endpoint_id) ON DELETE CASCADE,
    username           VARCHAR(255),
    key_id             VARCHAR(64)  REFERENCES gateway_keys (key_id) ON DELETE CASCADE,
    queries_per_minute BIGINT,
    tokens_per_minute  BIGINT,
    created_at         BIGINT       NOT NULL,
    created_by         VARCHAR(255),
    last_updated_at    BIGINT       NOT NULL,
    last_updated_by    VARCHAR(255)
);

CREATE UNIQUE INDEX rate_limits_caller ON rate_limits (endpoint_id, COALESCE(username, ''), COALESCE(key_id, ''));

-- Requests and tokens counted per minute by every replica (counter_id: '<rate_limit_id>/requests'
-- or '/tokens'); minutes older than a few are deleted.
CREATE TABLE rate_limit_windows (
    counter_id      VARCHAR(80) NOT NULL,
    window_start_ms BIGINT      NOT NULL,
    window_end_ms   BIGINT      NOT NULL,
    amount          BIGINT      NOT NULL,
    PRIMARY KEY (counter_id, window_start_ms, window_end_ms)
);
