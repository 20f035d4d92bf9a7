/** A small CSV reader for all-or-nothing imports (thresholds, SKU mappings, catalog): a leaf any feature may use. */
package dev.edm.csv;
