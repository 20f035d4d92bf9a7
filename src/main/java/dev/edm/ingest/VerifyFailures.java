package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.platform.standard.StandardWebhooks;
import dev.edm.storage.Database;
import dev.edm.storage.Session;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts deliveries refused for a bad signature per store and hour ({@code store_verify_failure}), for the
 * integration-health alert. The store is the one the request claims (an unauthenticated request may claim any
 * store): Shopify's {@code X-Shopify-Shop-Domain}, WooCommerce's {@code X-WC-Webhook-Source} host, the Standard
 * Webhooks source of the path. BigCommerce, Amazon and eBay name the store only inside the (unverified) body,
 * so their refusals are not attributed.
 */
final class VerifyFailures {
    private static final Logger log = LoggerFactory.getLogger(VerifyFailures.class);
    private static final int MAX_STORE = 253;

    private final Database db;
    private final Clock clock;

    VerifyFailures(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records one refusal; never fails the request (a storage problem is logged and the count skipped). */
    void record(Platform platform, Map<String, String> headers) {
        Optional<String> store = claimedStore(platform, headers);
        if (store.isEmpty()) {
            return;
        }
        try {
            db.transaction(c -> {
                try (Session s = new Session(c)) {
                    return s.update(
                            "INSERT INTO store_verify_failure (store, hour, failures) VALUES (?, ?, 1) "
                                    + "ON CONFLICT (store, hour) DO UPDATE SET failures = store_verify_failure.failures + 1",
                            platform.id() + ":" + store.get(),
                            clock.millis() / 3_600_000L);
                }
            });
        } catch (RuntimeException e) {
            log.debug("verification failure not counted: {}", e.toString());
        }
    }

    static Optional<String> claimedStore(Platform platform, Map<String, String> headers) {
        String raw = switch (platform) {
            case SHOPIFY -> headers.get("x-shopify-shop-domain");
            case WOOCOMMERCE -> host(headers.get("x-wc-webhook-source"));
            case STANDARD -> headers.get(StandardWebhooks.SOURCE);
            default -> null;
        };
        if (raw == null || raw.isBlank() || raw.length() > MAX_STORE) {
            return Optional.empty();
        }
        String store = raw.strip();
        return Optional.of(platform == Platform.STANDARD ? store : store.toLowerCase(Locale.ROOT));
    }

    private static String host(String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        try {
            String s = source.strip();
            return new URI(s.contains("://") ? s : "http://" + s).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
