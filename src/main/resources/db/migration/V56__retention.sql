-- Retention: a delivery whose raw body was purged (older than EDM_RETENTION_DAYS) keeps its row, metadata and
-- status; its body is empty and body_purged_at says when. Replay cannot re-read it.
ALTER TABLE delivery ADD COLUMN body_purged_at BIGINT;
CREATE INDEX ix_delivery_received ON delivery (received_at) WHERE body_purged_at IS NULL;
