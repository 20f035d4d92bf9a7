-- Follow-up reads: a thin delivery (e.g. BigCommerce's {scope, data:{id}}) asks for the resource it names to be
-- read from the platform's API. Each request is a row, made in the delivery's processing transaction; a
-- background fetcher reads the resource and stores the document as a new delivery (webhook_id = job_key).
-- Rows stay pending, with the last error and the next attempt time, until a read succeeds: never lost.
CREATE TABLE fetch_job (
    id                 ${id_pk},
    platform           VARCHAR(32)  NOT NULL,
    store              VARCHAR(255) NOT NULL,
    resource           VARCHAR(32)  NOT NULL,
    resource_id        VARCHAR(64)  NOT NULL,
    job_key            VARCHAR(255) NOT NULL,
    delivery_id        BIGINT       NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    attempts           INTEGER      NOT NULL,
    next_attempt_at    BIGINT       NOT NULL,
    last_error         TEXT,
    created_at         BIGINT       NOT NULL,
    done_at            BIGINT,
    result_delivery_id BIGINT
);
CREATE UNIQUE INDEX ux_fetch_job_key ON fetch_job (platform, job_key);
CREATE INDEX ix_fetch_job_due ON fetch_job (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX ix_fetch_job_resource ON fetch_job (platform, store, resource, resource_id) WHERE status = 'pending';
