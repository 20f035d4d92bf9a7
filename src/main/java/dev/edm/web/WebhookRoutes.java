package dev.edm.web;

import dev.edm.event.Platform;
import dev.edm.ingest.IngestRequest;
import dev.edm.ingest.IngestResult;
import dev.edm.ingest.IngestService;
import dev.edm.platform.Challenge;
import dev.edm.platform.standard.StandardWebhooks;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code POST /webhook/{platform}} (with {@code /webhook/standard/{source}} and eBay's legacy
 * {@code /webhook/ebay/platform}): hands the raw request to ingest and maps the outcome to a status.
 * {@code GET /webhook/ebay} answers eBay's endpoint challenge.
 */
final class WebhookRoutes {
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final IngestService ingest;

    WebhookRoutes(IngestService ingest) {
        this.ingest = ingest;
    }

    void register(HttpRules rules) {
        rules.post("/webhook/shopify", (req, res) -> receive(Platform.SHOPIFY, null, req, res));
        rules.post("/webhook/woocommerce", (req, res) -> receive(Platform.WOOCOMMERCE, null, req, res));
        rules.post("/webhook/bigcommerce", (req, res) -> receive(Platform.BIGCOMMERCE, null, req, res));
        rules.post("/webhook/standard/{source}", (req, res) -> receive(Platform.STANDARD, null, req, res));
        rules.post("/webhook/amazon", (req, res) -> receive(Platform.AMAZON, null, req, res));
        rules.post("/webhook/ebay", (req, res) -> receive(Platform.EBAY, null, req, res));
        rules.post("/webhook/ebay/platform", (req, res) -> receive(Platform.EBAY, "platform", req, res));
        rules.get("/webhook/ebay", (req, res) -> challenge(Platform.EBAY, req, res));
    }

    private void challenge(Platform platform, ServerRequest req, ServerResponse res) {
        Map<String, String> query = new HashMap<>();
        for (String name : req.query().names()) {
            query.put(name, req.query().get(name));
        }
        switch (ingest.challenge(platform, query).orElse(null)) {
            case Challenge.Answered a -> Responses.json(res, 200, a.body());
            case Challenge.Invalid i -> Responses.error(res, 400, i.message());
            case Challenge.NotConfigured n -> Responses.error(res, 503, n.message());
            case null -> Responses.error(res, 404, platform.id() + " has no endpoint challenge");
        }
    }

    private void receive(Platform platform, String channel, ServerRequest req, ServerResponse res) {
        Map<String, String> headers = HashMap.newHashMap(req.headers().size() + 1);
        for (Header header : req.headers()) {
            headers.put(header.headerName().lowerCase(), header.get());
        }
        if (platform == Platform.STANDARD) {
            // the sender is named by the path; a pseudo-header no client can send carries it to the adapter
            headers.put(StandardWebhooks.SOURCE, req.path().pathParameters().get("source"));
        }
        IngestRequest request = new IngestRequest(
                platform,
                headers,
                req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null),
                req.headers().contentLength(),
                () -> req.content().inputStream(),
                clientAddress(req.remotePeer().address()),
                channel);
        IngestResult result;
        try {
            result = ingest.ingest(request);
        } catch (UncheckedIOException e) {
            Responses.error(res, 400, "request body could not be read");
            return;
        }
        switch (result) {
            case IngestResult.Accepted a ->
                Responses.jsonText(res, "{\"status\":\"accepted\",\"id\":" + a.deliveryId() + "}");
            case IngestResult.Duplicate d ->
                Responses.jsonText(res, "{\"status\":\"duplicate\",\"id\":" + d.deliveryId() + "}");
            case IngestResult.Acknowledged a -> Responses.json(res, 200, Map.of("status", a.status()));
            case IngestResult.Rejected r -> {
                if (r.retryAfter() != null) {
                    res.header(
                            HeaderNames.RETRY_AFTER,
                            Long.toString(r.retryAfter().toSeconds()));
                }
                if (r.reason() == IngestResult.Rejection.TOO_LARGE && !drain(req)) {
                    res.header(HeaderNames.CONNECTION, "close");
                }
                Responses.error(res, status(r.reason()), r.message());
            }
        }
    }

    /**
     * Reads and discards what is left of a refused body (never holding it), so the client, still sending,
     * gets the answer instead of a reset connection. Gives up past {@link #DRAIN_LIMIT}; false then.
     */
    private static boolean drain(ServerRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] sink = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(sink)) != -1) {
                total += n;
                if (total > DRAIN_LIMIT) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static int status(IngestResult.Rejection reason) {
        return switch (reason) {
            case UNAUTHORIZED -> 401;
            case RATE_LIMITED -> 429;
            case MISSING_HEADER, MALFORMED -> 400;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case TOO_LARGE -> 413;
            case NOT_CONFIGURED, UNAVAILABLE -> 503;
        };
    }

    static String clientAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
