package dev.edm.event;

import java.util.Locale;
import java.util.Optional;

/** The sales channels edm receives from. */
public enum Platform {
    SHOPIFY,
    AMAZON,
    EBAY,
    WOOCOMMERCE,
    BIGCOMMERCE;

    /** The lower-case name used in URLs, storage and metrics. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Platform> fromId(String id) {
        for (Platform p : values()) {
            if (p.id().equalsIgnoreCase(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
