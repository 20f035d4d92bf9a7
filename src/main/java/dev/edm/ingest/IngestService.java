package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.ingest.IngestResult.Rejected;
import dev.edm.ingest.IngestResult.Rejection;
import dev.edm.platform.Challenge;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.Verification;
import dev.edm.platform.WebhookAdapter;
import dev.edm.storage.StorageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest pipeline: size and media-type checks, signature verification, then a durable commit to the
 * inbox before the caller may acknowledge. Outcomes are values; storage failures throw
 * {@link StorageException} so the caller answers 503 and the platform retries.
 */
public final class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final Duration UNAVAILABLE_RETRY = Duration.ofSeconds(30);

    private final Map<Platform, WebhookAdapter> adapters;
    private final GroupCommitInbox inbox;
    private final FailureRateLimiter limiter;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final long maxBodyBytes;
    private final VerifyFailures verifyFailures;

    IngestService(
            Map<Platform, WebhookAdapter> adapters,
            GroupCommitInbox inbox,
            FailureRateLimiter limiter,
            IngestMetrics metrics,
            Clock clock,
            long maxBodyBytes,
            VerifyFailures verifyFailures) {
        this.adapters = Map.copyOf(adapters);
        this.inbox = inbox;
        this.limiter = limiter;
        this.metrics = metrics;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.verifyFailures = verifyFailures;
    }

    /** Checks, verifies and durably stores one delivery. */
    public IngestResult ingest(IngestRequest request) {
        Platform platform = request.platform();
        metrics.received(platform);
        IngestResult result;
        try {
            result = check(request);
        } catch (StorageException e) {
            metrics.storageFailure(platform);
            throw e;
        }
        metrics.outcome(platform, result);
        return result;
    }

    /** The platform's answer to an endpoint-ownership check; empty when the platform has none. */
    public Optional<Challenge> challenge(Platform platform, Map<String, String> query) {
        WebhookAdapter adapter = adapters.get(platform);
        return adapter == null ? Optional.empty() : adapter.answerChallenge(query);
    }

    private WebhookAdapter adapter(IngestRequest request) {
        WebhookAdapter adapter = adapters.get(request.platform());
        if (adapter == null || request.channel() == null) {
            return adapter;
        }
        return adapter.channel(request.channel()).orElse(null);
    }

    private IngestResult check(IngestRequest request) {
        WebhookAdapter adapter = adapter(request);
        if (adapter == null) {
            return new Rejected(Rejection.NOT_CONFIGURED, request.platform().id() + " webhooks are not supported yet");
        }
        if (request.contentLength().isPresent() && request.contentLength().getAsLong() > maxBodyBytes) {
            return tooLarge();
        }
        if (!adapter.acceptsContentType(request.contentType())) {
            return new Rejected(
                    Rejection.UNSUPPORTED_MEDIA_TYPE,
                    (request.channel() == null
                                    ? "Content-Type must be application/json, got "
                                    : "Content-Type must be text/xml, got ")
                            + (request.contentType() == null ? "none" : request.contentType()));
        }
        if (!adapter.hasSignature(request.headers())) { // signed deliveries are never limited
            Duration limited = limiter.limitedFor(request.clientAddress());
            if (!limited.isZero()) {
                return rateLimited(limited);
            }
        }
        byte[] body = readLimited(request.body().get(), request.contentLength().orElse(-1));
        if (body == null) {
            return tooLarge();
        }
        return switch (adapter.verify(request.headers(), body)) {
            case Verification.Verified v -> store(request.platform(), v.meta(), body);
            case Verification.Unauthorized u -> {
                verifyFailures.record(request.platform(), request.headers());
                Duration wait = limiter.recordFailure(request.clientAddress());
                yield wait.isZero() ? new Rejected(Rejection.UNAUTHORIZED, u.message()) : rateLimited(wait);
            }
            case Verification.Invalid i -> new Rejected(rejection(i.problem()), i.message());
            case Verification.NotConfigured n -> {
                log.error("{} delivery refused: {}", request.platform().id(), n.message());
                yield new Rejected(Rejection.NOT_CONFIGURED, n.message());
            }
            case Verification.Unavailable u -> {
                log.warn("{} delivery answered 503: {}", request.platform().id(), u.message());
                yield new Rejected(Rejection.UNAVAILABLE, u.message(), UNAVAILABLE_RETRY);
            }
            case Verification.Acknowledged a -> {
                log.info("{} {} answered; nothing stored", request.platform().id(), a.status());
                yield new IngestResult.Acknowledged(a.status());
            }
        };
    }

    private static Rejection rejection(Verification.Problem problem) {
        return switch (problem) {
            case MISSING_HEADER -> Rejection.MISSING_HEADER;
            case MALFORMED -> Rejection.MALFORMED;
            case UNSUPPORTED_MEDIA_TYPE -> Rejection.UNSUPPORTED_MEDIA_TYPE;
        };
    }

    private IngestResult store(Platform platform, DeliveryMeta meta, byte[] body) {
        if (!meta.signed()) {
            log.warn(
                    "accepting UNSIGNED {} delivery for {} (topic {}) because DEBUG_MODE=true; never run production like this",
                    platform.id(),
                    meta.store(),
                    meta.topic());
        }
        NewDelivery delivery = new NewDelivery(platform, meta, HeadersJson.write(meta.headers()), body, clock.millis());
        try {
            // no timer per request: the inbox's watchdog fails the wait after GroupCommitInbox.COMMIT_LIMIT_MILLIS
            return inbox.submit(delivery).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StorageException se) {
                throw se;
            }
            throw new StorageException("inbox commit failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while committing", e);
        }
    }

    private Rejected tooLarge() {
        return new Rejected(Rejection.TOO_LARGE, "body is larger than the limit of " + maxBodyBytes + " bytes");
    }

    private static Rejected rateLimited(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new Rejected(
                Rejection.RATE_LIMITED,
                "too many failed verifications from this address; retry in " + seconds + " s",
                Duration.ofSeconds(seconds));
    }

    /**
     * Reads at most the limit; null when the body is larger. Never holds more than limit + 1 bytes. A body of
     * declared length is read straight into an array of that size; one that turns out longer (e.g. decoded from a
     * compressed request) goes on into a growing buffer.
     */
    private byte[] readLimited(InputStream in, long declaredLength) {
        try (in) {
            byte[] first = new byte[(int) Math.min(Math.max(declaredLength, 0), maxBodyBytes)];
            int n = in.readNBytes(first, 0, first.length);
            if (n < first.length) {
                return Arrays.copyOf(first, n);
            }
            int next = in.read();
            if (next == -1) {
                return first;
            }
            if (n + 1L > maxBodyBytes) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, n + 8192));
            out.write(first, 0, n);
            out.write(next);
            byte[] buffer = new byte[8192];
            long total = n + 1L;
            int read;
            while ((read = in.read(buffer)) != -1) {
                total += read;
                if (total > maxBodyBytes) {
                    return null;
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }
}
