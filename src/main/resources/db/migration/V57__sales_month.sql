-- Sold units per store, SKU, variant, currency, unit price and month (net of reversals): derived from sale_line,
-- kept by the same batch that writes the lines (rebuilt by `edm replay`), so reports over months and years
-- read about one row per SKU and month instead of every line. Unknown values are '' (part of the key).
CREATE TABLE sales_month (
    store      VARCHAR(300) NOT NULL,
    sku        VARCHAR(255) NOT NULL,
    variant_id VARCHAR(64)  NOT NULL,
    currency   VARCHAR(8)   NOT NULL,
    unit_price VARCHAR(40)  NOT NULL,
    month      VARCHAR(7)   NOT NULL,
    units      BIGINT       NOT NULL,
    PRIMARY KEY (store, sku, variant_id, currency, unit_price, month)
);
CREATE INDEX ix_sales_month_month ON sales_month (month);
INSERT INTO sales_month (store, sku, variant_id, currency, unit_price, month, units)
SELECT store, COALESCE(sku, ''), COALESCE(variant_id, ''), COALESCE(currency, ''), COALESCE(unit_price, ''),
       substr(sale_day, 1, 7), SUM(quantity - reversed_quantity)
FROM sale_line
GROUP BY store, COALESCE(sku, ''), COALESCE(variant_id, ''), COALESCE(currency, ''), COALESCE(unit_price, ''),
         substr(sale_day, 1, 7);
