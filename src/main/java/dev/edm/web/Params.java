package dev.edm.web;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/** Query parameter parsing shared by the read APIs; a bad value answers 400 and returns empty. */
final class Params {
    private Params() {}

    static Optional<Integer> limit(ServerRequest req, ServerResponse res, int defaultLimit, int max) {
        Optional<String> raw = req.query().first("limit").asOptional();
        if (raw.isEmpty()) {
            return Optional.of(defaultLimit);
        }
        try {
            int limit = Integer.parseInt(raw.get());
            if (limit >= 1 && limit <= max) {
                return Optional.of(limit);
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        Responses.error(res, 400, "limit must be a whole number between 1 and " + max);
        return Optional.empty();
    }

    /** A store key from a {@code shop} parameter: {@code shopify:x.myshopify.com}, or a bare Shopify domain. */
    static String storeKey(String shop) {
        return shop.contains(":") ? shop : "shopify:" + shop;
    }
}
