package dev.edm.web;

import dev.edm.alerts.Alert;
import dev.edm.alerts.Alerts;
import dev.edm.alerts.Rule;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /api/alerts?status=open|resolved|all&rule=&shop=&limit=}: alerts newest first. Loopback only. */
final class AlertsRoutes {
    static final String RULES = "low_stock, out_of_stock, no_sales, integration_health";
    private final Alerts alerts;

    AlertsRoutes(Alerts alerts) {
        this.alerts = alerts;
    }

    void register(HttpRules rules) {
        rules.get("/api/alerts", LoopbackOnly.wrap(this::list));
    }

    private void list(ServerRequest req, ServerResponse res) {
        var query = req.query();
        String status = query.first("status").orElse("open");
        if (!List.of("open", "resolved", "all").contains(status)) {
            Responses.error(res, 400, "status must be open, resolved or all, got " + status);
            return;
        }
        Optional<String> ruleParam = query.first("rule").asOptional();
        Optional<Rule> rule = ruleParam.flatMap(Rule::fromId);
        if (ruleParam.isPresent() && rule.isEmpty()) {
            Responses.error(res, 400, "unknown rule: " + ruleParam.get() + " (" + RULES + ")");
            return;
        }
        Optional<Integer> limit = Params.limit(req, res, 100, 10_000);
        if (limit.isEmpty()) {
            return;
        }
        Optional<String> store = query.first("shop").asOptional().map(Params::storeKey);
        List<Map<String, Object>> rows =
                alerts
                        .list(status.equals("all") ? Optional.empty() : Optional.of(status), rule, store, limit.get())
                        .stream()
                        .map(AlertsRoutes::json)
                        .toList();
        Responses.json(res, 200, Map.of("alerts", rows, "count", rows.size()));
    }

    static Map<String, Object> json(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("rule", a.rule().id());
        m.put("severity", a.severity());
        m.put("status", a.status());
        m.put("state", a.state());
        m.put(
                "snoozed_until",
                a.snoozedUntil() == null ? null : a.snoozedUntil().toString());
        m.put(
                "acknowledged_at",
                a.acknowledgedAt() == null ? null : a.acknowledgedAt().toString());
        m.put("acknowledged_by", a.acknowledgedBy());
        m.put(
                "last_notified_at",
                a.lastNotifiedAt() == null ? null : a.lastNotifiedAt().toString());
        m.put("store", a.store());
        m.put("variant_id", a.variantId());
        m.put("location_id", a.locationId().isEmpty() ? null : a.locationId());
        m.put("sku", a.sku());
        m.put("title", a.title());
        m.put("opened_at", a.openedAt().toString());
        m.put("reason", a.reason());
        m.put("current_value", a.currentValue());
        m.put("threshold", a.threshold());
        m.put("resolved_at", a.resolvedAt() == null ? null : a.resolvedAt().toString());
        m.put("resolve_reason", a.resolveReason());
        return m;
    }
}
