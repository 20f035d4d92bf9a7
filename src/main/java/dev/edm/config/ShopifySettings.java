package dev.edm.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Shopify settings: the default webhook secret(s) and per-shop secrets. Several secrets for one shop
 * are all accepted, so a secret can be rotated without downtime.
 */
public record ShopifySettings(
        List<String> defaultSecrets,
        Map<String, List<String>> shopSecrets,
        Optional<String> store,
        Optional<String> token) {

    public ShopifySettings {
        defaultSecrets = List.copyOf(defaultSecrets);
        shopSecrets = Map.copyOf(shopSecrets);
    }

    /** The secrets that may have signed a delivery from this shop (its own, else the defaults). */
    public List<String> secretsFor(String shopDomain) {
        if (shopDomain != null) {
            List<String> own = shopSecrets.get(shopDomain.toLowerCase(Locale.ROOT));
            if (own != null) {
                return own;
            }
        }
        return defaultSecrets;
    }

    @Override
    public String toString() {
        return "ShopifySettings[defaultSecrets=" + defaultSecrets.size() + ", shops with own secrets="
                + shopSecrets.keySet() + ", store=" + store.orElse("(none)") + ", token="
                + (token.isPresent() ? "****" : "(none)") + "]";
    }

    public boolean anySecret() {
        return !defaultSecrets.isEmpty() || !shopSecrets.isEmpty();
    }
}
