import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

/**
 * Writes a deterministic stream of Shopify deliveries straight into an edm database's {@code delivery} table
 * (status pending), for bench/process.sh:
 *
 * <pre>java -cp target/edm.jar bench/GenerateDeliveries.java DBFILE COUNT SKUS SEED</pre>
 *
 * The schema must exist (run any edm command against the database first). Mix: the catalog first (one
 * products/create per product, except ~1% of products created later, so some stock levels arrive before
 * their product), then ~10% products/update, ~50% inventory_levels/update (a few stale, some 0, negative or
 * null), ~35% orders/create, ~5% orders/cancelled or refunds/create of earlier orders. Two shops; SKUs are
 * spread over products of 1-3 variants (about SKUS/2 products). The same arguments give the same bytes.
 * Prints one line "generated N deliveries ... expected events E" on stdout.
 */
public final class GenerateDeliveries {
    static final String[] SHOPS = {"bench-north.myshopify.com", "bench-south.myshopify.com"};
    static final String[] CURRENCY = {"USD", "CAD"};
    static final ZoneOffset[] SHOP_ZONE = {ZoneOffset.ofHours(-5), ZoneOffset.ofHours(-8)};
    static final int LOCATIONS_PER_SHOP = 3;
    static final long BASE_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final long STEP_MILLIS = 2_000; // received_at advances 2-4 s per delivery (~23 days for 1M)
    static final String API_VERSION = "2025-07";
    static final String[] ADJECTIVES = {"Classic", "Organic", "Vintage", "Slim", "Heavy", "Everyday", "Travel", "Mini"};
    static final String[] NOUNS = {"Tee", "Hoodie", "Mug", "Backpack", "Candle", "Notebook", "Cap", "Socks", "Bottle"};
    static final String[] SIZES = {"S", "M", "L"};
    static final String[] COLORS = {"Black", "Sand", "Olive"};
    static final DateTimeFormatter[] SHOP_TIME = {
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").withZone(SHOP_ZONE[0]),
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").withZone(SHOP_ZONE[1])
    };

    // catalog: products and their variants (variant index = SKU index)
    int products;
    int[] productShop;
    int[] productFirstVariant; // variants of product p: [productFirstVariant[p], productFirstVariant[p + 1])
    String[] productTitle;
    boolean[] productCreated;
    int[] variantProduct;
    String[] skuNames;
    int[] variantPriceCents;
    int[] variantLocations; // the variant's item is stocked at locations 0..n-1 of its shop
    int[][] level; // current available per (variant, location); Integer.MIN_VALUE = null
    int[] createdVariants; // variants whose product exists, in creation order (orders sell only these)
    int createdCount;

    // orders (index n -> id ORDER_BASE + n), kept compactly for later cancellations and refunds
    int orders;
    byte[] orderShop;
    byte[] orderLines;
    int[] orderVariants; // 3 per order
    byte[] orderQty; // 3 per order
    long[] orderAt;
    boolean[] orderCancelled;
    long refunds;

    final Random rnd;
    long expectedEvents;
    final int[] topicCounts = new int[6];
    static final String[] TOPIC_NAMES = {
        "products/create", "products/update", "inventory_levels/update", "orders/create", "orders/cancelled", "refunds/create"
    };

    static final long PRODUCT_BASE = 7_100_000_000_000L;
    static final long VARIANT_BASE = 41_200_000_000_000L;
    static final long ITEM_BASE = 43_300_000_000_000L;
    static final long LOCATION_BASE = 61_000_000_000L;
    static final long ORDER_BASE = 5_800_000_000_000L;
    static final long LINE_BASE = 13_900_000_000_000L;
    static final long REFUND_BASE = 920_000_000_000L;

    GenerateDeliveries(int count, int skus, long seed) {
        rnd = new Random(seed);
        productShop = new int[skus + 1];
        productFirstVariant = new int[skus + 1];
        productTitle = new String[skus + 1];
        variantProduct = new int[skus];
        skuNames = new String[skus];
        variantPriceCents = new int[skus];
        variantLocations = new int[skus];
        level = new int[skus][];
        int v = 0;
        while (v < skus) {
            int p = products++;
            productShop[p] = p % SHOPS.length;
            productFirstVariant[p] = v;
            productTitle[p] = ADJECTIVES[rnd.nextInt(ADJECTIVES.length)] + " " + NOUNS[rnd.nextInt(NOUNS.length)] + " "
                    + (p + 1);
            int n = Math.min(1 + rnd.nextInt(3), skus - v);
            int price = 500 + rnd.nextInt(9_500);
            for (int i = 0; i < n; i++, v++) {
                variantProduct[v] = p;
                skuNames[v] = String.format("BN-%06d", v);
                variantPriceCents[v] = price + i * 100;
                variantLocations[v] = 1 + rnd.nextInt(LOCATIONS_PER_SHOP);
                level[v] = new int[variantLocations[v]];
                for (int l = 0; l < level[v].length; l++) {
                    level[v][l] = rnd.nextInt(60);
                }
            }
        }
        productFirstVariant[products] = skus;
        productCreated = new boolean[products];
        createdVariants = new int[skus];
        int maxOrders = count;
        orderShop = new byte[maxOrders];
        orderLines = new byte[maxOrders];
        orderVariants = new int[maxOrders * 3];
        orderQty = new byte[maxOrders * 3];
        orderAt = new long[maxOrders];
        orderCancelled = new boolean[maxOrders];
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java -cp target/edm.jar bench/GenerateDeliveries.java DBFILE COUNT SKUS SEED");
            System.exit(2);
        }
        String dbFile = args[0];
        int count = Integer.parseInt(args[1]);
        int skus = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        if (count < 1 || skus < 1) {
            throw new IllegalArgumentException("COUNT and SKUS must be positive");
        }
        long started = System.nanoTime();
        GenerateDeliveries g = new GenerateDeliveries(count, skus, seed);
        long bytes = g.write(dbFile, count);
        StringBuilder topics = new StringBuilder();
        for (int t = 0; t < TOPIC_NAMES.length; t++) {
            topics.append(t == 0 ? "" : ", ").append(TOPIC_NAMES[t]).append(' ').append(g.topicCounts[t]);
        }
        System.out.printf(
                "generated %d deliveries (%d products, %d SKUs, %d shops; %s), %.0f bytes/body on average, in %.1f s; expected events %d%n",
                count,
                g.products,
                skus,
                SHOPS.length,
                topics,
                (double) bytes / count,
                (System.nanoTime() - started) / 1e9,
                g.expectedEvents);
    }

    long write(String dbFile, int count) throws Exception {
        // Which products are created later in the stream (their items' levels may arrive first), and when.
        int late = products >= 100 ? products / 100 : 0;
        int[] order = new int[products];
        for (int p = 0; p < products; p++) {
            order[p] = p;
        }
        for (int i = products - 1; i > 0; i--) { // shuffle, then the first `late` products are created late
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int early = products - late;
        Arrays.sort(order, late, products); // early products are created in id order
        int[] earlyProducts = Arrays.copyOfRange(order, late, products);
        // late creations happen between the end of the catalog phase and 30% of the stream
        int lateFrom = Math.min(count, early + Math.max(1, count / 20));
        int lateTo = Math.max(lateFrom + 1, Math.min(count, (int) (count * 0.3)));
        long[] lateSchedule = new long[late]; // (index << 32) | product
        for (int i = 0; i < late; i++) {
            lateSchedule[i] = ((long) (lateFrom + rnd.nextInt(lateTo - lateFrom)) << 32) | order[i];
        }
        Arrays.sort(lateSchedule);
        int nextLate = 0;

        long bodyBytes = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile)) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=OFF");
                st.execute("PRAGMA cache_size=-262144"); // 256 MiB
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO delivery (platform, store, topic, webhook_id, event_id, triggered_at, api_version, "
                            + "received_at, signed, headers, status, id) "
                            + "VALUES ('shopify', ?, ?, ?, ?, ?, ?, ?, 1, '{}', 'pending', ?)");
                    PreparedStatement bodies =
                            c.prepareStatement("INSERT INTO delivery_body (delivery_id, body) VALUES (?, ?)")) {
                long receivedAt = BASE_MILLIS;
                for (int i = 0; i < count; i++) {
                    receivedAt += STEP_MILLIS + rnd.nextInt((int) STEP_MILLIS);
                    Delivery d;
                    if (i < early) {
                        d = productCreate(earlyProducts[i], receivedAt);
                    } else if (nextLate < late && (lateSchedule[nextLate] >>> 32) <= i) {
                        d = productCreate((int) lateSchedule[nextLate++], receivedAt);
                    } else {
                        d = mixed(receivedAt);
                    }
                    byte[] body = d.body.getBytes(StandardCharsets.UTF_8);
                    bodyBytes += body.length;
                    ps.setString(1, SHOPS[d.shop]);
                    ps.setString(2, d.topic);
                    ps.setString(3, new UUID(rnd.nextLong(), rnd.nextLong()).toString());
                    ps.setString(4, new UUID(rnd.nextLong(), rnd.nextLong()).toString());
                    ps.setString(5, Instant.ofEpochMilli(receivedAt - 150 - rnd.nextInt(800)).toString());
                    ps.setString(6, API_VERSION);
                    ps.setLong(7, receivedAt);
                    ps.setLong(8, i + 1); // a fresh inbox: ids 1..count, as edm would give them
                    ps.addBatch();
                    bodies.setLong(1, i + 1);
                    bodies.setBytes(2, body);
                    bodies.addBatch();
                    if (i % 2_000 == 1_999) {
                        ps.executeBatch();
                        bodies.executeBatch();
                    }
                }
                ps.executeBatch();
                bodies.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
        return bodyBytes;
    }

    record Delivery(int shop, String topic, String body) {}

    private Delivery mixed(long now) {
        int r = rnd.nextInt(100);
        if (createdCount == 0 || r >= 10 && r < 60) {
            return levelUpdate(now);
        }
        if (r < 10) {
            int v = createdVariants[rnd.nextInt(createdCount)];
            return productUpdate(variantProduct[v], now);
        }
        if (r < 95 || orders == 0) {
            return orderCreate(now);
        }
        // an earlier order, mostly a recent one
        int o = orders - 1 - rnd.nextInt(Math.min(orders, 20_000));
        if (r < 97 && !orderCancelled[o]) {
            orderCancelled[o] = true;
            return orderCancel(o, now);
        }
        return refund(o, now);
    }

    private String time(int shop, long millis) {
        return SHOP_TIME[shop].format(Instant.ofEpochMilli(millis));
    }

    /** The platform's own time for an event received at {@code now}: a few seconds earlier. */
    private long platformTime(long now) {
        return now - 200 - rnd.nextInt(5_000);
    }

    private Delivery productCreate(int p, long now) {
        productCreated[p] = true;
        for (int v = productFirstVariant[p]; v < productFirstVariant[p + 1]; v++) {
            createdVariants[createdCount++] = v;
        }
        topicCounts[0]++;
        return new Delivery(productShop[p], "products/create", product(p, platformTime(now), true));
    }

    private Delivery productUpdate(int p, long now) {
        // prices move now and then
        if (rnd.nextInt(10) == 0) {
            int delta = (rnd.nextInt(5) - 2) * 50;
            for (int v = productFirstVariant[p]; v < productFirstVariant[p + 1]; v++) {
                variantPriceCents[v] = Math.max(100, variantPriceCents[v] + delta);
            }
        }
        topicCounts[1]++;
        return new Delivery(productShop[p], "products/update", product(p, platformTime(now), false));
    }

    private String product(int p, long updatedAt, boolean created) {
        expectedEvents++;
        int shop = productShop[p];
        long id = PRODUCT_BASE + p;
        String title = productTitle[p];
        int first = productFirstVariant[p];
        int n = productFirstVariant[p + 1] - first;
        String status = !created && rnd.nextInt(200) == 0 ? "draft" : "active";
        StringBuilder b = new StringBuilder(300 + 200 * n);
        b.append("{\"id\":").append(id)
                .append(",\"title\":\"").append(title)
                .append("\",\"handle\":\"").append(title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'))
                .append("\",\"vendor\":\"Bench Goods\",\"product_type\":\"").append(title, title.indexOf(' ') + 1, title.lastIndexOf(' '))
                .append("\",\"status\":\"").append(status)
                .append("\",\"created_at\":\"").append(time(shop, BASE_MILLIS - 86_400_000L + p * 1_000L))
                .append("\",\"updated_at\":\"").append(time(shop, updatedAt))
                .append("\",\"tags\":\"bench\",\"variants\":[");
        for (int i = 0; i < n; i++) {
            int v = first + i;
            String option = n == 1 ? "Default Title" : SIZES[i] + " / " + COLORS[v % COLORS.length];
            int quantity = 0;
            for (int a : level[v]) {
                quantity += a == Integer.MIN_VALUE ? 0 : a;
            }
            b.append(i == 0 ? "" : ",")
                    .append("{\"id\":").append(VARIANT_BASE + v)
                    .append(",\"product_id\":").append(id)
                    .append(",\"title\":\"").append(option)
                    .append("\",\"price\":\"").append(price(variantPriceCents[v]))
                    .append("\",\"sku\":\"").append(sku(v))
                    .append("\",\"position\":").append(i + 1)
                    .append(",\"inventory_item_id\":").append(ITEM_BASE + v)
                    .append(",\"inventory_quantity\":").append(quantity)
                    .append('}');
        }
        b.append("],\"admin_graphql_api_id\":\"gid://shopify/Product/").append(id).append("\"}");
        return b.toString();
    }

    private Delivery levelUpdate(long now) {
        int v = rnd.nextInt(variantProduct.length); // any item, also of products not created yet
        int shop = productShop[variantProduct[v]];
        int l = rnd.nextInt(variantLocations[v]);
        int r = rnd.nextInt(100);
        Integer available;
        if (r < 1) {
            available = null; // untracked
        } else if (r < 2) {
            available = -1 - rnd.nextInt(3); // oversold
        } else if (r < 12) {
            available = 0;
        } else if (r < 30) {
            available = 1 + rnd.nextInt(5);
        } else {
            available = 6 + rnd.nextInt(120);
        }
        long updatedAt = platformTime(now);
        if (rnd.nextInt(100) == 0) {
            updatedAt -= 3_600_000L + rnd.nextInt(36 * 3_600_000); // a stale update delivered late
        } else {
            level[v][l] = available == null ? Integer.MIN_VALUE : available;
        }
        long item = ITEM_BASE + v;
        long location = LOCATION_BASE + shop * 10L + l;
        expectedEvents++;
        topicCounts[2]++;
        String body = "{\"inventory_item_id\":" + item + ",\"location_id\":" + location + ",\"available\":"
                + available + ",\"updated_at\":\"" + time(shop, updatedAt)
                + "\",\"admin_graphql_api_id\":\"gid://shopify/InventoryLevel/" + location + "?inventory_item_id="
                + item + "\"}";
        return new Delivery(shop, "inventory_levels/update", body);
    }

    private Delivery orderCreate(long now) {
        int o = orders++;
        // lines of one shop: the first pick decides the shop, later picks must match it
        int first = pickVariant();
        int shop = productShop[variantProduct[first]];
        int lines = 1 + rnd.nextInt(3);
        int n = 0;
        for (int tries = 0; n < lines && tries < 10; tries++) {
            int v = n == 0 ? first : pickVariant();
            if (productShop[variantProduct[v]] != shop) {
                continue;
            }
            orderVariants[o * 3 + n] = v;
            orderQty[o * 3 + n] = (byte) (rnd.nextInt(10) < 8 ? 1 : 2 + rnd.nextInt(3));
            n++;
        }
        orderShop[o] = (byte) shop;
        orderLines[o] = (byte) n;
        orderAt[o] = platformTime(now);
        topicCounts[3]++;
        return new Delivery(shop, "orders/create", order(o, null));
    }

    /** Popular products sell more: a skewed pick among the created variants. */
    private int pickVariant() {
        double u = rnd.nextDouble();
        return createdVariants[(int) (u * u * createdCount)];
    }

    private Delivery orderCancel(int o, long now) {
        topicCounts[4]++;
        expectedEvents++; // the whole-order reversal
        return new Delivery(orderShop[o], "orders/cancelled", order(o, platformTime(now)));
    }

    private String order(int o, Long cancelledAt) {
        int shop = orderShop[o];
        long id = ORDER_BASE + o;
        int n = orderLines[o];
        long total = 0;
        StringBuilder lines = new StringBuilder(180 * n);
        for (int i = 0; i < n; i++) {
            int v = orderVariants[o * 3 + i];
            int q = orderQty[o * 3 + i];
            total += (long) q * variantPriceCents[v];
            boolean custom = rnd.nextInt(400) == 0 && cancelledAt == null; // a custom line: no variant, no SKU
            lines.append(i == 0 ? "" : ",")
                    .append("{\"id\":").append(LINE_BASE + o * 3L + i)
                    .append(",\"variant_id\":").append(custom ? "null" : Long.toString(VARIANT_BASE + v))
                    .append(",\"product_id\":").append(custom ? "null" : Long.toString(PRODUCT_BASE + variantProduct[v]))
                    .append(",\"sku\":").append(custom ? "null" : "\"" + sku(v) + "\"")
                    .append(",\"title\":\"").append(custom ? "Gift wrapping" : productTitle[variantProduct[v]])
                    .append("\",\"quantity\":").append(q)
                    .append(",\"price\":\"").append(price(variantPriceCents[v]))
                    .append("\",\"fulfillable_quantity\":").append(cancelledAt == null ? q : 0)
                    .append('}');
            expectedEvents++;
        }
        String created = time(shop, orderAt[o]);
        StringBuilder b = new StringBuilder(400 + lines.length());
        b.append("{\"id\":").append(id)
                .append(",\"admin_graphql_api_id\":\"gid://shopify/Order/").append(id)
                .append("\",\"name\":\"#").append(1001 + o)
                .append("\",\"email\":\"customer").append(o % 9973).append("@example.com")
                .append("\",\"created_at\":\"").append(created)
                .append("\",\"processed_at\":\"").append(created)
                .append("\",\"updated_at\":\"").append(cancelledAt == null ? created : time(shop, cancelledAt))
                .append("\",\"currency\":\"").append(CURRENCY[shop])
                .append("\",\"financial_status\":\"").append(cancelledAt == null ? "paid" : "refunded")
                .append("\",\"total_price\":\"").append(price(total))
                .append("\",\"subtotal_price\":\"").append(price(total))
                .append("\",\"cancelled_at\":").append(cancelledAt == null ? "null" : "\"" + time(shop, cancelledAt) + "\"")
                .append(",\"cancel_reason\":").append(cancelledAt == null ? "null" : "\"customer\"")
                .append(",\"line_items\":[").append(lines).append("]}");
        return b.toString();
    }

    private Delivery refund(int o, long now) {
        int shop = orderShop[o];
        long refundId = REFUND_BASE + refunds++;
        int n = orderLines[o];
        StringBuilder lines = new StringBuilder();
        int written = 0;
        for (int i = 0; i < n; i++) {
            if (written > 0 && rnd.nextBoolean()) {
                continue; // refund some of the lines
            }
            int v = orderVariants[o * 3 + i];
            int q = 1 + rnd.nextInt(orderQty[o * 3 + i]);
            lines.append(written++ == 0 ? "" : ",")
                    .append("{\"id\":").append(refundId * 4 + i)
                    .append(",\"line_item_id\":").append(LINE_BASE + o * 3L + i)
                    .append(",\"quantity\":").append(q)
                    .append(",\"restock_type\":\"return\",\"subtotal\":\"").append(price((long) q * variantPriceCents[v]))
                    .append("\"}");
            expectedEvents++;
        }
        topicCounts[5]++;
        String body = "{\"id\":" + refundId + ",\"order_id\":" + (ORDER_BASE + o) + ",\"created_at\":\""
                + time(shop, platformTime(now)) + "\",\"note\":\"bench refund\",\"restock\":true,"
                + "\"admin_graphql_api_id\":\"gid://shopify/Refund/" + refundId + "\",\"refund_line_items\":["
                + lines + "]}";
        return new Delivery(shop, "refunds/create", body);
    }

    String sku(int v) {
        return skuNames[v];
    }

    static String price(long cents) {
        long abs = Math.abs(cents);
        return (cents < 0 ? "-" : "") + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    }
}
