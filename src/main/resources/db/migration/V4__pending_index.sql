-- Only pending deliveries need an index by status: a partial index stays small and hot, and a delivery
-- leaving it costs one small index write instead of moving an entry across a large (status, id) index.
DROP INDEX ix_delivery_status;
CREATE INDEX ix_delivery_pending ON delivery (id) WHERE status = 'pending';
-- failed deliveries are rare and looked for (/api/events?status=failed)
CREATE INDEX ix_delivery_failed ON delivery (id) WHERE status = 'failed';
