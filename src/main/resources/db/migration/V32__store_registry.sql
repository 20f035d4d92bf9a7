-- The store registry (`edm stores`): each store configured once. Not derived state: replay keeps it.
-- secrets holds one reference per line: env:NAME (resolved at use) or enc:v1:... (AES-256-GCM).
CREATE TABLE store_registry (
    store        VARCHAR(300) PRIMARY KEY,
    platform     VARCHAR(32)  NOT NULL,
    store_id     VARCHAR(255) NOT NULL,
    display_name VARCHAR(255) NOT NULL,
    secrets      TEXT         NOT NULL,
    api_token    TEXT,
    added_at     BIGINT       NOT NULL
);

-- SKUs that differ per channel (`edm sku map`): a store's SKU -> the canonical SKU, applied to events.
CREATE TABLE sku_mapping (
    store         VARCHAR(300) NOT NULL,
    channel_sku   VARCHAR(255) NOT NULL,
    canonical_sku VARCHAR(255) NOT NULL,
    updated_at    BIGINT       NOT NULL,
    PRIMARY KEY (store, channel_sku)
);
