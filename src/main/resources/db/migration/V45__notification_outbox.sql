-- The notification outbox (issue 5): one row per message to one receiver, written in the transaction that changed
-- the alert. Digest items wait as 'held' until their digest is formed ('digested', digest_id = the digest's row).
-- status: held | pending | sent | dead. Times are epoch milliseconds, UTC.
CREATE TABLE notification (
    id              ${id_pk},
    message_key     VARCHAR(400) NOT NULL UNIQUE,
    store           VARCHAR(300) NOT NULL,
    alert_id        BIGINT,
    receiver        VARCHAR(200) NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    address         VARCHAR(300) NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    severity        VARCHAR(16)  NOT NULL,
    payload         TEXT         NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL,
    next_attempt_at BIGINT       NOT NULL,
    claimed_until   BIGINT,
    claimed_by      VARCHAR(64),
    digest_id       BIGINT,
    last_error      TEXT,
    created_at      BIGINT       NOT NULL,
    sent_at         BIGINT
);
CREATE INDEX ix_notification_due ON notification (status, next_attempt_at);
CREATE INDEX ix_notification_digest ON notification (digest_id);
