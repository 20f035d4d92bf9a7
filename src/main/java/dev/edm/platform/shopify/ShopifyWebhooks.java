package dev.edm.platform.shopify;

import dev.edm.config.ShopifySettings;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.Platform;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.HmacSignatures;
import dev.edm.platform.JsonBodies;
import dev.edm.platform.PersonalDataRules;
import dev.edm.platform.SyncTopics;
import dev.edm.platform.Verification;
import dev.edm.platform.WebhookAdapter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Shopify's webhook rules: {@code X-Shopify-Hmac-Sha256} is base64 HMAC-SHA256 of the raw body keyed with
 * the app secret (UTF-8), chosen by {@code X-Shopify-Shop-Domain}. Every configured secret for the shop is
 * tried, so rotation needs no downtime. Unsigned deliveries pass only in debug mode.
 */
public final class ShopifyWebhooks implements WebhookAdapter {
    private final ShopifyPersonalData personalData = new ShopifyPersonalData();
    static final String HMAC = "x-shopify-hmac-sha256";
    static final String TOPIC = "x-shopify-topic";
    static final String SHOP = "x-shopify-shop-domain";
    static final String WEBHOOK_ID = "x-shopify-webhook-id";
    static final String EVENT_ID = "x-shopify-event-id";
    static final String TRIGGERED_AT = "x-shopify-triggered-at";
    static final String API_VERSION = "x-shopify-api-version";
    private static final Pattern SHOP_DOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]{0,98}[a-z0-9])?(\\.[a-z0-9-]{1,63}){1,4}");
    private static final Set<String> HANDLED_TOPICS = Set.of(
            "products/create",
            "products/update",
            "products/delete",
            "inventory_levels/update",
            "inventory_levels/connect",
            "inventory_levels/disconnect",
            "inventory_items/create",
            "inventory_items/update",
            "inventory_items/delete",
            "orders/create",
            "orders/paid",
            "orders/cancelled",
            "orders/updated",
            "refunds/create",
            "app/uninstalled",
            ShopifyPayloads.LEGACY_PRODUCTS,
            SyncTopics.PRODUCT,
            SyncTopics.PRODUCT_DELETED,
            SyncTopics.INVENTORY_LEVEL,
            SyncTopics.ORDER);

    /** The store of simplified-format deliveries that name none (and SHOPIFY_STORE is unset). */
    public static final String LEGACY_DEFAULT_SHOP = "default";

    private static final int MAX_REMEMBERED_SHOPS = 10_000;
    private final Set<String> validShops = ConcurrentHashMap.newKeySet();
    private final ShopifySettings settings;
    private final boolean debugMode;

    public ShopifyWebhooks(ShopifySettings settings, boolean debugMode) {
        this.settings = settings;
        this.debugMode = debugMode;
    }

    @Override
    public Platform platform() {
        return Platform.SHOPIFY;
    }

    @Override
    public boolean acceptsContentType(String contentType) {
        return JsonBodies.isJsonMediaType(contentType);
    }

    @Override
    public boolean hasSignature(Map<String, String> headers) {
        return header(headers, HMAC) != null;
    }

    @Override
    public Verification verify(Map<String, String> headers, byte[] body) {
        String shop = Optional.ofNullable(header(headers, SHOP))
                .map(s -> s.toLowerCase(Locale.ROOT))
                .orElse(settings.store().orElse(null));
        String signature = header(headers, HMAC);
        boolean signed = signature != null;
        if (signed) {
            List<String> secrets = settings.secretsFor(shop);
            if (secrets.isEmpty()) {
                return new Verification.NotConfigured(
                        "no Shopify webhook secret is configured (set SHOPIFY_WEBHOOK_SECRET or SHOPIFY_SECRETS)");
            }
            if (!HmacSignatures.matchesAny(signature, body, secrets)) {
                return new Verification.Unauthorized("X-Shopify-Hmac-Sha256 does not match the body");
            }
        } else if (!debugMode) {
            return new Verification.Unauthorized("missing X-Shopify-Hmac-Sha256 header");
        }
        Optional<String> syntax = JsonBodies.objectSyntaxProblem(body);
        String topic = header(headers, TOPIC);
        if (topic == null && syntax.isEmpty() && JsonBodies.hasTopLevelArray(body, "products")) {
            // the original tool's simplified test format: no topic header, {"products":[...]}
            topic = ShopifyPayloads.LEGACY_PRODUCTS;
            if (shop == null) {
                shop = LEGACY_DEFAULT_SHOP;
            }
        }
        if (shop == null) {
            return new Verification.Invalid(
                    Verification.Problem.MISSING_HEADER, "missing X-Shopify-Shop-Domain header");
        }
        if (!isShopDomain(shop) && !shop.equals(LEGACY_DEFAULT_SHOP)) {
            return new Verification.Invalid(
                    Verification.Problem.MALFORMED, "X-Shopify-Shop-Domain is not a shop domain");
        }
        if (topic == null) {
            return new Verification.Invalid(Verification.Problem.MISSING_HEADER, "missing X-Shopify-Topic header");
        }
        if (syntax.isPresent()) {
            return new Verification.Invalid(Verification.Problem.MALFORMED, syntax.get());
        }
        return new Verification.Verified(new DeliveryMeta(
                shop,
                topic.toLowerCase(Locale.ROOT),
                header(headers, WEBHOOK_ID),
                header(headers, EVENT_ID),
                header(headers, TRIGGERED_AT),
                header(headers, API_VERSION),
                signed,
                kept(headers)));
    }

    @Override
    public Optional<PersonalDataRules> personalData() {
        return Optional.of(personalData);
    }

    @Override
    public boolean handlesTopic(String topic) {
        return topic != null && HANDLED_TOPICS.contains(topic);
    }

    @Override
    public List<CanonicalEvent> interpret(String topic, String store, byte[] body, Instant receivedAt) {
        return ShopifyPayloads.interpret(topic, store, body, receivedAt);
    }

    /** base64(HMAC-SHA256(secret, body)), as Shopify computes it. */
    public static String sign(String secret, byte[] body) {
        return HmacSignatures.sign(secret, body);
    }

    /** Whether the shop matches {@link #SHOP_DOMAIN}; shops seen valid before are remembered (they are few). */
    private boolean isShopDomain(String shop) {
        if (validShops.contains(shop)) {
            return true;
        }
        if (!SHOP_DOMAIN.matcher(shop).matches()) {
            return false;
        }
        if (validShops.size() >= MAX_REMEMBERED_SHOPS) {
            validShops.clear();
        }
        validShops.add(shop);
        return true;
    }

    /** The Shopify header, also under the unprefixed names of Shopify's newer event deliveries. */
    private static String header(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            value = headers.get(name.substring("x-".length()));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Map<String, String> kept(Map<String, String> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name.startsWith("x-shopify-") || name.startsWith("shopify-")) {
                kept.put(name, value);
            }
        });
        return kept;
    }
}
