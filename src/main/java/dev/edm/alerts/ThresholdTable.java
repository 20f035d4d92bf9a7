package dev.edm.alerts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All threshold overrides in memory, resolved like the alert engine does: a store's own override first. */
public final class ThresholdTable {
    private final List<Threshold> overrides;
    private final int fallback;

    ThresholdTable(List<Threshold> overrides, int fallback) {
        this.overrides = List.copyOf(overrides);
        this.fallback = fallback;
    }

    public int forTotal(String store, String sku) {
        Integer any = null;
        for (Threshold t : overrides) {
            if (t.sku().equals(sku) && t.locationId().isEmpty()) {
                if (t.store().equals(store)) {
                    return t.threshold();
                }
                if (t.store().isEmpty()) {
                    any = t.threshold();
                }
            }
        }
        return any != null ? any : fallback;
    }

    public Map<String, Integer> forLocations(String store, String sku) {
        Map<String, Integer> anyStore = new LinkedHashMap<>();
        Map<String, Integer> own = new LinkedHashMap<>();
        for (Threshold t : overrides) {
            if (t.sku().equals(sku) && !t.locationId().isEmpty()) {
                if (t.store().equals(store)) {
                    own.put(t.locationId(), t.threshold());
                } else if (t.store().isEmpty()) {
                    anyStore.put(t.locationId(), t.threshold());
                }
            }
        }
        anyStore.putAll(own);
        return anyStore;
    }
}
