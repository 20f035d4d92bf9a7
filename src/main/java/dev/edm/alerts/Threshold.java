package dev.edm.alerts;

/**
 * A low-stock threshold override for a SKU; an empty store means every store, an empty location the total
 * across locations.
 */
public record Threshold(String store, String sku, String locationId, int threshold) {
    public Threshold {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku must not be blank");
        }
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must be >= 0, got " + threshold);
        }
        store = store == null ? "" : store.strip();
        locationId = locationId == null ? "" : locationId.strip();
        sku = sku.strip();
    }
}
