package dev.edm.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.alerts.Alerts;
import dev.edm.alerts.Deadlines;
import dev.edm.alerts.Transition;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * {@code POST /api/alerts/{id}/ack|snooze|resolve}: manual transitions. Optional JSON body {@code by},
 * {@code until}, {@code for} (query parameters of the same names work too). 404 unknown id, 409 a transition
 * that makes no sense, 400 a bad id, time or duration. Loopback only.
 */
final class AlertActionsRoutes {
    private final Alerts alerts;

    AlertActionsRoutes(Alerts alerts) {
        this.alerts = alerts;
    }

    void register(HttpRules rules) {
        rules.post(
                "/api/alerts/{id}/ack",
                LoopbackOnly.wrap((req, res) -> withId(
                        req,
                        res,
                        (id, body) -> answer(
                                res,
                                alerts.acknowledge(id, field(req, body, "by").orElse("api"))))));
        rules.post(
                "/api/alerts/{id}/resolve",
                LoopbackOnly.wrap((req, res) -> withId(
                        req,
                        res,
                        (id, body) -> answer(
                                res, alerts.resolve(id, field(req, body, "by").orElse("api"))))));
        rules.post(
                "/api/alerts/{id}/snooze",
                LoopbackOnly.wrap((req, res) -> withId(req, res, (id, body) -> {
                    var until = Deadlines.end(
                            field(req, body, "until"),
                            field(req, body, "for"),
                            alerts.clock().instant());
                    answer(res, alerts.snooze(id, until));
                })));
    }

    private interface Action {
        void run(long id, JsonNode body);
    }

    private static void withId(ServerRequest req, ServerResponse res, Action action) {
        String raw = req.path().pathParameters().get("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            Responses.error(res, 400, "alert id must be a whole number, got " + raw);
            return;
        }
        Optional<JsonNode> body = JsonBody.read(req, res);
        if (body.isEmpty()) {
            return;
        }
        try {
            action.run(id, body.get());
        } catch (IllegalArgumentException e) {
            Responses.error(res, 400, e.getMessage());
        }
    }

    private static Optional<String> field(ServerRequest req, JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v != null && !v.isNull()) {
            return Optional.of(v.asText());
        }
        return req.query().first(name).asOptional();
    }

    private static void answer(ServerResponse res, Transition t) {
        switch (t) {
            case Transition.Changed c -> Responses.json(res, 200, AlertsRoutes.json(c.alert()));
            case Transition.NotFound n -> Responses.error(res, 404, "no alert with id " + n.id());
            case Transition.Conflict c -> Responses.error(res, 409, c.message());
        }
    }
}
