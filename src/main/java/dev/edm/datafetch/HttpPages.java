package dev.edm.datafetch;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * GETs one page with Resilience4j: 429, 500, 502, 503, 504, network errors and timeouts are retried after the
 * policy's backoff or the server's {@code Retry-After}; any other status that is not 2xx fails at once with the
 * status and the start of the body.
 */
final class HttpPages implements AutoCloseable {
    static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private static final int EXCERPT = 300;

    /** A page as received. */
    record Response(URI uri, int status, HttpHeaders headers, byte[] body) {}

    private final HttpClient client;
    private final Duration timeout;
    private final List<Header> headers;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Progress progress;
    private int retries;

    HttpPages(
            Duration timeout,
            List<Header> headers,
            RetryPolicy policy,
            Sleeper sleeper,
            Clock clock,
            Progress progress) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timeout = timeout;
        this.headers = headers;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public void close() {
        client.close();
    }

    /** Retries made so far, over all pages. */
    int retries() {
        return retries;
    }

    Response get(URI uri, int page) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        headers.forEach(h -> builder.setHeader(h.name(), h.value()));
        HttpRequest request = builder.build();
        Retry retry = Retry.of(
                "edm-fetch",
                RetryConfig.<HttpResponse<byte[]>>custom()
                        .maxAttempts(policy.retries() + 1)
                        .retryOnResult(r -> RETRYABLE.contains(r.statusCode()))
                        .retryExceptions(IOException.class)
                        .intervalBiFunction(waitVia(uri))
                        .build());
        HttpResponse<byte[]> res;
        try {
            res = Retry.decorateCheckedSupplier(
                            retry, () -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()))
                    .get();
        } catch (FetchFailed e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailed("page " + page + " (" + uri + "): interrupted");
        } catch (HttpTimeoutException e) {
            throw new FetchFailed(
                    "page " + page + " (" + uri + "): no answer within " + timeout.toMillis() + " ms" + afterRetries());
        } catch (ConnectException e) {
            throw new FetchFailed(
                    "page " + page + " (" + uri + "): cannot connect (" + e.getMessage() + ")" + afterRetries());
        } catch (IOException e) {
            throw new FetchFailed("page " + page + " (" + uri + "): " + e + afterRetries());
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new FetchFailed("page " + page + " (" + uri + "): " + e);
        }
        int status = res.statusCode();
        if (status < 200 || status > 299) {
            String when = RETRYABLE.contains(status) ? afterRetries() : "";
            throw new FetchFailed(
                    "page " + page + " (" + uri + ") answered HTTP " + status + when + ": " + excerpt(res.body()));
        }
        return new Response(res.uri(), status, res.headers(), res.body());
    }

    /**
     * Computes the wait (backoff or Retry-After) and waits through the {@link Sleeper}, so tests observe the
     * schedule without sleeping; Resilience4j then retries at once (interval 0).
     */
    private IntervalBiFunction<HttpResponse<byte[]>> waitVia(URI uri) {
        return (attempt, outcome) -> {
            String why;
            Duration wait;
            if (outcome.isRight()) {
                HttpResponse<byte[]> r = outcome.get();
                why = "HTTP " + r.statusCode();
                wait = policy.wait(attempt, r.headers().firstValue("Retry-After"), clock.instant());
            } else {
                Throwable error = outcome.getLeft();
                why = error instanceof HttpTimeoutException ? "timed out" : error.toString();
                wait = policy.backoff(attempt);
            }
            retries++;
            progress.retrying(uri, why, attempt, wait);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchFailed(uri + ": interrupted while waiting to retry");
            }
            return 0L;
        };
    }

    private String afterRetries() {
        return policy.retries() == 0 ? "" : " (after " + policy.retries() + " retries)";
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, EXCERPT * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ")
                .strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text;
    }
}
