package dev.edm.event;

import java.util.Objects;

/** A store on a platform, e.g. {@code shopify:shop-a.myshopify.com}; every row of state belongs to one. */
public record StoreKey(Platform platform, String store) {
    public StoreKey {
        Objects.requireNonNull(platform, "platform");
        if (store == null || store.isBlank()) {
            throw new IllegalArgumentException("store must not be blank");
        }
    }

    /** The stored form, {@code platform:store}. */
    public String id() {
        return platform.id() + ":" + store;
    }

    public static StoreKey parse(String id) {
        int colon = id.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a store key: " + id);
        }
        Platform platform = Platform.fromId(id.substring(0, colon))
                .orElseThrow(() -> new IllegalArgumentException("unknown platform in store key: " + id));
        return new StoreKey(platform, id.substring(colon + 1));
    }

    @Override
    public String toString() {
        return id();
    }
}
