/**
 * Inventory: per-store state derived from canonical events (catalog, stock per variant and location with
 * the total, sales lines with reversals, last sale, first seen) and the read queries over it.
 */
package dev.edm.inventory;
