package dev.edm.platform.woocommerce;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The store a WooCommerce delivery names: the lower-case host of {@code X-WC-Webhook-Source} ({@code home_url('/')}). */
final class StoreHost {
    private static final int MAX_LENGTH = 253;

    private StoreHost() {}

    /** {@code https://Shop.Example.com/blog/} gives {@code shop.example.com}; empty when there is no host. */
    static Optional<String> of(String source) {
        if (source == null || source.isBlank()) {
            return Optional.empty();
        }
        String s = source.strip();
        try {
            String host = new URI(s.contains("://") ? s : "http://" + s).getHost();
            if (host == null || host.isEmpty()) {
                return Optional.empty();
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            return host.isEmpty() || host.length() > MAX_LENGTH ? Optional.empty() : Optional.of(host);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
