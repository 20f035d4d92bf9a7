package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.event.Platform;
import dev.edm.ingest.PrivacyExport;
import dev.edm.storage.Sql;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shopify's mandatory privacy webhooks, signed, through POST /webhook/shopify. */
abstract class ShopifyPrivacyContract {
    static final String SECRET = "privacy-secret";
    static final String SHOP = "privacy.myshopify.com";
    static final String OTHER = "other.myshopify.com";

    @TempDir
    Path dir;

    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T12:00:00Z"));
    RunningApp app;

    abstract String databaseUrl();

    @BeforeEach
    void start() {
        app = RunningApp.start(dir, databaseUrl(), Map.of("SHOPIFY_WEBHOOK_SECRET", SECRET), clock);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    HttpResponse<String> post(String shop, String topic, JsonNode body) {
        HttpResponse<String> res =
                app.http().signed(SECRET, topic, shop, UUID.randomUUID().toString(), body.toString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
        return res;
    }

    /** A one-line order of customer {@code customerId} with this email. */
    static ObjectNode order(long orderId, long customerId, String email) throws IOException {
        ObjectNode o = ShopifyStateContract.order(orderId, 2, "2026-11-01T10:00:00Z");
        o.put("email", email).put("contact_email", email);
        ((ObjectNode) o.get("customer")).put("id", customerId).put("email", email);
        return o;
    }

    static ObjectNode fixture(String name, String shop) throws IOException {
        ObjectNode f = ShopifyStateContract.fixture(name);
        f.put("shop_domain", shop);
        return f;
    }

    String body(long id) {
        return new String(
                app.bytes("SELECT body FROM delivery_body WHERE delivery_id = ?", id), StandardCharsets.UTF_8);
    }

    long deliveryOf(String topic, String shop) {
        return app.count("SELECT MAX(id) FROM delivery WHERE topic = ? AND store = ?", topic, shop);
    }

    @Test
    void dataRequestIsRecordedAndTheCustomersDeliveriesCanBeExported() throws Exception {
        post(SHOP, "orders/create", order(299938, 191167, "john@example.com"));
        post(SHOP, "orders/create", order(400001, 555, "ann@example.com"));
        post(SHOP, "customers/data_request", fixture("customers_data_request", SHOP));
        long request = deliveryOf("customers/data_request", SHOP);
        assertThat(app.text("SELECT status FROM delivery WHERE id = ?", request))
                .isEqualTo("processed");
        assertThat(app.text("SELECT status_reason FROM delivery WHERE id = ?", request))
                .contains("data request recorded");
        assertThat(new PrivacyExport(app.app().core().database())
                        .deliveriesNaming(Platform.SHOPIFY, SHOP, "customer:191167"))
                .extracting(PrivacyExport.Held::topic)
                .containsExactly("orders/create", "customers/data_request");
    }

    @Test
    void customersRedactMasksTheCustomerAndTheListedOrdersOnly() throws Exception {
        post(SHOP, "orders/create", order(299938, 191167, "john@example.com"));
        long johns = deliveryOf("orders/create", SHOP);
        // a guest order listed in orders_to_redact (no customer id)
        ObjectNode guest = order(280263, 777, "guest@example.com");
        guest.remove("customer");
        post(SHOP, "orders/create", guest);
        long guests = deliveryOf("orders/create", SHOP);
        post(SHOP, "orders/create", order(400001, 555, "ann@example.com"));
        long anns = deliveryOf("orders/create", SHOP);
        String state = app.app().core().inventory().checksum();

        post(SHOP, "customers/redact", fixture("customers_redact", SHOP));

        assertThat(body(johns))
                .doesNotContain("john@example.com")
                .doesNotContain("Smith")
                .contains("191167");
        assertThat(body(guests)).doesNotContain("guest@example.com");
        assertThat(body(anns)).contains("ann@example.com");
        long request = deliveryOf("customers/redact", SHOP);
        assertThat(body(request)).doesNotContain("john@example.com");
        assertThat(app.text("SELECT status_reason FROM delivery WHERE id = ?", request))
                .isEqualTo("erased personal data from 2 stored deliveries");
        assertThat(app.app().core().inventory().checksum())
                .as("sales and stock are untouched")
                .isEqualTo(state);
        // a later delivery naming the erased customer is redacted as it is processed
        post(SHOP, "orders/updated", order(299938, 191167, "john@example.com"));
        assertThat(body(deliveryOf("orders/updated", SHOP))).doesNotContain("john@example.com");
    }

    @Test
    void shopRedactErasesTheShopsDeliveriesAndStateOnly() throws Exception {
        post(SHOP, "products/create", ShopifyStateContract.product("2026-11-01T12:00:00Z", 3, 7));
        post(SHOP, "orders/create", order(299938, 191167, "john@example.com"));
        post(OTHER, "products/create", ShopifyStateContract.product("2026-11-01T12:00:00Z", 1, 1));
        assertThat(app.count("SELECT count(*) FROM sale_line WHERE store = ?", "shopify:" + SHOP))
                .isEqualTo(1);
        for (String shop : new String[] {SHOP, OTHER}) { // a reconciliation record and a sent notification each
            app.app().core().database().transaction(c -> {
                Sql.update(
                        c,
                        "INSERT INTO sync_state (store, platform, last_attempt_at) VALUES (?, 'shopify', 1)",
                        "shopify:" + shop);
                return Sql.update(
                        c,
                        "INSERT INTO notification (message_key, store, receiver, channel, address, kind, severity, "
                                + "payload, status, attempts, next_attempt_at, created_at) VALUES "
                                + "(?, ?, 'ops', 'email', 'ops@example.com', 'opened', 'warning', '{}', 'sent', 1, 1, 1)",
                        "test-" + shop,
                        "shopify:" + shop);
            });
        }

        post(SHOP, "shop/redact", fixture("shop_redact", SHOP));

        assertThat(app.count("SELECT count(*) FROM delivery WHERE store = ?", SHOP))
                .as("only the request is kept")
                .isEqualTo(1);
        for (String table :
                new String[] {"variant", "sale_line", "stock_day", "store_state", "alert", "notification", "sync_state"
                }) {
            assertThat(app.count("SELECT count(*) FROM " + table + " WHERE store = ?", "shopify:" + SHOP))
                    .as(table)
                    .isZero();
        }
        assertThat(app.app().core().inventory().variants(Optional.of("shopify:" + OTHER)))
                .hasSize(2);
        assertThat(app.count("SELECT count(*) FROM notification WHERE store = ?", "shopify:" + OTHER))
                .isEqualTo(1);
        assertThat(app.count("SELECT count(*) FROM sync_state WHERE store = ?", "shopify:" + OTHER))
                .isEqualTo(1);
        assertThat(app.text("SELECT status_reason FROM delivery WHERE topic = 'shop/redact'"))
                .isEqualTo("erased 2 stored deliveries and all state of the store");
    }
}
