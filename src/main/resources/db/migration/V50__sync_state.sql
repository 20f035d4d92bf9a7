-- Reconciliation (edm sync): per store, when it was last read completely from its platform's API.
-- last_synced_at NULL = never synced (the initial import is still to do); the summary is the last run's, as text.
CREATE TABLE sync_state (
    store           VARCHAR(300) PRIMARY KEY,
    platform        VARCHAR(32)  NOT NULL,
    last_synced_at  BIGINT,
    last_attempt_at BIGINT       NOT NULL,
    last_error      TEXT,
    last_summary    TEXT
);
