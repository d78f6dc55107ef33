-- Budgets (MLflow's budget policies): an amount in US dollars per window, for the whole gateway,
-- one endpoint, one user or one gateway key, that alerts a webhook or rejects calls once reached.
-- Amounts and spend are kept in nano-dollars (BIGINT), so sums of small costs stay exact on both
-- databases. A webhook's signing secret is sealed like a provider key (envelope encryption).
CREATE TABLE budget_policies (
    budget_policy_id   VARCHAR(64)  PRIMARY KEY,
    amount_nanos       BIGINT       NOT NULL,
    duration_unit      VARCHAR(16)  NOT NULL,
    duration_value     INTEGER      NOT NULL,
    time_zone          VARCHAR(64)  NOT NULL,
    target_scope       VARCHAR(16)  NOT NULL,
    target_value       VARCHAR(255),
    budget_action      VARCHAR(16)  NOT NULL,
    webhook_url        TEXT,
    webhook_secret     ${binary},
    webhook_dek        ${binary},
    kek_version        INTEGER,
    created_at         BIGINT       NOT NULL,
    created_by         VARCHAR(255),
    last_updated_at    BIGINT       NOT NULL,
    last_updated_by    VARCHAR(255)
);

-- Each budget's spend per window, added to by every replica; alerted_at once its alert was sent.
CREATE TABLE budget_windows (
    budget_policy_id VARCHAR(64) NOT NULL REFERENCES budget_policies (budget_policy_id) ON DELETE CASCADE,
    window_start_ms  BIGINT      NOT NULL,
    window_end_ms    BIGINT      NOT NULL,
    spend_nanos      BIGINT      NOT NULL,
    alerted_at_ms    BIGINT,
    PRIMARY KEY (budget_policy_id, window_start_ms, window_end_ms)
);
