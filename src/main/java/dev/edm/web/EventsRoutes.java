package dev.edm.web;

import dev.edm.event.Platform;
import dev.edm.ingest.DeliveryLog;
import dev.edm.ingest.DeliveryStatus;
import dev.edm.ingest.StoredDelivery;
import dev.edm.platform.PersonalData;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/events} (latest deliveries with processing status, no bodies) and
 * {@code GET /api/events/{id}} (one delivery, personal data masked). Read-only, loopback only until
 * authentication exists.
 */
final class EventsRoutes {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private final DeliveryLog log;

    EventsRoutes(DeliveryLog log) {
        this.log = log;
    }

    void register(HttpRules rules) {
        rules.get("/api/events", LoopbackOnly.wrap(this::list));
        rules.get("/api/events/{id}", LoopbackOnly.wrap(this::one));
    }

    private void list(ServerRequest req, ServerResponse res) {
        var query = req.query();
        Optional<Integer> limit = Params.limit(req, res, DEFAULT_LIMIT, MAX_LIMIT);
        if (limit.isEmpty()) {
            return;
        }
        Optional<String> platformParam = query.first("platform").asOptional();
        Optional<Platform> platform = platformParam.flatMap(Platform::fromId);
        if (platformParam.isPresent() && platform.isEmpty()) {
            Responses.error(res, 400, "unknown platform: " + platformParam.get());
            return;
        }
        Optional<String> statusParam = query.first("status").asOptional();
        Optional<DeliveryStatus> status = statusParam.flatMap(DeliveryStatus::fromId);
        if (statusParam.isPresent() && status.isEmpty()) {
            Responses.error(
                    res, 400, "unknown status: " + statusParam.get() + " (pending, processed, ignored, failed)");
            return;
        }
        List<Map<String, Object>> events = log.latest(limit.get(), platform, status).stream()
                .map(EventsRoutes::summary)
                .toList();
        Responses.json(res, 200, Map.of("events", events, "count", events.size()));
    }

    private void one(ServerRequest req, ServerResponse res) {
        long id;
        try {
            id = Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            Responses.error(res, 400, "event id must be a number");
            return;
        }
        Optional<StoredDelivery> delivery = log.find(id);
        if (delivery.isEmpty()) {
            Responses.error(res, 404, "no event with id " + id);
            return;
        }
        Map<String, Object> body = summary(delivery.get());
        body.put("headers", delivery.get().headers());
        body.put("body", PersonalData.maskedJson(delivery.get().body()));
        Responses.json(res, 200, body);
    }

    private static Map<String, Object> summary(StoredDelivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("platform", d.platform().id());
        m.put("store", d.store());
        m.put("topic", d.topic());
        m.put("webhook_id", d.webhookId());
        m.put("event_id", d.eventId());
        m.put("triggered_at", d.triggeredAt());
        m.put("api_version", d.apiVersion());
        m.put("received_at", d.receivedAt().toString());
        m.put("signed", d.signed());
        m.put("body_bytes", d.bodySize());
        m.put("status", d.status().id());
        m.put("status_reason", d.statusReason());
        m.put("processed_at", d.processedAt() == null ? null : d.processedAt().toString());
        return m;
    }
}
