package dev.edm.event;

import java.util.Locale;
import java.util.Optional;

/** The sales channels edm receives from; STANDARD is any sender of our canonical Standard Webhooks payload. */
public enum Platform {
    SHOPIFY,
    AMAZON,
    EBAY,
    WOOCOMMERCE,
    BIGCOMMERCE,
    STANDARD;

    private final String id = name().toLowerCase(Locale.ROOT); // asked for on every delivery and event

    /** The lower-case name used in URLs, storage and metrics. */
    public String id() {
        return id;
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
