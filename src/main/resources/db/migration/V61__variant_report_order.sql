-- Reports list variants by store, title and variant id: read in this index's order instead of sorting them all.
CREATE INDEX ix_variant_report_order ON variant (store, title, variant_id);
