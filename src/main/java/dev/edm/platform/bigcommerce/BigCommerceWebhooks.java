package dev.edm.platform.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.config.BigCommerceSettings;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.Platform;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.DetailRequest;
import dev.edm.platform.DetailRequests;
import dev.edm.platform.JsonBodies;
import dev.edm.platform.JsonFields;
import dev.edm.platform.StandardWebhookVerification;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.platform.Verification;
import dev.edm.platform.WebhookAdapter;
import dev.edm.signing.StandardWebhookScheme;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BigCommerce's webhook rules: the Standard Webhooks signature keyed with the app's client secret (its UTF-8
 * bytes), chosen by the payload's {@code producer} ({@code stores/{store_hash}}), plus an optional custom header
 * the hooks were registered with. Payloads are thin: the orders and products they name are read from the API
 * afterwards ({@link DetailRequests}) and stored as deliveries of their own, which this adapter also interprets.
 * Deduplicated on (store hash, scope, {@code hash}, {@code created_at}).
 */
public final class BigCommerceWebhooks implements WebhookAdapter, DetailRequests {
    private static final Pattern PRODUCER = Pattern.compile("stores/([A-Za-z0-9]{1,40})");

    private final BigCommerceSettings settings;
    private final boolean debugMode;
    private final Clock clock;

    public BigCommerceWebhooks(BigCommerceSettings settings, boolean debugMode, Clock clock) {
        this.settings = settings;
        this.debugMode = debugMode;
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.BIGCOMMERCE;
    }

    @Override
    public boolean acceptsContentType(String contentType) {
        return JsonBodies.isJsonMediaType(contentType);
    }

    @Override
    public boolean hasSignature(Map<String, String> headers) {
        return StandardWebhookVerification.signed(headers);
    }

    @Override
    public Verification verify(Map<String, String> headers, byte[] body) {
        Optional<String> syntax = JsonBodies.objectSyntaxProblem(body);
        JsonNode json = syntax.isEmpty() ? JsonFields.parse(body) : null;
        String storeHash = json == null ? null : storeHash(json);
        List<StandardWebhookScheme> keys = settings.secretsFor(storeHash).stream()
                .map(secret -> StandardWebhookScheme.fromRawKey(secret.getBytes(StandardCharsets.UTF_8)))
                .toList();
        Optional<Verification> failure = StandardWebhookVerification.failure(
                keys,
                headers,
                body,
                clock,
                debugMode,
                "no BigCommerce client secret is configured (set BIGCOMMERCE_CLIENT_SECRET or BIGCOMMERCE_SECRETS)");
        if (failure.isPresent()) {
            return failure.get();
        }
        Optional<Verification> header = checkAuthHeader(headers);
        if (header.isPresent()) {
            return header.get();
        }
        if (json == null) {
            return new Verification.Invalid(Verification.Problem.MALFORMED, syntax.orElseThrow());
        }
        String scope = JsonFields.text(json, "scope");
        if (scope == null || !scope.startsWith("store/") || scope.length() > 200) {
            return new Verification.Invalid(Verification.Problem.MALFORMED, "the payload has no BigCommerce scope");
        }
        if (storeHash == null) {
            return new Verification.Invalid(
                    Verification.Problem.MALFORMED, "the payload's producer is not stores/{store_hash}");
        }
        String hash = JsonFields.text(json, "hash");
        if (hash == null || hash.length() > 64) {
            return new Verification.Invalid(Verification.Problem.MALFORMED, "the payload has no hash");
        }
        Long createdAt = json.path("created_at").canConvertToLong()
                ? json.path("created_at").asLong()
                : null;
        String dedupeKey = storeHash + ":" + scope + ":" + hash + (createdAt == null ? "" : ":" + createdAt);
        String messageId = headers.get(StandardWebhookScheme.ID);
        return new Verification.Verified(new DeliveryMeta(
                storeHash,
                scope,
                dedupeKey,
                messageId == null ? null : messageId.strip(),
                createdAt == null ? null : Instant.ofEpochSecond(createdAt).toString(),
                null,
                StandardWebhookVerification.signed(headers),
                StandardWebhookVerification.kept(headers)));
    }

    /** When a custom header is configured, every callback must carry it with the configured value. */
    private Optional<Verification> checkAuthHeader(Map<String, String> headers) {
        if (settings.authHeader().isEmpty()) {
            return Optional.empty();
        }
        BigCommerceSettings.AuthHeader expected = settings.authHeader().get();
        String given = headers.get(expected.name());
        boolean matches = given != null
                && MessageDigest.isEqual(
                        given.strip().getBytes(StandardCharsets.UTF_8),
                        expected.value().getBytes(StandardCharsets.UTF_8));
        return matches
                ? Optional.empty()
                : Optional.of(new Verification.Unauthorized("missing or wrong " + expected.name() + " header"));
    }

    /** The store hash of {@code producer}, lower case; null when the payload names none. */
    static String storeHash(JsonNode json) {
        String producer = JsonFields.text(json, "producer");
        if (producer == null) {
            return null;
        }
        Matcher m = PRODUCER.matcher(producer);
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    @Override
    public boolean handlesTopic(String topic) {
        return topic != null && (BigCommerceThin.handles(topic) || BigCommerceDocuments.TOPICS.contains(topic));
    }

    @Override
    public List<CanonicalEvent> interpret(String topic, String store, byte[] body, Instant receivedAt) {
        if (BigCommerceDocuments.TOPICS.contains(topic)) {
            return BigCommerceDocuments.interpret(topic, store, body);
        }
        return BigCommerceThin.events(topic, store, JsonFields.parse(body), receivedAt);
    }

    @Override
    public List<DetailRequest> detailRequests(String topic, String store, byte[] body) {
        if (topic == null || !BigCommerceThin.handles(topic)) {
            return List.of();
        }
        JsonNode json = JsonFields.parse(body);
        if (json.get("data") == null || !json.get("data").isObject()) {
            throw new UnreadablePayloadException("missing \"data\" object");
        }
        return BigCommerceThin.requests(topic, json);
    }
}
