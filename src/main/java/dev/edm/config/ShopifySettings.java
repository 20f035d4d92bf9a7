package dev.edm.config;

import java.util.List;
import java.util.Optional;

/**
 * Shopify settings: the default webhook secret(s) and per-shop secrets. Several secrets for one shop
 * are all accepted, so a secret can be rotated without downtime.
 */
public record ShopifySettings(StoreSecrets secrets, Optional<String> store, Optional<String> token) {

    /** The secrets that may have signed a delivery from this shop (its own, else the defaults). */
    public List<String> secretsFor(String shopDomain) {
        return secrets.secretsFor(shopDomain);
    }

    public boolean anySecret() {
        return secrets.anySecret();
    }

    @Override
    public String toString() {
        return "ShopifySettings[" + secrets + ", store=" + store.orElse("(none)") + ", token="
                + (token.isPresent() ? "****" : "(none)") + "]";
    }
}
