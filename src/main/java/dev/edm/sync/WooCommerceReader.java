package dev.edm.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.config.SyncSettings;
import dev.edm.platform.SyncTopics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a WooCommerce store through REST API v3 ({@code /wp-json/wc/v3}): products, the variations of variable
 * products, and orders, {@code per_page=100} with {@code X-WP-TotalPages}. The consumer key and secret go in
 * basic auth (HTTPS), or as query parameters when {@code WOOCOMMERCE_AUTH_QUERY=true}.
 */
final class WooCommerceReader implements StoreReader {
    private static final int PER_PAGE = 100;

    /** A consumer key and secret. */
    record Keys(String key, String secret) {
        @Override
        public String toString() {
            return "Keys[****]";
        }
    }

    private final SyncSettings settings;
    private final Function<String, Optional<String>> registryTokens;
    private final ApiClient api;

    WooCommerceReader(SyncSettings settings, Function<String, Optional<String>> registryTokens, ApiClient api) {
        this.settings = settings;
        this.registryTokens = registryTokens;
        this.api = api;
    }

    @Override
    public boolean canRead(String store) {
        return keys(store).isPresent();
    }

    /** The store's own {@code KEY:SECRET} token from the registry, else the environment's for the default store. */
    Optional<Keys> keys(String store) {
        Optional<String> token = registryTokens.apply(store);
        if (token.isPresent() && token.get().indexOf(':') > 0) {
            String t = token.get();
            return Optional.of(new Keys(t.substring(0, t.indexOf(':')), t.substring(t.indexOf(':') + 1)));
        }
        boolean defaultStore =
                settings.wooUrl().isEmpty() || settings.wooUrl().get().getHost().equalsIgnoreCase(store);
        if (defaultStore
                && settings.wooKey().isPresent()
                && settings.wooSecret().isPresent()) {
            return Optional.of(
                    new Keys(settings.wooKey().get(), settings.wooSecret().get()));
        }
        return Optional.empty();
    }

    private String base(String store) {
        Optional<URI> site = settings.wooApiBase()
                .or(() -> settings.wooUrl().filter(u -> u.getHost().equalsIgnoreCase(store)));
        return site.map(URI::toString).orElse("https://" + store.toLowerCase(Locale.ROOT)) + "/wp-json/wc/v3";
    }

    @Override
    public void read(String store, ReadWindow window, Sink sink) throws SyncException {
        Keys keys = keys(store)
                .orElseThrow(() -> new SyncException("no REST API keys for WooCommerce store " + store
                        + " (set WOOCOMMERCE_CONSUMER_KEY/_SECRET, or edm stores add woocommerce " + store
                        + " --token KEY:SECRET)"));
        String base = base(store);
        String since = window.productsSince()
                .map(t -> "&modified_after=" + Documents.query(t))
                .orElse("");
        for (JsonNode p : all(base + "/products?", since, keys, "products", sink)) {
            String id = Documents.id(p, "id");
            sink.accept(new SyncDocument(DifferenceKind.PRODUCT, id, SyncTopics.PRODUCT, Documents.bytes(p)));
            if ("variable".equalsIgnoreCase(p.path("type").asText())) {
                for (JsonNode v : all(base + "/products/" + id + "/variations?", "", keys, "variations", sink)) {
                    sink.accept(new SyncDocument(
                            DifferenceKind.PRODUCT, Documents.id(v, "id"), SyncTopics.PRODUCT, variation(v, p, id)));
                }
            }
        }
        String orders = "&after=" + Documents.query(window.ordersCreatedFrom())
                + window.ordersUpdatedSince()
                        .map(t -> "&modified_after=" + Documents.query(t))
                        .orElse("");
        for (JsonNode o : all(base + "/orders?", orders, keys, "orders", sink)) {
            sink.accept(new SyncDocument(
                    DifferenceKind.ORDER, Documents.id(o, "id"), SyncTopics.ORDER, Documents.bytes(o)));
        }
    }

    /** A variation as its own webhook carries it: typed {@code variation}, with its parent and a name. */
    private static byte[] variation(JsonNode v, JsonNode parent, String parentId) {
        ObjectNode copy = v.deepCopy();
        if (!copy.hasNonNull("type")) {
            copy.put("type", "variation");
        }
        if (!copy.hasNonNull("parent_id") || "0".equals(copy.path("parent_id").asText())) {
            copy.put("parent_id", parentId);
        }
        if (!copy.hasNonNull("name")) {
            copy.put("name", parent.path("name").asText(null));
        }
        return Documents.bytes(copy);
    }

    /** Every element over all pages ({@code page=1..X-WP-TotalPages}). */
    private List<JsonNode> all(String path, String query, Keys keys, String what, Sink sink) throws SyncException {
        List<JsonNode> out = new java.util.ArrayList<>();
        int total = 1;
        for (int page = 1; page <= total; page++) {
            HttpResponse<byte[]> res = call(path + "per_page=" + PER_PAGE + "&page=" + page + query, keys);
            JsonNode json = api.json(res, what);
            sink.page();
            if (!json.isArray()) {
                throw new SyncException("reading " + what + ": the answer is not an array");
            }
            json.forEach(out::add);
            total = res.headers()
                    .firstValue("X-WP-TotalPages")
                    .map(WooCommerceReader::number)
                    .orElse(1);
            if (page > 10_000) {
                throw new SyncException("more than 10,000 pages of " + what + ": stopping");
            }
        }
        return out;
    }

    /** A GET with the keys in basic auth, or in the query when so configured. */
    private HttpResponse<byte[]> call(String url, Keys keys) throws SyncException {
        if (settings.wooQueryAuth()) {
            String sep = url.endsWith("?") ? "" : "&";
            return api.get(
                    URI.create(
                            url + sep + "consumer_key=" + enc(keys.key()) + "&consumer_secret=" + enc(keys.secret())),
                    Map.of());
        }
        String basic =
                Base64.getEncoder().encodeToString((keys.key() + ":" + keys.secret()).getBytes(StandardCharsets.UTF_8));
        return api.get(URI.create(url), Map.of("Authorization", "Basic " + basic));
    }

    private static int number(String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public SyncDocument unlisted(String store, String productId, Instant at) throws SyncException {
        Keys keys = keys(store).orElseThrow(() -> new SyncException("no REST API keys for " + store));
        HttpResponse<byte[]> res = call(base(store) + "/products/" + productId + "?", keys);
        if (res.statusCode() == 404) {
            return Documents.deletedProduct(productId);
        }
        JsonNode product = api.json(res, "product " + productId);
        return new SyncDocument(DifferenceKind.PRODUCT, productId, SyncTopics.PRODUCT, Documents.bytes(product));
    }
}
