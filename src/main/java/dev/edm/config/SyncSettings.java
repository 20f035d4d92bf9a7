package dev.edm.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Reconciliation settings: how often the server reads every store back from its platform's API (zero = never),
 * how many days of orders, the Shopify Admin API version and base URL override, and WooCommerce's REST API
 * credentials (a store's own are in the registry: {@code edm stores add woocommerce HOST --token KEY:SECRET}).
 *
 * @param shopifyApiBase replaces {@code https://{shop}} for every shop (tests point it at a stub)
 * @param wooUrl the default WooCommerce store's address (its host is the store id)
 * @param wooApiBase replaces every WooCommerce store's address (tests)
 * @param wooQueryAuth send the key and secret as query parameters instead of basic auth
 */
public record SyncSettings(
        Duration interval,
        int ordersDays,
        Optional<URI> shopifyApiBase,
        String shopifyApiVersion,
        Optional<URI> wooUrl,
        Optional<String> wooKey,
        Optional<String> wooSecret,
        Optional<URI> wooApiBase,
        boolean wooQueryAuth) {
    public static final String DEFAULT_SHOPIFY_API_VERSION = "2025-10";
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(6);

    /** Defaults: every 6 hours, 90 days of orders, no WooCommerce credentials. */
    public static final SyncSettings DEFAULTS = new SyncSettings(
            DEFAULT_INTERVAL,
            90,
            Optional.empty(),
            DEFAULT_SHOPIFY_API_VERSION,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false);

    public boolean scheduled() {
        return !interval.isZero();
    }

    @Override
    public String toString() {
        return "SyncSettings[interval=" + interval + ", ordersDays=" + ordersDays + ", shopifyApiVersion="
                + shopifyApiVersion + ", wooUrl=" + wooUrl.map(URI::toString).orElse("(none)") + ", wooKey="
                + (wooKey.isPresent() ? "****" : "(none)") + "]";
    }
}
