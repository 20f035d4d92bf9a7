package dev.edm.web;

import dev.edm.notify.Notification;
import dev.edm.notify.Notifications;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/notifications?status=&limit=}: the outbox newest first; {@code POST
 * /api/notifications/{id}/resend}: sends a dead (or sent) message again. Loopback only.
 */
final class NotificationsRoutes {
    private static final List<String> STATUSES = List.of("all", "held", "digested", "pending", "sent", "dead");
    private final Notifications notifications;

    NotificationsRoutes(Notifications notifications) {
        this.notifications = notifications;
    }

    void register(HttpRules rules) {
        rules.get("/api/notifications", LoopbackOnly.wrap(this::list));
        rules.post("/api/notifications/{id}/resend", LoopbackOnly.wrap(this::resend));
    }

    private void list(ServerRequest req, ServerResponse res) {
        String status = req.query().first("status").orElse("all");
        if (!STATUSES.contains(status)) {
            Responses.error(res, 400, "status must be one of " + String.join(", ", STATUSES) + ", got " + status);
            return;
        }
        Optional<Integer> limit = Params.limit(req, res, 100, 10_000);
        if (limit.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows =
                notifications.list(status.equals("all") ? Optional.empty() : Optional.of(status), limit.get()).stream()
                        .map(NotificationsRoutes::json)
                        .toList();
        Responses.json(res, 200, Map.of("notifications", rows, "count", rows.size()));
    }

    private void resend(ServerRequest req, ServerResponse res) {
        long id;
        try {
            id = Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            Responses.error(res, 400, "the notification id must be a number");
            return;
        }
        switch (notifications.resend(id)) {
            case RESENT -> Responses.json(res, 200, json(notifications.find(id).orElseThrow()));
            case NOT_FOUND -> Responses.error(res, 404, "no notification " + id);
            case NOT_RESENDABLE ->
                Responses.error(
                        res,
                        409,
                        "notification " + id + " is "
                                + notifications
                                        .find(id)
                                        .map(Notification::status)
                                        .orElse("gone")
                                + ": only dead or sent messages can be resent");
        }
    }

    static Map<String, Object> json(Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("key", n.key());
        m.put("status", n.status());
        m.put("kind", n.kind());
        m.put("severity", n.severity());
        m.put("store", n.store());
        m.put("alert_id", n.alertId());
        m.put("receiver", n.receiver());
        m.put("channel", n.channel());
        m.put("address", n.address().isEmpty() ? null : n.address());
        m.put("items", n.items());
        m.put("attempts", n.attempts());
        m.put("next_attempt_at", Instant.ofEpochMilli(n.nextAttemptAt()).toString());
        m.put("last_error", n.lastError());
        m.put("created_at", Instant.ofEpochMilli(n.createdAt()).toString());
        m.put(
                "sent_at",
                n.sentAt() == null ? null : Instant.ofEpochMilli(n.sentAt()).toString());
        m.put("digest_id", n.digestId());
        return m;
    }
}
