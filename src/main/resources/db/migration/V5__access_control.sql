-- Access control: users (passwords hashed with Argon2id), browser sessions, gateway keys for
-- callers, and per-resource permissions (MLflow's READ / USE / EDIT / MANAGE / NO_PERMISSIONS).
-- No secret is stored in the clear: sessions and gateway keys are kept as the SHA-256 of their value.
-- Who made each user, key and permission is kept (created_by, granted_by), as for the configuration.

CREATE TABLE users (
    user_id             VARCHAR(64)  PRIMARY KEY,
    username            VARCHAR(255) NOT NULL UNIQUE,
    password_hash       TEXT         NOT NULL,
    is_admin            BOOLEAN      NOT NULL,
    created_at          BIGINT       NOT NULL,
    created_by          VARCHAR(255),
    password_changed_at BIGINT       NOT NULL
);

CREATE TABLE sessions (
    session_hash VARCHAR(64) PRIMARY KEY,
    user_id      VARCHAR(64) NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    csrf_token   VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE gateway_keys (
    key_id       VARCHAR(64)  PRIMARY KEY,
    key_hash     VARCHAR(64)  NOT NULL UNIQUE,
    prefix       VARCHAR(32)  NOT NULL,
    name         VARCHAR(255) NOT NULL,
    owner_id     VARCHAR(64)  NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    created_at   BIGINT       NOT NULL,
    created_by   VARCHAR(255),
    expires_at   BIGINT,
    revoked_at   BIGINT,
    last_used_at BIGINT
);
CREATE INDEX gateway_keys_owner ON gateway_keys (owner_id);

-- The endpoints a key may call (none listed: every endpoint its owner may use). No foreign key to
-- endpoints on purpose: deleting an endpoint must not widen a key limited to it.
CREATE TABLE gateway_key_endpoints (
    key_id      VARCHAR(64) NOT NULL REFERENCES gateway_keys (key_id) ON DELETE CASCADE,
    endpoint_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (key_id, endpoint_id)
);

CREATE TABLE permissions (
    user_id       VARCHAR(64) NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    resource_type VARCHAR(32) NOT NULL,
    resource_id   VARCHAR(64) NOT NULL,
    permission    VARCHAR(32) NOT NULL,
    granted_at    BIGINT      NOT NULL,
    granted_by    VARCHAR(255),
    PRIMARY KEY (user_id, resource_type, resource_id)
);
CREATE INDEX permissions_resource ON permissions (resource_type, resource_id);
