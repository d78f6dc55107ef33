-- Bumped by every committed change to users, gateway keys and permissions, so that every replica
-- on the database reloads them (as config_version does for the configuration).
CREATE TABLE access_version (
    id      INTEGER PRIMARY KEY,
    version BIGINT  NOT NULL
);
INSERT INTO access_version (id, version) VALUES (1, 0);
