-- The durable inbox: every verified delivery, as received, before it is acknowledged.
-- Placeholders: ${id_pk} and ${blob} differ between SQLite and PostgreSQL (see Database.migrate).
CREATE TABLE delivery (
    id            ${id_pk},
    platform      VARCHAR(32)  NOT NULL,
    store         VARCHAR(255) NOT NULL,
    topic         VARCHAR(255),
    webhook_id    VARCHAR(255),
    event_id      VARCHAR(255),
    triggered_at  VARCHAR(64),
    api_version   VARCHAR(32),
    received_at   BIGINT       NOT NULL,
    signed        INTEGER      NOT NULL,
    headers       TEXT         NOT NULL,
    body          ${blob}      NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    status_reason TEXT,
    processed_at  BIGINT
);

-- a repeated delivery id is stored once (NULL ids, e.g. unsigned debug posts, are never duplicates)
CREATE UNIQUE INDEX ux_delivery_webhook_id ON delivery (platform, webhook_id);
CREATE INDEX ix_delivery_status ON delivery (status, id);
CREATE INDEX ix_delivery_store ON delivery (platform, store, id);

-- Leases: which instance runs a singleton job (processing, schedules) until when.
CREATE TABLE lease (
    name       VARCHAR(64)  PRIMARY KEY,
    owner      VARCHAR(128) NOT NULL,
    expires_at BIGINT       NOT NULL
);
