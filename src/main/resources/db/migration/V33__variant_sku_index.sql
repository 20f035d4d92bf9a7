-- The cross-channel view of a SKU (alerts name the other channels' stock): variants by SKU in any store.
CREATE INDEX ix_variant_sku_any_store ON variant (sku);
