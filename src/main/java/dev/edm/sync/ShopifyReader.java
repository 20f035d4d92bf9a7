package dev.edm.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.config.SyncSettings;
import dev.edm.platform.SyncTopics;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a Shopify shop through the REST Admin API, whose resources are exactly what webhooks carry: products
 * with their variants, inventory levels of their items (50 items per call), and orders. Pages follow the
 * {@code Link} header; rate limits are handled by {@link ApiClient}.
 */
final class ShopifyReader implements StoreReader {
    private static final int ITEMS_PER_CALL = 50;

    private final SyncSettings settings;
    private final Function<String, Optional<String>> tokens;
    private final ApiClient api;

    ShopifyReader(SyncSettings settings, Function<String, Optional<String>> tokens, ApiClient api) {
        this.settings = settings;
        this.tokens = tokens;
        this.api = api;
    }

    @Override
    public boolean canRead(String store) {
        return tokens.apply(store).isPresent();
    }

    @Override
    public void read(String store, ReadWindow window, Sink sink) throws SyncException {
        Map<String, String> headers = headers(store);
        String base = base(store);
        Set<String> items = new LinkedHashSet<>(window.knownInventoryItems());
        String products = base + "/products.json?limit=250"
                + window.productsSince()
                        .map(t -> "&updated_at_min=" + Documents.query(t))
                        .orElse("");
        for (JsonNode p : pages(URI.create(products), headers, "products", sink)) {
            for (JsonNode v : p.path("variants")) {
                String item = Documents.id(v, "inventory_item_id");
                if (item != null) {
                    items.add(item);
                }
            }
            sink.accept(new SyncDocument(
                    DifferenceKind.PRODUCT, Documents.id(p, "id"), SyncTopics.PRODUCT, Documents.bytes(p)));
        }
        List<String> all = new ArrayList<>(items);
        for (int i = 0; i < all.size(); i += ITEMS_PER_CALL) {
            String ids = String.join(",", all.subList(i, Math.min(all.size(), i + ITEMS_PER_CALL)));
            URI levels = URI.create(base + "/inventory_levels.json?limit=250&inventory_item_ids=" + ids);
            for (JsonNode l : pages(levels, headers, "inventory_levels", sink)) {
                String key = Documents.id(l, "inventory_item_id") + "@" + Documents.id(l, "location_id");
                sink.accept(
                        new SyncDocument(DifferenceKind.STOCK, key, SyncTopics.INVENTORY_LEVEL, Documents.bytes(l)));
            }
        }
        String orders = base + "/orders.json?status=any&limit=250&created_at_min="
                + Documents.query(window.ordersCreatedFrom())
                + window.ordersUpdatedSince()
                        .map(t -> "&updated_at_min=" + Documents.query(t))
                        .orElse("");
        for (JsonNode o : pages(URI.create(orders), headers, "orders", sink)) {
            sink.accept(new SyncDocument(
                    DifferenceKind.ORDER, Documents.id(o, "id"), SyncTopics.ORDER, Documents.bytes(o)));
        }
    }

    /** Every element of the named array over all pages (following {@code Link: <...>; rel="next"}). */
    private List<JsonNode> pages(URI first, Map<String, String> headers, String field, Sink sink) throws SyncException {
        List<JsonNode> all = new ArrayList<>();
        Optional<URI> next = Optional.of(first);
        int pages = 0;
        while (next.isPresent()) {
            if (++pages > 10_000) {
                throw new SyncException("more than 10,000 pages of " + field + ": stopping");
            }
            HttpResponse<byte[]> res = api.get(next.get(), headers);
            JsonNode json = api.json(res, field);
            sink.page();
            JsonNode array = json.path(field);
            if (!array.isArray()) {
                throw new SyncException("reading " + field + ": the answer has no \"" + field + "\" array");
            }
            array.forEach(all::add);
            next = ApiClient.nextLink(res);
        }
        return all;
    }

    @Override
    public SyncDocument unlisted(String store, String productId, Instant at) throws SyncException {
        HttpResponse<byte[]> res =
                api.get(URI.create(base(store) + "/products/" + productId + ".json"), headers(store));
        if (res.statusCode() == 404) {
            return Documents.deletedProduct(productId);
        }
        JsonNode product = api.json(res, "product " + productId).path("product");
        if (!product.isObject()) {
            throw new SyncException("reading product " + productId + ": the answer has no product object");
        }
        return new SyncDocument(DifferenceKind.PRODUCT, productId, SyncTopics.PRODUCT, Documents.bytes(product));
    }

    private Map<String, String> headers(String store) throws SyncException {
        String token = tokens.apply(store)
                .orElseThrow(() -> new SyncException("no Admin API token for shop " + store
                        + " (set SHOPIFY_TOKEN, or edm stores add shopify " + store + " --token T)"));
        return Map.of("X-Shopify-Access-Token", token);
    }

    private String base(String store) {
        return settings.shopifyApiBase().map(URI::toString).orElse("https://" + store) + "/admin/api/"
                + settings.shopifyApiVersion();
    }
}
