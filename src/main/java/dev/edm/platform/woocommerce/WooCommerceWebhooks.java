package dev.edm.platform.woocommerce;

import dev.edm.config.StoreSecrets;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.Platform;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.HmacSignatures;
import dev.edm.platform.JsonBodies;
import dev.edm.platform.SyncTopics;
import dev.edm.platform.Verification;
import dev.edm.platform.Verification.Invalid;
import dev.edm.platform.Verification.Problem;
import dev.edm.platform.WebhookAdapter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * WooCommerce's webhook rules: {@code X-WC-Webhook-Signature} is base64 HMAC-SHA256 of the raw body keyed with
 * the webhook secret (entity-decoded, UTF-8), chosen by the store host of {@code X-WC-Webhook-Source}; every
 * configured secret of the store is tried, so rotation needs no downtime. The unsigned creation ping
 * ({@code webhook_id=<id>}, form-encoded) is acknowledged and nothing is stored. Unsigned deliveries pass only in
 * debug mode.
 */
public final class WooCommerceWebhooks implements WebhookAdapter {
    static final String SIGNATURE = "x-wc-webhook-signature";
    static final String SOURCE = "x-wc-webhook-source";
    static final String TOPIC = "x-wc-webhook-topic";
    static final String WEBHOOK_ID = "x-wc-webhook-id";
    static final String DELIVERY_ID = "x-wc-webhook-delivery-id";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern PING = Pattern.compile("webhook_id=\\d{1,20}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,20}");
    private static final Pattern DELIVERY = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Set<String> HANDLED_TOPICS = Set.of(
            "product.created",
            "product.updated",
            "product.deleted",
            "product.restored",
            "product.published",
            "order.created",
            "order.updated",
            SyncTopics.PRODUCT,
            SyncTopics.PRODUCT_DELETED,
            SyncTopics.ORDER);

    private final StoreSecrets secrets;
    private final boolean debugMode;

    public WooCommerceWebhooks(StoreSecrets secrets, boolean debugMode) {
        this.secrets = secrets;
        this.debugMode = debugMode;
    }

    @Override
    public Platform platform() {
        return Platform.WOOCOMMERCE;
    }

    /** JSON for deliveries; form-encoded (or untyped) bodies may only be the creation ping, checked in verify. */
    @Override
    public boolean acceptsContentType(String contentType) {
        return contentType == null || JsonBodies.isJsonMediaType(contentType) || isForm(contentType);
    }

    @Override
    public boolean hasSignature(Map<String, String> headers) {
        return header(headers, SIGNATURE) != null;
    }

    @Override
    public Verification verify(Map<String, String> headers, byte[] body) {
        if (isPing(body)) {
            return new Verification.Acknowledged("ping");
        }
        String contentType = headers.get("content-type");
        if (!JsonBodies.isJsonMediaType(contentType)) {
            return new Invalid(
                    Problem.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json (a form-encoded body is accepted only as WooCommerce's "
                            + "creation ping webhook_id=<id>), got " + (contentType == null ? "none" : contentType));
        }
        // the store chooses the secret, so without it there is nothing to verify against
        String source = header(headers, SOURCE);
        if (source == null) {
            return new Invalid(Problem.MISSING_HEADER, "missing X-WC-Webhook-Source header");
        }
        String store = StoreHost.of(source).orElse(null);
        if (store == null) {
            return new Invalid(Problem.MALFORMED, "X-WC-Webhook-Source is not a site address");
        }
        String signature = header(headers, SIGNATURE);
        boolean signed = signature != null;
        if (signed) {
            List<String> candidates = secrets.secretsFor(store);
            if (candidates.isEmpty()) {
                return new Verification.NotConfigured("no WooCommerce webhook secret is configured "
                        + "(set WOOCOMMERCE_WEBHOOK_SECRET or WOOCOMMERCE_SECRETS)");
            }
            List<String> keys = candidates.stream().map(SecretKey::of).toList();
            if (!HmacSignatures.matchesAny(signature, body, keys)) {
                return new Verification.Unauthorized("X-WC-Webhook-Signature does not match the body");
            }
        } else if (!debugMode) {
            return new Verification.Unauthorized("missing X-WC-Webhook-Signature header");
        }
        Optional<Invalid> problem = headerProblem(headers);
        if (problem.isPresent()) {
            return problem.get();
        }
        Optional<String> syntax = JsonBodies.objectSyntaxProblem(body);
        if (syntax.isPresent()) {
            return new Invalid(Problem.MALFORMED, syntax.get());
        }
        String webhookId = header(headers, WEBHOOK_ID);
        String deliveryId = header(headers, DELIVERY_ID);
        return new Verification.Verified(new DeliveryMeta(
                store,
                header(headers, TOPIC).toLowerCase(Locale.ROOT),
                dedupeKey(store, webhookId, deliveryId, body),
                deliveryId,
                null,
                null,
                signed,
                kept(headers)));
    }

    private static Optional<Invalid> headerProblem(Map<String, String> headers) {
        if (header(headers, TOPIC) == null) {
            return Optional.of(new Invalid(Problem.MISSING_HEADER, "missing X-WC-Webhook-Topic header"));
        }
        String webhookId = header(headers, WEBHOOK_ID);
        if (webhookId == null) {
            return Optional.of(new Invalid(Problem.MISSING_HEADER, "missing X-WC-Webhook-ID header"));
        }
        if (!NUMBER.matcher(webhookId).matches()) {
            return Optional.of(new Invalid(Problem.MALFORMED, "X-WC-Webhook-ID is not a number"));
        }
        String deliveryId = header(headers, DELIVERY_ID);
        if (deliveryId == null) {
            return Optional.of(new Invalid(Problem.MISSING_HEADER, "missing X-WC-Webhook-Delivery-ID header"));
        }
        if (!DELIVERY.matcher(deliveryId).matches()) {
            return Optional.of(new Invalid(Problem.MALFORMED, "X-WC-Webhook-Delivery-ID is not a delivery id"));
        }
        return Optional.empty();
    }

    @Override
    public boolean handlesTopic(String topic) {
        return topic != null && HANDLED_TOPICS.contains(topic);
    }

    @Override
    public List<CanonicalEvent> interpret(String topic, String store, byte[] body, Instant receivedAt) {
        return WooCommercePayloads.interpret(topic, store, body, receivedAt);
    }

    /** base64(HMAC-SHA256(secret, body)), as WooCommerce computes it (an empty secret is allowed). */
    public static String sign(String secret, byte[] body) {
        return HmacSignatures.sign(SecretKey.of(secret), body);
    }

    /**
     * What makes a delivery unique. {@code X-WC-Webhook-Delivery-ID} is a hash of the webhook id and the current
     * second, so two resources sent by one webhook within a second share it: the key adds a digest of the store
     * and body. The very same request sent twice is therefore a duplicate, and nothing else is.
     */
    static String dedupeKey(String store, String webhookId, String deliveryId, byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha256.update(store.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        byte[] digest = sha256.digest(body);
        return webhookId + ":" + deliveryId + ":" + HexFormat.of().formatHex(digest, 0, 16);
    }

    /** The creation ping: exactly {@code webhook_id=<digits>} (WooCommerce sends it unsigned, without X-WC headers). */
    static boolean isPing(byte[] body) {
        if (body.length > 40) {
            return false;
        }
        return PING.matcher(new String(body, StandardCharsets.US_ASCII).strip()).matches();
    }

    private static boolean isForm(String contentType) {
        return contentType.split(";", 2)[0].strip().equalsIgnoreCase(FORM);
    }

    private static String header(Map<String, String> headers, String name) {
        String value = headers.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Map<String, String> kept(Map<String, String> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name.startsWith("x-wc-webhook-")) {
                kept.put(name, value);
            }
        });
        return kept;
    }
}
