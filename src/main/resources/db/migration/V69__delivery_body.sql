-- Raw bodies move out of the delivery row. Processing rewrites a delivery's row to record its status; SQLite
-- (and PostgreSQL's row versions) rewrite the whole row, so with the body inside, marking a 5 KB order
-- processed wrote the 5 KB again (a leaf page and an overflow page). The body is now written once, at
-- ingest, and changed only by redaction and retention; deleting a delivery deletes its body.
CREATE TABLE delivery_body (
    delivery_id ${ref_pk} REFERENCES delivery (id) ON DELETE CASCADE,
    body        ${blob} NOT NULL
);
INSERT INTO delivery_body (delivery_id, body) SELECT id, body FROM delivery;
ALTER TABLE delivery DROP COLUMN body;
