package dev.edm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncConfigTest {
    static SyncSettings load(Map<String, String> vars) {
        Map<String, String> env = new HashMap<>(vars);
        env.put("EDM_DATA_DIR", "target/sync-config-test");
        return ConfigLoader.load(env).sync();
    }

    @Test
    void defaultsAreEverySixHoursNinetyDaysAndACurrentApiVersion() {
        SyncSettings s = load(Map.of());
        assertThat(s.interval()).isEqualTo(Duration.ofHours(6));
        assertThat(s.scheduled()).isTrue();
        assertThat(s.ordersDays()).isEqualTo(90);
        assertThat(s.shopifyApiVersion()).isEqualTo("2025-10");
        assertThat(s.wooKey()).isEmpty();
    }

    @Test
    void intervalsOffAndOverrides() {
        assertThat(load(Map.of("EDM_SYNC_INTERVAL", "off")).scheduled()).isFalse();
        assertThat(load(Map.of("EDM_SYNC_INTERVAL", "0")).scheduled()).isFalse();
        assertThat(load(Map.of("EDM_SYNC_INTERVAL", "30m")).interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(load(Map.of("EDM_SYNC_INTERVAL", "1d")).interval()).isEqualTo(Duration.ofDays(1));
        SyncSettings s = load(Map.of(
                "EDM_SHOPIFY_API_BASE", "http://127.0.0.1:8080/",
                "EDM_SHOPIFY_API_VERSION", "2026-01",
                "EDM_SYNC_ORDERS_DAYS", "30",
                "WOOCOMMERCE_URL", "https://shop.example.com",
                "WOOCOMMERCE_CONSUMER_KEY", "ck_1",
                "WOOCOMMERCE_CONSUMER_SECRET", "cs_1"));
        assertThat(s.shopifyApiBase()).contains(URI.create("http://127.0.0.1:8080"));
        assertThat(s.shopifyApiVersion()).isEqualTo("2026-01");
        assertThat(s.ordersDays()).isEqualTo(30);
        assertThat(s.wooUrl()).contains(URI.create("https://shop.example.com"));
        assertThat(s.toString()).doesNotContain("ck_1", "cs_1");
    }

    @Test
    void badValuesNameTheirVariable() {
        assertRejected("EDM_SYNC_INTERVAL", Map.of("EDM_SYNC_INTERVAL", "often"));
        assertRejected("EDM_SYNC_INTERVAL", Map.of("EDM_SYNC_INTERVAL", "10s"));
        assertRejected("EDM_SHOPIFY_API_VERSION", Map.of("EDM_SHOPIFY_API_VERSION", "latest"));
        assertRejected("WOOCOMMERCE_CONSUMER_SECRET", Map.of("WOOCOMMERCE_CONSUMER_KEY", "ck_1"));
        assertRejected("EDM_SHOPIFY_API_BASE", Map.of("EDM_SHOPIFY_API_BASE", "ftp://x"));
        assertRejected("EDM_SYNC_ORDERS_DAYS", Map.of("EDM_SYNC_ORDERS_DAYS", "-1"));
    }

    static void assertRejected(String variable, Map<String, String> vars) {
        assertThatThrownBy(() -> load(vars))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.variable()).isEqualTo(variable));
    }
}
