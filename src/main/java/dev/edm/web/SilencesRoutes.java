package dev.edm.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.alerts.Alerts;
import dev.edm.alerts.Deadlines;
import dev.edm.alerts.Rule;
import dev.edm.alerts.Silence;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/silences[?all=true]}, {@code POST /api/silences} ({@code rule}, {@code sku}, {@code store},
 * {@code until} or {@code for}, {@code comment}), {@code DELETE /api/silences/{id}}. Loopback only.
 */
final class SilencesRoutes {
    private final Alerts alerts;

    SilencesRoutes(Alerts alerts) {
        this.alerts = alerts;
    }

    void register(HttpRules rules) {
        rules.get("/api/silences", LoopbackOnly.wrap(this::list));
        rules.post("/api/silences", LoopbackOnly.wrap(this::add));
        rules.delete("/api/silences/{id}", LoopbackOnly.wrap(this::remove));
    }

    private void list(ServerRequest req, ServerResponse res) {
        boolean all = req.query()
                .first("all")
                .asOptional()
                .map("true"::equalsIgnoreCase)
                .orElse(false);
        Instant now = alerts.clock().instant();
        List<Map<String, Object>> rows =
                alerts.silences().list(all).stream().map(s -> json(s, now)).toList();
        Responses.json(res, 200, Map.of("silences", rows, "count", rows.size()));
    }

    private void add(ServerRequest req, ServerResponse res) {
        Optional<JsonNode> body = JsonBody.read(req, res);
        if (body.isEmpty()) {
            return;
        }
        Optional<String> ruleText = text(body.get(), "rule");
        Optional<Rule> rule = ruleText.flatMap(Rule::fromId);
        if (ruleText.isPresent() && rule.isEmpty()) {
            Responses.error(res, 400, "unknown rule: " + ruleText.get() + " (" + AlertsRoutes.RULES + ")");
            return;
        }
        try {
            Instant until = Deadlines.end(
                    text(body.get(), "until"),
                    text(body.get(), "for"),
                    alerts.clock().instant());
            Silence s = alerts.silences()
                    .add(
                            rule,
                            text(body.get(), "store").map(Params::storeKey),
                            text(body.get(), "sku"),
                            until,
                            text(body.get(), "comment").orElse(null));
            Responses.json(res, 201, json(s, alerts.clock().instant()));
        } catch (IllegalArgumentException e) {
            Responses.error(res, 400, e.getMessage());
        }
    }

    private void remove(ServerRequest req, ServerResponse res) {
        String raw = req.path().pathParameters().get("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            Responses.error(res, 400, "silence id must be a whole number, got " + raw);
            return;
        }
        if (alerts.silences().remove(id)) {
            Responses.json(res, 200, Map.of("removed", id));
        } else {
            Responses.error(res, 404, "no silence with id " + id);
        }
    }

    private static Optional<String> text(JsonNode body, String name) {
        JsonNode v = body.get(name);
        return v == null || v.isNull() || v.asText().isBlank()
                ? Optional.empty()
                : Optional.of(v.asText().strip());
    }

    static Map<String, Object> json(Silence s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("rule", s.rule().map(Rule::id).orElse(null));
        m.put("store", s.store().orElse(null));
        m.put("sku", s.sku().orElse(null));
        m.put("starts_at", s.startsAt().toString());
        m.put("ends_at", s.endsAt().toString());
        m.put("active", s.activeAt(now));
        m.put("comment", s.comment());
        return m;
    }
}
