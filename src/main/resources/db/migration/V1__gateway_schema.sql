-- Gateway configuration: secrets (encrypted provider keys), model definitions, endpoints,
-- their model mappings, tags and bindings. Mirrors MLflow's gateway tables.
-- ${binary} is BLOB on SQLite and BYTEA on PostgreSQL; everything else is portable SQL.

CREATE TABLE secrets (
    secret_id        VARCHAR(64)  PRIMARY KEY,
    secret_name      VARCHAR(255) NOT NULL UNIQUE,
    encrypted_value  ${binary}    NOT NULL,
    wrapped_dek      ${binary}    NOT NULL,
    kek_version      INTEGER      NOT NULL,
    masked_value     TEXT         NOT NULL,
    provider         VARCHAR(128),
    auth_config      TEXT,
    created_at       BIGINT       NOT NULL,
    last_updated_at  BIGINT       NOT NULL,
    created_by       VARCHAR(255),
    last_updated_by  VARCHAR(255)
);

CREATE TABLE model_definitions (
    model_definition_id VARCHAR(64)  PRIMARY KEY,
    name                VARCHAR(255) NOT NULL UNIQUE,
    secret_id           VARCHAR(64)  REFERENCES secrets (secret_id) ON DELETE SET NULL,
    provider            VARCHAR(128) NOT NULL,
    model_name          VARCHAR(512) NOT NULL,
    created_at          BIGINT       NOT NULL,
    last_updated_at     BIGINT       NOT NULL,
    created_by          VARCHAR(255),
    last_updated_by     VARCHAR(255)
);
CREATE INDEX model_definitions_secret ON model_definitions (secret_id);

CREATE TABLE endpoints (
    endpoint_id           VARCHAR(64)  PRIMARY KEY,
    name                  VARCHAR(64)  NOT NULL UNIQUE,
    routing_strategy      VARCHAR(64),
    fallback_strategy     VARCHAR(64),
    fallback_max_attempts INTEGER,
    experiment_id         VARCHAR(255),
    usage_tracking        BOOLEAN      NOT NULL,
    created_at            BIGINT       NOT NULL,
    last_updated_at       BIGINT       NOT NULL,
    created_by            VARCHAR(255),
    last_updated_by       VARCHAR(255)
);

CREATE TABLE endpoint_model_mappings (
    mapping_id          VARCHAR(64) PRIMARY KEY,
    endpoint_id         VARCHAR(64) NOT NULL REFERENCES endpoints (endpoint_id) ON DELETE CASCADE,
    model_definition_id VARCHAR(64) NOT NULL REFERENCES model_definitions (model_definition_id) ON DELETE RESTRICT,
    weight              DOUBLE PRECISION NOT NULL,
    linkage_type        VARCHAR(16) NOT NULL,
    fallback_order      INTEGER,
    created_at          BIGINT      NOT NULL,
    created_by          VARCHAR(255),
    UNIQUE (endpoint_id, model_definition_id, linkage_type)
);
CREATE INDEX endpoint_model_mappings_definition ON endpoint_model_mappings (model_definition_id);

CREATE TABLE endpoint_tags (
    endpoint_id VARCHAR(64)  NOT NULL REFERENCES endpoints (endpoint_id) ON DELETE CASCADE,
    tag_key     VARCHAR(250) NOT NULL,
    tag_value   TEXT         NOT NULL,
    PRIMARY KEY (endpoint_id, tag_key)
);

CREATE TABLE endpoint_bindings (
    endpoint_id     VARCHAR(64)  NOT NULL REFERENCES endpoints (endpoint_id) ON DELETE CASCADE,
    resource_type   VARCHAR(64)  NOT NULL,
    resource_id     VARCHAR(255) NOT NULL,
    display_name    VARCHAR(255),
    created_at      BIGINT       NOT NULL,
    last_updated_at BIGINT       NOT NULL,
    created_by      VARCHAR(255),
    last_updated_by VARCHAR(255),
    PRIMARY KEY (endpoint_id, resource_type, resource_id)
);

-- Bumped on every committed configuration change, so other replicas can notice it.
CREATE TABLE config_version (
    id      INTEGER PRIMARY KEY,
    version BIGINT  NOT NULL
);
INSERT INTO config_version (id, version) VALUES (1, 0);
