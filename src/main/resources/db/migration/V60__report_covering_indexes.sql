-- Covering indexes for the analytics reports (bench/reports.sh): the queries read every column they need from
-- the index in its order, without a sort or a lookup of each table row.
-- Sales by month in report order (month, store, SKU, variant, currency); replaces the month-only index.
DROP INDEX ix_sales_month_month;
CREATE INDEX ix_sales_month_report ON sales_month (month, store, sku, variant_id, currency, unit_price, units);
-- Totals per SKU and unit price over all months (top sellers, ABC): the primary key's order plus units.
CREATE INDEX ix_sales_month_totals ON sales_month (store, sku, variant_id, currency, unit_price, month, units);
-- Sale lines of a day range (velocity, sell-through, sales by day); replaces the day-only index.
DROP INDEX ix_sale_day;
CREATE INDEX ix_sale_day_report ON sale_line (sale_day, store, sku, variant_id, currency, unit_price, quantity,
                                              reversed_quantity);
