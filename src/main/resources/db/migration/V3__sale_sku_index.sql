-- Lines are found by SKU only when they name no variant: a partial index serves that lookup and stays small.
DROP INDEX ix_sale_sku;
CREATE INDEX ix_sale_sku_without_variant ON sale_line (store, sku, sold_at) WHERE variant_id IS NULL;
