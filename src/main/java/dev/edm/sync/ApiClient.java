package dev.edm.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET calls to a platform's REST API. Each call is retried by Resilience4j on network errors, 429 (waiting
 * {@code Retry-After}) and 5xx; near the limit of Shopify's leaky bucket ({@code X-Shopify-Shop-Api-Call-Limit})
 * the next call waits until the bucket has drained. Waits go through a {@link WaitPolicy}.
 */
final class ApiClient {
    static final String CALL_LIMIT = "X-Shopify-Shop-Api-Call-Limit";
    private static final Pattern LIMIT = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 5;
    private static final Duration BACKOFF = Duration.ofMillis(500);
    /** Shopify's bucket leaks 2 calls a second on the standard plan. */
    private static final double LEAK_PER_SECOND = 2.0;

    private final HttpClient client;
    private final Retry retry;
    private final WaitPolicy waits;
    private final Counter throttled;

    ApiClient(String platform, MeterRegistry registry, WaitPolicy waits) {
        this.waits = waits;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        IntervalBiFunction<HttpResponse<byte[]>> interval = (attempt, outcome) -> {
            Duration backoff = BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 6));
            if (outcome.isRight() && outcome.get().statusCode() == 429) {
                return waits.millis(retryAfter(outcome.get()).orElse(Duration.ofSeconds(1)));
            }
            return waits.millis(backoff);
        };
        this.retry = Retry.of(
                "sync-" + platform,
                RetryConfig.<HttpResponse<byte[]>>custom()
                        .maxAttempts(ATTEMPTS)
                        .retryOnResult(r -> r.statusCode() == 429 || r.statusCode() >= 500)
                        .retryExceptions(IOException.class)
                        .intervalBiFunction(interval)
                        .build());
        Counter retries = Counter.builder("edm.sync.http.retries")
                .description("Reconciliation API calls repeated after a network error, 429 or 5xx")
                .tag("platform", platform)
                .register(registry);
        retry.getEventPublisher().onRetry(e -> retries.increment());
        this.throttled = Counter.builder("edm.sync.throttle.waits")
                .description("Reconciliation pauses made because a platform's rate limit was nearly reached")
                .tag("platform", platform)
                .register(registry);
    }

    /** A GET with these headers; the answer whatever its status (after retries). */
    HttpResponse<byte[]> get(URI uri, Map<String, String> headers) throws SyncException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .GET();
        headers.forEach(b::header);
        HttpRequest request = b.build();
        HttpResponse<byte[]> res;
        try {
            res = Retry.decorateCheckedSupplier(
                            retry, () -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException("GET " + uri.getPath() + " interrupted");
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new SyncException("GET " + uri.getPath() + " failed: " + e);
        }
        slowDownNearLimit(res);
        return res;
    }

    /** The JSON of a 200 answer; any other status is a failure naming it. */
    JsonNode json(HttpResponse<byte[]> res, String what) throws SyncException {
        int status = res.statusCode();
        if (status != 200) {
            String hint = status == 401 || status == 403 ? " (check the store's credentials and their scopes)" : "";
            throw new SyncException("reading " + what + " answered HTTP " + status + hint + " at "
                    + res.uri().getPath());
        }
        try {
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new SyncException("reading " + what + " gave JSON that cannot be read");
        }
    }

    /** Above 80% of the bucket, waits until it is back to half full. */
    private void slowDownNearLimit(HttpResponse<byte[]> res) throws SyncException {
        Optional<String> header = res.headers().firstValue(CALL_LIMIT);
        if (header.isEmpty()) {
            return;
        }
        Matcher m = LIMIT.matcher(header.get());
        if (!m.find()) {
            return;
        }
        int used = Integer.parseInt(m.group(1));
        int max = Integer.parseInt(m.group(2));
        if (max <= 0 || used < max * 0.8) {
            return;
        }
        Duration wait = Duration.ofMillis((long) ((used - max / 2.0) / LEAK_PER_SECOND * 1000));
        throttled.increment();
        pause(wait);
    }

    private void pause(Duration wait) throws SyncException {
        try {
            Thread.sleep(waits.millis(wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException("interrupted while waiting for the rate limit");
        }
    }

    /** {@code Retry-After} in seconds (Shopify sends "2.0"). */
    static Optional<Duration> retryAfter(HttpResponse<byte[]> res) {
        return res.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v.strip()) * 1000)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The {@code rel="next"} URL of a {@code Link} header, if any. */
    static Optional<URI> nextLink(HttpResponse<byte[]> res) {
        for (String link : res.headers().allValues("Link")) {
            for (String part : link.split(",")) {
                if (part.contains("rel=\"next\"")) {
                    int start = part.indexOf('<');
                    int end = part.indexOf('>');
                    if (start >= 0 && end > start) {
                        return Optional.of(
                                URI.create(part.substring(start + 1, end).strip()));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
