package dev.edm.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /health} and {@code GET /metrics} (Prometheus text). Never rate-limited. */
final class OpsRoutes {
    private final HealthCheck health;
    private final Supplier<String> metrics;

    OpsRoutes(HealthCheck health, Supplier<String> metrics) {
        this.health = health;
        this.metrics = metrics;
    }

    void register(HttpRules rules) {
        rules.get("/health", (req, res) -> health(res));
        rules.get("/metrics", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(metrics.get().getBytes(StandardCharsets.UTF_8));
        });
    }

    private void health(ServerResponse res) {
        Map<String, String> checks = health.run();
        boolean ok = HealthCheck.allOk(checks);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "UP" : "DOWN");
        body.put("checks", checks);
        Responses.json(res, ok ? 200 : 503, body);
    }
}
