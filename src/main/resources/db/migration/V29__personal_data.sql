-- Personal-data index for erasure requests (eBay marketplace account deletion). Subjects are SHA-256 hashes
-- of normalised identifiers (user names, user ids, tokens, emails), never the identifiers themselves.

-- which stored deliveries name which person, so a deletion request finds them without scanning the inbox
CREATE TABLE personal_ref (
    platform    VARCHAR(32) NOT NULL,
    subject     VARCHAR(64) NOT NULL,
    delivery_id BIGINT      NOT NULL,
    PRIMARY KEY (platform, subject, delivery_id)
);
CREATE INDEX ix_personal_ref_delivery ON personal_ref (delivery_id);

-- people whose data was erased: deliveries naming them that are processed later are redacted at once
CREATE TABLE erased_subject (
    platform  VARCHAR(32) NOT NULL,
    subject   VARCHAR(64) NOT NULL,
    erased_at BIGINT      NOT NULL,
    PRIMARY KEY (platform, subject)
);
