-- Alert lifecycle (issue 5): state beside status (status stays open/resolved and keeps the unique open index).
-- state: firing | acknowledged | snoozed | resolved. notice_owed: a FIRING/REPEAT notice is due as soon as the
-- alert is neither snoozed, silenced nor inhibited. reopen_blocked: resolved by hand while the condition still
-- held; no new alert opens for the same problem until the condition has cleared once.
ALTER TABLE alert ADD COLUMN state VARCHAR(16) NOT NULL DEFAULT 'firing';
ALTER TABLE alert ADD COLUMN acknowledged_at BIGINT;
ALTER TABLE alert ADD COLUMN acknowledged_by VARCHAR(255);
ALTER TABLE alert ADD COLUMN snoozed_until BIGINT;
ALTER TABLE alert ADD COLUMN last_notified_at BIGINT;
ALTER TABLE alert ADD COLUMN notice_owed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alert ADD COLUMN reopen_blocked INTEGER NOT NULL DEFAULT 0;
UPDATE alert SET state = 'resolved' WHERE status = 'resolved';
CREATE INDEX ix_alert_blocked ON alert (rule, store, variant_id, location_id, reopen_blocked);

-- Silences: no notices for matching alerts (a NULL column matches anything) from starts_at until ends_at.
CREATE TABLE alert_silence (
    id         ${id_pk},
    rule       VARCHAR(32),
    store      VARCHAR(300),
    sku        VARCHAR(255),
    starts_at  BIGINT       NOT NULL,
    ends_at    BIGINT       NOT NULL,
    comment    TEXT,
    created_at BIGINT       NOT NULL
);
CREATE INDEX ix_alert_silence_ends ON alert_silence (ends_at);

-- Deliveries refused for a bad signature, per claimed store and hour (the store is what the request claims:
-- an unsigned or forged request may name any store). Read by the integration_health rule.
CREATE TABLE store_verify_failure (
    store    VARCHAR(300) NOT NULL,
    hour     BIGINT       NOT NULL,
    failures INTEGER      NOT NULL,
    PRIMARY KEY (store, hour)
);
