-- Derived state (rebuildable from the inbox by `edm replay`): stores, catalog, stock, sales; then alerts.
-- Every row carries its store key (platform:store). Times are epoch milliseconds, UTC.

CREATE TABLE store_state (
    store       VARCHAR(300) PRIMARY KEY,
    platform    VARCHAR(32)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    first_seen  BIGINT       NOT NULL,
    last_event  BIGINT       NOT NULL
);

CREATE TABLE variant (
    store              VARCHAR(300) NOT NULL,
    variant_id         VARCHAR(64)  NOT NULL,
    product_id         VARCHAR(64)  NOT NULL,
    sku                VARCHAR(255),
    title              TEXT,
    price              VARCHAR(40),
    currency           VARCHAR(8),
    inventory_item_id  VARCHAR(64),
    status             VARCHAR(32),
    deleted            INTEGER      NOT NULL,
    first_seen         BIGINT       NOT NULL,
    product_updated_at BIGINT       NOT NULL,
    variant_quantity   INTEGER,
    stock_total        INTEGER,
    last_sale_at       BIGINT,
    delivery_id        BIGINT,
    PRIMARY KEY (store, variant_id)
);
CREATE INDEX ix_variant_item ON variant (store, inventory_item_id);
CREATE INDEX ix_variant_sku ON variant (store, sku);
CREATE INDEX ix_variant_product ON variant (store, product_id);

CREATE TABLE stock_level (
    store             VARCHAR(300) NOT NULL,
    inventory_item_id VARCHAR(64)  NOT NULL,
    location_id       VARCHAR(64)  NOT NULL,
    available         INTEGER,
    connected         INTEGER      NOT NULL,
    updated_at        BIGINT       NOT NULL,
    delivery_id       BIGINT,
    PRIMARY KEY (store, inventory_item_id, location_id)
);

CREATE TABLE inventory_item (
    store             VARCHAR(300) NOT NULL,
    inventory_item_id VARCHAR(64)  NOT NULL,
    sku               VARCHAR(255),
    deleted           INTEGER      NOT NULL,
    updated_at        BIGINT       NOT NULL,
    delivery_id       BIGINT,
    PRIMARY KEY (store, inventory_item_id)
);

CREATE TABLE sale_line (
    store             VARCHAR(300) NOT NULL,
    order_id          VARCHAR(64)  NOT NULL,
    line_id           VARCHAR(64)  NOT NULL,
    variant_id        VARCHAR(64),
    sku               VARCHAR(255),
    quantity          INTEGER      NOT NULL,
    reversed_quantity INTEGER      NOT NULL,
    unit_price        VARCHAR(40),
    currency          VARCHAR(8),
    sold_at           BIGINT       NOT NULL,
    sale_day          VARCHAR(10)  NOT NULL,
    delivery_id       BIGINT,
    PRIMARY KEY (store, order_id, line_id)
);
CREATE INDEX ix_sale_variant ON sale_line (store, variant_id, sold_at);
CREATE INDEX ix_sale_sku ON sale_line (store, sku, sold_at);
CREATE INDEX ix_sale_day ON sale_line (sale_day);

-- cancellations and refunds; line_id NULL reverses the whole order. The key makes them idempotent.
CREATE TABLE sale_reversal (
    store       VARCHAR(300) NOT NULL,
    order_id    VARCHAR(64)  NOT NULL,
    reversal_id VARCHAR(200) NOT NULL,
    line_id     VARCHAR(64),
    quantity    INTEGER,
    reversed_at BIGINT       NOT NULL,
    delivery_id BIGINT,
    PRIMARY KEY (store, order_id, reversal_id)
);

-- Threshold overrides: store '' = every store, location_id '' = the total across locations.
CREATE TABLE threshold_override (
    store       VARCHAR(300) NOT NULL,
    sku         VARCHAR(255) NOT NULL,
    location_id VARCHAR(64)  NOT NULL,
    threshold   INTEGER      NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (store, sku, location_id)
);

-- Alerts: one open alert per (rule, store, variant, location); history is kept.
CREATE TABLE alert (
    id             ${id_pk},
    rule           VARCHAR(32)  NOT NULL,
    severity       VARCHAR(16)  NOT NULL,
    store          VARCHAR(300) NOT NULL,
    variant_id     VARCHAR(64)  NOT NULL,
    location_id    VARCHAR(64)  NOT NULL,
    sku            VARCHAR(255),
    title          TEXT,
    status         VARCHAR(16)  NOT NULL,
    opened_at      BIGINT       NOT NULL,
    resolved_at    BIGINT,
    reason         TEXT         NOT NULL,
    resolve_reason TEXT,
    current_value  INTEGER,
    threshold      INTEGER,
    delivery_id    BIGINT
);
CREATE UNIQUE INDEX ux_alert_open ON alert (rule, store, variant_id, location_id) WHERE status = 'open';
CREATE INDEX ix_alert_status ON alert (status, rule);
CREATE INDEX ix_alert_variant ON alert (store, variant_id);
