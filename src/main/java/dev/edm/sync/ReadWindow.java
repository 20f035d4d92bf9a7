package dev.edm.sync;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What to read: products changed since a time (empty = the whole catalog, which also finds deletions), orders
 * created from a time (optionally only those updated since another), and the stock of the inventory items edm
 * already knows besides those of the products read.
 */
record ReadWindow(
        Optional<Instant> productsSince,
        Instant ordersCreatedFrom,
        Optional<Instant> ordersUpdatedSince,
        Set<String> knownInventoryItems) {
    ReadWindow {
        knownInventoryItems = Set.copyOf(knownInventoryItems);
    }

    boolean wholeCatalog() {
        return productsSince.isEmpty();
    }
}
