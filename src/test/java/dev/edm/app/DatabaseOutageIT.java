package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.RunningApp;
import dev.edm.testing.TcpProxy;
import dev.edm.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL becoming unreachable: 503 (so platforms retry), the server stays up and recovers by itself. */
class DatabaseOutageIT {
    static final String SECRET = "outage-secret";
    static final String SHOP = "outage.myshopify.com";

    @TempDir
    Path dir;

    @Test
    void storageDownAnswers503AndRecoversWithoutRestart() throws Exception {
        String direct = TestDatabases.freshPostgresUrl();
        URI target = URI.create(direct.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort())) {
            String viaProxy = direct.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + proxy.port());
            try (RunningApp app = RunningApp.start(dir, viaProxy, Map.of("SHOPIFY_WEBHOOK_SECRET", SECRET))) {
                assertThat(app.http()
                                .signed(SECRET, "orders/create", SHOP, "before", "{}")
                                .statusCode())
                        .isEqualTo(200);

                proxy.cut();
                HttpResponse<String> down = app.http().signed(SECRET, "orders/create", SHOP, "during", "{}");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.headers().firstValue("Retry-After")).isPresent();
                assertThat(down.body()).contains("storage unavailable");
                HttpResponse<String> health = app.http().get("/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("\"database\":\"database does not answer\"");

                proxy.restore();
                int status = 0;
                long deadline = System.currentTimeMillis() + 30_000;
                while (status != 200 && System.currentTimeMillis() < deadline) {
                    status = app.http()
                            .signed(SECRET, "orders/create", SHOP, "during", "{}")
                            .statusCode();
                }
                assertThat(status)
                        .as("the retried delivery is accepted once storage is back")
                        .isEqualTo(200);
                assertThat(app.http()
                                .signed(
                                        SECRET,
                                        "orders/create",
                                        SHOP,
                                        UUID.randomUUID().toString(),
                                        "{}")
                                .statusCode())
                        .isEqualTo(200);
                assertThat(app.http().get("/health").statusCode()).isEqualTo(200);
            }
        }
        assertThat(TestDatabases.count(
                        direct, "SELECT count(*) FROM delivery WHERE webhook_id IN ('before', 'during')"))
                .isEqualTo(2);
    }
}
