package dev.edm.web;

import dev.edm.event.Platform;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/sync/{platform}[?store=S]} starts reconciling the platform's stores in the background (202 with
 * the stores started); {@code GET /api/sync} lists every store's last run. Loopback only.
 */
final class SyncRoutes {
    private static final Set<Platform> SUPPORTED = Set.of(Platform.SHOPIFY, Platform.WOOCOMMERCE, Platform.BIGCOMMERCE);

    private final SyncControl sync;

    SyncRoutes(SyncControl sync) {
        this.sync = sync;
    }

    void register(HttpRules rules) {
        rules.post("/api/sync/{platform}", LoopbackOnly.wrap(this::start));
        rules.get("/api/sync", LoopbackOnly.wrap(this::list));
    }

    private void start(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("platform").toLowerCase(Locale.ROOT);
        Optional<Platform> platform = Platform.fromId(name).filter(SUPPORTED::contains);
        if (platform.isEmpty()) {
            Responses.error(res, 404, "edm reconciles shopify, woocommerce and bigcommerce stores, not " + name);
            return;
        }
        Optional<String> store = req.query().first("store").asOptional().map(s -> s.toLowerCase(Locale.ROOT));
        List<String> started = sync.start(platform.get(), store);
        if (started.isEmpty()) {
            Responses.error(
                    res,
                    409,
                    store.map(s -> "edm has no API credentials for " + name + " store " + s)
                            .orElse("no " + name + " store with API credentials is known"));
            return;
        }
        Responses.json(res, 202, Map.of("started", started));
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<Map<String, Object>> states = sync.states();
        Responses.json(res, 200, Map.of("stores", states, "count", states.size()));
    }
}
