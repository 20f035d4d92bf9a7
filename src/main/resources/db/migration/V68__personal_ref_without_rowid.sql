-- The personal-data index is written for every order a shop sends (its order and its customer). Its primary
-- key holds every column, so on SQLite a table WITHOUT ROWID is that key alone: one B-tree insert per row
-- instead of two (the row, then the key's index). ${without_rowid} is empty on PostgreSQL, where the table
-- is simply rebuilt as it was.
CREATE TABLE personal_ref_new (
    platform    VARCHAR(32) NOT NULL,
    subject     VARCHAR(64) NOT NULL,
    delivery_id BIGINT      NOT NULL,
    PRIMARY KEY (platform, subject, delivery_id)
) ${without_rowid};
INSERT INTO personal_ref_new (platform, subject, delivery_id) SELECT platform, subject, delivery_id FROM personal_ref;
DROP TABLE personal_ref;
ALTER TABLE personal_ref_new RENAME TO personal_ref;
CREATE INDEX ix_personal_ref_delivery ON personal_ref (delivery_id);
