package dev.edm.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** One HTTP POST and its outcome: 2xx sent; 429 and 5xx retried (with Retry-After); other 4xx permanent. */
final class HttpPost {
    private static final int EXCERPT = 200;
    private final Clock clock;
    private HttpClient client; // made at the first post: most commands never post, and TLS setup is slow to load

    HttpPost(Clock clock) {
        this.clock = clock;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return client;
    }

    SendResult post(URI uri, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("User-Agent", "edm-notify")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(req::header);
        String peer = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        HttpResponse<String> res;
        try {
            res = client().send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return SendResult.Failed.retry(Failures.describe(e, peer));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.Failed.retry("interrupted while sending to " + peer);
        }
        int status = res.statusCode();
        if (status >= 200 && status < 300) {
            return new SendResult.Sent("HTTP " + status + " from " + peer);
        }
        String error = "HTTP " + status + " from " + peer + ": " + excerpt(res.body());
        if (status == 429) {
            return new SendResult.Failed(
                    error, false, res.headers().firstValue("Retry-After").flatMap(this::retryAfter));
        }
        boolean permanent = status >= 400 && status < 500 && status != 408;
        return new SendResult.Failed(error, permanent, Optional.empty());
    }

    /** Retry-After as seconds or as an HTTP date. */
    Optional<Duration> retryAfter(String value) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }

    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String s = body.strip().replaceAll("\\s+", " ");
        return s.length() <= EXCERPT ? s : s.substring(0, EXCERPT) + "...";
    }
}
