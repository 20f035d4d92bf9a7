-- Stock history for analytics (derived, rebuilt by `edm replay`): one row per variant per UTC day on which its
-- total available changed, day = the day the delivery that changed it was received. start_available is the
-- total carried into the day (NULL when unknown before), min/max over the day including the start, end the
-- last value. A day without a row kept the previous row's end_available.
CREATE TABLE stock_day (
    store           VARCHAR(300) NOT NULL,
    variant_id      VARCHAR(64)  NOT NULL,
    day             VARCHAR(10)  NOT NULL,
    start_available INTEGER,
    min_available   INTEGER      NOT NULL,
    max_available   INTEGER      NOT NULL,
    end_available   INTEGER      NOT NULL,
    PRIMARY KEY (store, variant_id, day)
);
CREATE INDEX ix_stock_day_day ON stock_day (day);

-- Store-agnostic SKU attributes set by `edm import catalog` (not derived: replay keeps them).
-- cost is an exact decimal string in currency.
CREATE TABLE catalog (
    sku            VARCHAR(255) PRIMARY KEY,
    cost           VARCHAR(40),
    currency       VARCHAR(8),
    lead_time_days INTEGER,
    supplier       VARCHAR(255),
    updated_at     BIGINT       NOT NULL
);
