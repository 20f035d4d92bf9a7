package dev.edm.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.fetch.DetailSource;
import dev.edm.fetch.bigcommerce.BigCommerceApi;
import dev.edm.platform.SyncTopics;
import dev.edm.platform.bigcommerce.BigCommerceDocuments;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads a BigCommerce store with the same client as the fetcher ({@link BigCommerceApi}): catalog products with
 * their variants (v3, {@code meta.pagination}), and v2 orders with their products and refunds, stored as the
 * same documents the fetcher stores.
 */
final class BigCommerceReader implements StoreReader {
    private static final int MAX_PAGES = 10_000;

    private final BigCommerceApi api;
    private final Clock clock;

    BigCommerceReader(BigCommerceApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @Override
    public boolean canRead(String store) {
        return api.canRead(store);
    }

    @Override
    public void read(String store, ReadWindow window, Sink sink) throws SyncException {
        try {
            BigCommerceApi.Page page;
            int n = 0;
            do {
                page = api.products(store, ++n, window.productsSince());
                sink.page();
                for (JsonNode p : page.items()) {
                    String id = Documents.id(p, "id");
                    sink.accept(new SyncDocument(
                            DifferenceKind.PRODUCT,
                            id,
                            SyncTopics.PRODUCT,
                            BigCommerceDocuments.product(id, readAt(p), p)));
                }
            } while (page.more() && n < MAX_PAGES);
            n = 0;
            do {
                page = api.orders(store, ++n, window.ordersCreatedFrom(), window.ordersUpdatedSince());
                sink.page();
                for (JsonNode o : page.items()) {
                    String id = Documents.id(o, "id");
                    byte[] doc = api.orderDocument(store, id, clock.instant());
                    sink.accept(new SyncDocument(DifferenceKind.ORDER, id, SyncTopics.ORDER, doc));
                }
            } while (page.more() && n < MAX_PAGES);
        } catch (BigCommerceApi.CallFailed e) {
            throw new SyncException(e.getMessage());
        }
    }

    /**
     * The product's own modification time when it gives one (so an older read never overwrites a newer webhook),
     * else now.
     */
    private Instant readAt(JsonNode product) {
        return Optional.ofNullable(Documents.id(product, "date_modified"))
                .flatMap(BigCommerceReader::parse)
                .orElse(clock.instant());
    }

    private static Optional<Instant> parse(String text) {
        try {
            return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public SyncDocument unlisted(String store, String productId, Instant at) throws SyncException {
        return switch (api.fetch(store, "product", productId, at)) {
            case DetailSource.Fetched f ->
                new SyncDocument(DifferenceKind.PRODUCT, productId, SyncTopics.PRODUCT, f.body());
            case DetailSource.Failed f -> throw new SyncException(f.reason());
        };
    }
}
