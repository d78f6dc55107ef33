-- Stands in for a later release's migration in RollingUpgradeTest: like most of Switchboard's, it
-- only adds (a table, and a column that may be empty), so the release before ignores it.
CREATE TABLE next_release_notes (
    id ${serial_id},
    endpoint_id TEXT NOT NULL,
    note TEXT NOT NULL
);
ALTER TABLE endpoints ADD COLUMN next_release_label TEXT;
