-- Prices seen for an item on a marketplace (Amazon ANY_OFFER_CHANGED, PRICING_HEALTH), kept for price alerts.
-- Derived state like the rest: replay rebuilds it. Amounts are exact decimal strings with their currency;
-- item_condition is '' when the notification names none.
CREATE TABLE price_observation (
    store                VARCHAR(300) NOT NULL,
    marketplace_id       VARCHAR(64)  NOT NULL,
    product_id           VARCHAR(64)  NOT NULL,
    item_condition       VARCHAR(32)  NOT NULL,
    source               VARCHAR(64)  NOT NULL,
    observed_at          BIGINT       NOT NULL,
    own_price            VARCHAR(40),
    own_currency         VARCHAR(8),
    buy_box_price        VARCHAR(40),
    buy_box_currency     VARCHAR(8),
    lowest_price         VARCHAR(40),
    lowest_currency      VARCHAR(8),
    competitive_price    VARCHAR(40),
    competitive_currency VARCHAR(8),
    offer_count          INTEGER,
    issue                VARCHAR(64),
    delivery_id          BIGINT,
    PRIMARY KEY (store, marketplace_id, product_id, item_condition, source, observed_at)
);
