package dev.edm.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.config.DatabaseSettings;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.InventoryItemDeleted;
import dev.edm.event.CanonicalEvent.InventoryItemUpdated;
import dev.edm.event.CanonicalEvent.ListingChanged;
import dev.edm.event.CanonicalEvent.ProductDeleted;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.ProductVariantsListed;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.StockLevelDisconnected;
import dev.edm.event.CanonicalEvent.StoreDisconnected;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.CanonicalEvent.VariantRevised;
import dev.edm.event.CanonicalEvent.VariantUpserted;
import dev.edm.event.DeliveryEvents;
import dev.edm.event.Money;
import dev.edm.event.Platform;
import dev.edm.event.Provenance;
import dev.edm.event.StoreKey;
import dev.edm.storage.Database;
import dev.edm.storage.Session;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Processing applies deliveries in batches whose rows live in memory until the batch is written. Whatever
 * the batch boundaries, the state must be the same as applying each delivery on its own: random streams
 * (stale and out-of-order updates, SKU changes, sales before products, reversals before sales, deletions)
 * are applied one by one to one database and in random-sized batches to another, and compared.
 */
abstract class BatchApplyContract {
    @TempDir
    Path dir;

    abstract DatabaseSettings settings(Path dir, String name);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void batchesGiveTheSameStateAsOneDeliveryAtATime(long seed) {
        List<DeliveryEvents> stream = new Generator(new Random(seed)).stream(600);
        try (Database single = Database.open(settings(dir, "single"));
                Database batched = Database.open(settings(dir, "batched"))) {
            Inventory one = oneAtATime(single, stream, -1);
            Inventory many = new Inventory(batched);
            Random sizes = new Random(seed * 31);
            for (int from = 0; from < stream.size(); ) {
                int to = Math.min(stream.size(), from + 1 + sizes.nextInt(200));
                apply(batched, many, stream.subList(from, to));
                from = to;
            }
            assertThat(many.checksum()).isEqualTo(one.checksum());
            assertThat(many.variants(java.util.Optional.empty())).isNotEmpty();
        }
    }

    /**
     * Replay carries a batch's rows on to the next batch once its transaction committed: the same state as one
     * delivery at a time, also when, between batches, later deliveries are applied in a transaction that fails
     * (rolled back) or inside a savepoint that is rolled back before its transaction commits, and when a store's
     * derived rows are erased halfway. Had the carried rows kept those deliveries, the earlier ones applied next
     * would be judged stale against them; had they kept the erased store's rows, its state would come back.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void rowsCarriedFromCommittedBatchesGiveTheSameState(long seed) {
        List<DeliveryEvents> stream = new Generator(new Random(seed)).stream(600);
        try (Database single = Database.open(settings(dir, "single"));
                Database carried = Database.open(settings(dir, "carried"))) {
            Inventory one = oneAtATime(single, stream, ERASED_AT);
            Inventory many = new Inventory(carried);
            Inventory.Carry carry = new Inventory.Carry();
            Random sizes = new Random(seed * 31);
            Random undone = new Random(seed * 7);
            int failed = 0;
            int rolledBack = 0;
            try (Database.Pinned pinned = carried.pin()) {
                for (int from = 0; from < stream.size(); ) {
                    if (from == ERASED_AT) {
                        eraseStore(carried);
                    }
                    int to = Math.min(stream.size(), from + 1 + sizes.nextInt(60));
                    if (from < ERASED_AT) {
                        to = Math.min(to, ERASED_AT);
                    }
                    List<DeliveryEvents> later = stream.subList(to, Math.min(stream.size(), to + 40));
                    if (!later.isEmpty() && undone.nextInt(4) == 0) {
                        failed++;
                        assertThatThrownBy(() -> pinned.transaction(
                                        s -> {
                                            many.applyAll(s, later, carry, false);
                                            throw new IllegalStateException("fails after applying");
                                        },
                                        false))
                                .hasMessage("fails after applying");
                    }
                    if (!later.isEmpty() && undone.nextInt(4) == 0) {
                        rolledBack++;
                        pinned.transaction(
                                s -> {
                                    Savepoint savepoint = s.connection().setSavepoint();
                                    many.applyAll(s, later, carry, false);
                                    s.rollback(savepoint);
                                    return null;
                                },
                                false);
                    }
                    List<DeliveryEvents> batch = stream.subList(from, to);
                    pinned.transaction(
                            s -> {
                                many.applyAll(s, batch, carry, false);
                                return null;
                            },
                            false);
                    from = to;
                }
            }
            assertThat(failed).isPositive();
            assertThat(rolledBack).isPositive();
            assertThat(many.checksum()).isEqualTo(one.checksum());
        }
    }

    /** Where the carried-rows test erases a store's derived rows (as a platform's shop erasure does). */
    private static final int ERASED_AT = 300;

    /** Applies the stream one delivery per transaction, erasing a store's rows before delivery {@code erasedAt}. */
    private static Inventory oneAtATime(Database db, List<DeliveryEvents> stream, int erasedAt) {
        Inventory inventory = new Inventory(db);
        for (int i = 0; i < stream.size(); i++) {
            if (i == erasedAt) {
                eraseStore(db);
            }
            apply(db, inventory, List.of(stream.get(i)));
        }
        return inventory;
    }

    private static void eraseStore(Database db) {
        db.transaction(c -> {
            try (Session s = new Session(c)) {
                Inventory.eraseStore(s, new StoreKey(Platform.SHOPIFY, "a.myshopify.com").id());
            }
            return null;
        });
    }

    @org.junit.jupiter.api.Test
    void eachChangedVariantIsAttributedToTheLastDeliveryThatChangedIt() {
        StoreKey store = new StoreKey(Platform.SHOPIFY, "a.myshopify.com");
        Instant t = Instant.parse("2026-11-27T10:00:00Z");
        List<DeliveryEvents> batch = List.of(
                new DeliveryEvents(new Provenance(1, t), List.of(product(store, t, "p1", "v1", "i1"))),
                new DeliveryEvents(new Provenance(2, t), List.of(product(store, t, "p2", "v2", "i2"))),
                new DeliveryEvents(
                        new Provenance(3, t.plusSeconds(1)),
                        List.of(new StockLevelChanged(store, t.plusSeconds(1), "i1", "L1", 4))));
        try (Database db = Database.open(settings(dir, "attribution"))) {
            java.util.Map<VariantRef, Long> changed = db.transaction(c -> {
                try (Session s = new Session(c)) {
                    return new Inventory(db).applyAll(s, batch);
                }
            });
            assertThat(changed)
                    .containsExactly(
                            java.util.Map.entry(new VariantRef(store.id(), "v2"), 2L),
                            java.util.Map.entry(new VariantRef(store.id(), "v1"), 3L));
        }
    }

    private static ProductUpserted product(StoreKey store, Instant at, String product, String variant, String item) {
        return new ProductUpserted(
                store,
                at,
                product,
                "Product",
                "active",
                List.of(new Variant(variant, "SKU-" + variant, "Product", null, item, 2)));
    }

    private static void apply(Database db, Inventory inventory, List<DeliveryEvents> deliveries) {
        db.transaction(c -> {
            try (Session s = new Session(c)) {
                inventory.applyAll(s, deliveries);
            }
            return null;
        });
    }

    /** Random but plausible deliveries over a small catalog, so keys collide often. */
    private static final class Generator {
        private final Random r;
        private final StoreKey[] stores = {
            new StoreKey(Platform.SHOPIFY, "a.myshopify.com"), new StoreKey(Platform.SHOPIFY, "b.myshopify.com")
        };
        private long id;
        private int orders;

        Generator(Random r) {
            this.r = r;
        }

        List<DeliveryEvents> stream(int n) {
            List<DeliveryEvents> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                id++;
                Instant received = Instant.ofEpochSecond(1_700_000_000L + id * 60);
                List<CanonicalEvent> events = new ArrayList<>();
                int count = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
                for (int k = 0; k < count; k++) {
                    events.add(event(store(), received));
                }
                out.add(new DeliveryEvents(new Provenance(id, received), events));
            }
            return out;
        }

        private StoreKey store() {
            return stores[r.nextInt(10) == 0 ? 1 : 0];
        }

        /** A platform time near the delivery's, sometimes older (late, stale deliveries). */
        private Instant at(Instant received) {
            return received.minusSeconds(r.nextInt(6) == 0 ? r.nextInt(3_600) : r.nextInt(30));
        }

        private String product() {
            return "p" + r.nextInt(12);
        }

        private String item() {
            if (r.nextInt(6) == 0) {
                return "SKU-" + r.nextInt(14); // SKU-keyed platforms report stock under the SKU
            }
            return "i" + r.nextInt(12) + "-" + r.nextInt(2);
        }

        private String sku() {
            return r.nextInt(8) == 0 ? null : "SKU-" + r.nextInt(14);
        }

        private CanonicalEvent event(StoreKey store, Instant received) {
            Instant at = at(received);
            int kind = r.nextInt(120);
            if (kind < 15) {
                String p = product();
                List<Variant> variants = new ArrayList<>();
                int n = 1 + r.nextInt(2);
                for (int v = 0; v < n; v++) {
                    String suffix = p.substring(1) + "-" + v;
                    variants.add(new Variant(
                            "v" + suffix,
                            r.nextInt(5) == 0 ? sku() : "SKU-" + suffix,
                            "Product " + suffix,
                            new Money(new BigDecimal("9.5" + v), "EUR"),
                            r.nextInt(10) == 0 ? null : "i" + suffix,
                            r.nextInt(3) == 0 ? null : r.nextInt(20) - 2));
                }
                return new ProductUpserted(
                        store, at, p, "Product " + p, r.nextBoolean() ? "active" : "draft", variants);
            } else if (kind < 18) {
                return new ProductDeleted(store, at, product());
            } else if (kind < 50) {
                return new StockLevelChanged(
                        store, at, item(), "L" + r.nextInt(3), r.nextInt(8) == 0 ? null : r.nextInt(15) - 3);
            } else if (kind < 54) {
                return new StockLevelDisconnected(store, at, item(), "L" + r.nextInt(3));
            } else if (kind < 58) {
                return new InventoryItemUpdated(store, at, item(), sku());
            } else if (kind < 60) {
                return new InventoryItemDeleted(store, at, item());
            } else if (kind < 88) {
                String order = "o" + (r.nextInt(4) == 0 && orders > 0 ? r.nextInt(orders) : orders++);
                String p = product();
                boolean byId = r.nextInt(5) != 0;
                return new SaleRecorded(
                        store,
                        at,
                        order,
                        "l" + r.nextInt(2),
                        byId ? "v" + p.substring(1) + "-" + r.nextInt(2) : null,
                        byId ? null : sku(),
                        1 + r.nextInt(3),
                        new Money(new BigDecimal("9.99"), "EUR"));
            } else if (kind < 99) {
                String order = "o" + r.nextInt(Math.max(1, orders + 2));
                boolean whole = r.nextBoolean();
                return new SaleReversed(
                        store,
                        at,
                        order,
                        whole ? null : "l" + r.nextInt(2),
                        "rev-" + r.nextInt(1_000),
                        whole ? null : 1 + r.nextInt(2));
            }
            if (kind < 100) {
                return new StoreDisconnected(store, at);
            }
            String p = product();
            String suffix = p.substring(1) + "-" + r.nextInt(3);
            if (kind < 105) {
                return new VariantUpserted(
                        store,
                        at,
                        p,
                        "active",
                        new Variant(
                                "v" + suffix,
                                r.nextInt(5) == 0 ? sku() : "SKU-" + suffix,
                                "Variation " + suffix,
                                null,
                                "i" + suffix,
                                r.nextInt(3) == 0 ? null : r.nextInt(9)));
            }
            if (kind >= 115) { // a SKU-keyed marketplace listing (Amazon): variant and item ids are the SKU
                String sku = "SKU-" + r.nextInt(14);
                String[] statuses = {"active", "inactive", "deleted", null};
                return new ListingChanged(
                        store, at, sku, r.nextBoolean() ? null : "asin-" + sku, null, statuses[r.nextInt(4)]);
            }
            if (kind >= 110) { // a partial revision (eBay): null fields leave what is known
                return new VariantRevised(
                        store,
                        at,
                        p,
                        "v" + suffix,
                        r.nextInt(3) == 0 ? null : sku(),
                        r.nextBoolean() ? null : "Revised " + suffix,
                        r.nextBoolean() ? null : new Money(new BigDecimal("12.00"), "EUR"),
                        r.nextInt(3) == 0 ? null : "i" + suffix);
            }
            List<String> ids = new ArrayList<>();
            for (int v = 0; v < 3; v++) {
                if (r.nextBoolean()) {
                    ids.add("v" + p.substring(1) + "-" + v);
                }
            }
            return new ProductVariantsListed(store, at, p, ids);
        }
    }
}
