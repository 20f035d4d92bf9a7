package dev.edm.fetch.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.edm.config.BigCommerceSettings;
import dev.edm.fetch.DetailSource;
import dev.edm.platform.bigcommerce.BigCommerceDocuments;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what BigCommerce's thin webhooks name, with the store's API token: a product with its variants (v3
 * catalog), an order with its products (v2) and refunds (v3). Each HTTP call is retried by Resilience4j on
 * network errors, 429 (waiting {@code X-Rate-Limit-Time-Reset-Ms}) and 5xx; what still fails is reported as a
 * {@link DetailSource.Failed} for the fetcher to retry later.
 */
public final class BigCommerceApi implements DetailSource {
    static final String RESET_HEADER = "X-Rate-Limit-Time-Reset-Ms";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 250;
    private static final int MAX_PAGES = 40;

    private final BigCommerceSettings settings;
    private final HttpClient client;
    private final Retry retry;
    private final Duration maxWait;

    /** Retry tuning: attempts per call, first backoff (doubling), and the longest wait honoured in-process. */
    public record RetryPolicy(int attempts, Duration backoff, Duration maxWait) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(15));
    }

    public BigCommerceApi(BigCommerceSettings settings, MeterRegistry registry, RetryPolicy policy) {
        this.settings = settings;
        this.maxWait = policy.maxWait();
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        IntervalBiFunction<HttpResponse<byte[]>> interval = (attempt, outcome) -> {
            long backoff = policy.backoff().toMillis() << Math.min(attempt - 1, 10);
            if (outcome.isRight() && outcome.get().statusCode() == 429) {
                return resetMillis(outcome.get()).orElse(backoff);
            }
            return Math.min(backoff, policy.maxWait().toMillis());
        };
        this.retry = Retry.of(
                "bigcommerce-api",
                RetryConfig.<HttpResponse<byte[]>>custom()
                        .maxAttempts(policy.attempts())
                        .retryOnResult(r -> r.statusCode() == 429 || r.statusCode() >= 500)
                        .retryExceptions(IOException.class)
                        .intervalBiFunction(interval)
                        .build());
        Counter retries = Counter.builder("edm.fetch.http.retries")
                .description("HTTP calls to a platform API repeated after a network error, 429 or 5xx")
                .tag("platform", "bigcommerce")
                .register(registry);
        retry.getEventPublisher().onRetry(e -> retries.increment());
    }

    /** One page of a list: its items, and whether another page follows. */
    public record Page(List<JsonNode> items, boolean more) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /** Whether a token is configured for the store. */
    public boolean canRead(String store) {
        return settings.tokenFor(store).isPresent();
    }

    /** A page of catalog products with their variants, optionally only those modified since a time. */
    public Page products(String store, int page, Optional<Instant> modifiedSince) throws CallFailed {
        String path = "/v3/catalog/products?include=variants&limit=" + PAGE + "&page=" + page
                + modifiedSince.map(t -> "&date_modified:min=" + iso(t)).orElse("");
        JsonNode json = ok(get(store, token(store), path), "products page " + page);
        JsonNode data = json.path("data");
        if (!data.isArray()) {
            throw new CallFailed("products page " + page + ": the answer has no data array", Duration.ZERO);
        }
        List<JsonNode> items = new ArrayList<>();
        data.forEach(items::add);
        int totalPages =
                json.path("meta").path("pagination").path("total_pages").asInt(page);
        return new Page(items, page < totalPages);
    }

    /** A page of v2 orders created from a time (and modified since another, if given). */
    public Page orders(String store, int page, Instant createdFrom, Optional<Instant> modifiedSince) throws CallFailed {
        String path = "/v2/orders?limit=" + PAGE + "&page=" + page + "&min_date_created=" + iso(createdFrom)
                + modifiedSince.map(t -> "&min_date_modified=" + iso(t)).orElse("");
        HttpResponse<byte[]> res = get(store, token(store), path);
        if (res.statusCode() == 204) {
            return new Page(List.of(), false);
        }
        JsonNode json = ok(res, "orders page " + page);
        if (!json.isArray()) {
            throw new CallFailed("orders page " + page + ": the answer is not an array", Duration.ZERO);
        }
        List<JsonNode> items = new ArrayList<>();
        json.forEach(items::add);
        return new Page(items, items.size() == PAGE);
    }

    /** An order with its products and refunds, as the document the fetcher stores ({@link BigCommerceDocuments}). */
    public byte[] orderDocument(String store, String orderId, Instant readAt) throws CallFailed {
        return switch (order(store, token(store), orderId, readAt)) {
            case Fetched f -> f.body();
            case Failed f -> throw new CallFailed(f.reason(), f.retryAfter());
        };
    }

    private static String iso(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private String token(String store) throws CallFailed {
        return settings.tokenFor(store)
                .orElseThrow(() -> new CallFailed(
                        "no API token is configured for store " + store + " (set BIGCOMMERCE_TOKENS=" + store
                                + ":<access token>)",
                        Duration.ZERO));
    }

    @Override
    public Result fetch(String store, String resource, String resourceId, Instant startedAt) {
        Optional<String> token = settings.tokenFor(store);
        if (token.isEmpty()) {
            return new Failed("no API token is configured for store " + store + " (set BIGCOMMERCE_TOKENS=" + store
                    + ":<access token>)");
        }
        try {
            return switch (resource) {
                case "product" -> product(store, token.get(), resourceId, startedAt);
                case "order" -> order(store, token.get(), resourceId, startedAt);
                default -> new Failed("edm does not read BigCommerce " + resource + " resources");
            };
        } catch (CallFailed e) {
            return new Failed(e.getMessage(), e.retryAfter);
        }
    }

    private Result product(String store, String token, String id, Instant startedAt) throws CallFailed {
        HttpResponse<byte[]> res = get(store, token, "/v3/catalog/products/" + id + "?include=variants");
        if (res.statusCode() == 404) {
            return new Fetched(BigCommerceDocuments.PRODUCT_TOPIC, BigCommerceDocuments.product(id, startedAt, null));
        }
        JsonNode data = ok(res, "product " + id).get("data");
        if (data == null || !data.isObject()) {
            throw new CallFailed("product " + id + ": the answer has no data object", Duration.ZERO);
        }
        return new Fetched(BigCommerceDocuments.PRODUCT_TOPIC, BigCommerceDocuments.product(id, startedAt, data));
    }

    private Result order(String store, String token, String id, Instant startedAt) throws CallFailed {
        HttpResponse<byte[]> res = get(store, token, "/v2/orders/" + id);
        if (res.statusCode() == 404) {
            return new Fetched(
                    BigCommerceDocuments.ORDER_TOPIC, BigCommerceDocuments.order(id, startedAt, null, null, null));
        }
        JsonNode order = ok(res, "order " + id);
        ArrayNode products = JSON.createArrayNode();
        for (int page = 1; page <= MAX_PAGES; page++) {
            HttpResponse<byte[]> lines =
                    get(store, token, "/v2/orders/" + id + "/products?limit=" + PAGE + "&page=" + page);
            if (lines.statusCode() == 204 || lines.statusCode() == 404) {
                break;
            }
            JsonNode batch = ok(lines, "products of order " + id);
            if (!batch.isArray()) {
                throw new CallFailed("products of order " + id + ": the answer is not an array", Duration.ZERO);
            }
            products.addAll((ArrayNode) batch);
            if (batch.size() < PAGE) {
                break;
            }
        }
        ArrayNode refunds = JSON.createArrayNode();
        if (refunded(order)) {
            HttpResponse<byte[]> r = get(store, token, "/v3/orders/" + id + "/payment_actions/refunds");
            if (r.statusCode() != 204) {
                JsonNode data = ok(r, "refunds of order " + id).get("data");
                if (data != null && data.isArray()) {
                    refunds.addAll((ArrayNode) data);
                }
            }
        }
        return new Fetched(
                BigCommerceDocuments.ORDER_TOPIC, BigCommerceDocuments.order(id, startedAt, order, products, refunds));
    }

    /** Refunds are read only for orders that say something was refunded (one call fewer for most orders). */
    private static boolean refunded(JsonNode order) {
        JsonNode amount = order.get("refunded_amount");
        if (amount == null || amount.isNull()) {
            return false;
        }
        try {
            return new BigDecimal(amount.asText()).signum() > 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private HttpResponse<byte[]> get(String store, String token, String path) throws CallFailed {
        URI uri = URI.create(settings.apiBase() + "/stores/" + store + path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("X-Auth-Token", token)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            return Retry.decorateCheckedSupplier(
                            retry, () -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("GET " + path + " interrupted", Duration.ZERO);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new CallFailed("GET " + path + " failed: " + e, Duration.ZERO);
        }
    }

    private JsonNode ok(HttpResponse<byte[]> res, String what) throws CallFailed {
        int status = res.statusCode();
        if (status != 200) {
            Duration wait = status == 429 ? Duration.ofMillis(resetMillis(res).orElse(0L)) : Duration.ZERO;
            String hint = status == 401 || status == 403 ? " (check the store's token and its OAuth scopes)" : "";
            throw new CallFailed(
                    "reading " + what + " answered HTTP " + status + hint + " at "
                            + res.uri().getPath(),
                    wait);
        }
        try {
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new CallFailed("reading " + what + " gave JSON that cannot be read", Duration.ZERO);
        }
    }

    /** BigCommerce's reset header (milliseconds), capped to the longest in-process wait. */
    private Optional<Long> resetMillis(HttpResponse<byte[]> res) {
        return res.headers()
                .firstValue(RESET_HEADER)
                .flatMap(v -> {
                    try {
                        return Optional.of(Math.max(0, Long.parseLong(v.strip())));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                })
                .map(ms -> Math.min(ms, maxWait.toMillis()));
    }

    /** One API call that failed after its retries. */
    public static final class CallFailed extends Exception {
        private final transient Duration retryAfter;

        CallFailed(String message, Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }
    }
}
