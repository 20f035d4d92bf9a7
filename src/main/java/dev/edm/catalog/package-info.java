/** Catalog import: per-SKU cost, currency, lead time and supplier, thresholds and channel SKUs from one CSV, all or nothing. */
package dev.edm.catalog;
