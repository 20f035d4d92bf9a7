package dev.edm.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.alerts.AlertNotice;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One alert notice as a message shows it (stored as the outbox row's JSON payload). */
record Item(
        long alertId,
        String kind,
        String rule,
        String severity,
        String store,
        String sku,
        String title,
        String reason,
        Integer current,
        Integer threshold,
        String openedAt,
        String at) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Most severe first, then the lowest stock. */
    static final Comparator<Item> WORST_FIRST = Comparator.comparingInt((Item i) -> rank(i.severity()))
            .thenComparing(i -> i.current() == null ? Integer.MAX_VALUE : i.current())
            .thenComparingLong(Item::alertId);

    static Item of(AlertNotice n) {
        var a = n.alert();
        return new Item(
                a.id(),
                n.kind().name().toLowerCase(Locale.ROOT),
                a.rule().id(),
                a.severity(),
                a.store(),
                a.sku(),
                a.title(),
                a.reason(),
                a.currentValue(),
                a.threshold(),
                a.openedAt() == null ? null : a.openedAt().toString(),
                n.at().toString());
    }

    static int rank(String severity) {
        return switch (severity) {
            case "critical" -> 0;
            case "warning" -> 1;
            default -> 2;
        };
    }

    boolean resolved() {
        return kind.equals("resolved");
    }

    /** The SKU, or the alert's title when the item has none. */
    String label() {
        return sku != null && !sku.isBlank() ? sku : title != null ? title : "alert " + alertId;
    }

    String ruleText() {
        return rule.replace('_', ' ');
    }

    Instant atInstant() {
        return Instant.parse(at);
    }

    String toJson() {
        return write(this);
    }

    static String toJson(List<Item> items) {
        return write(items);
    }

    static List<Item> listFromJson(String json) {
        try {
            if (json.startsWith("[")) {
                return JSON.readValue(json, new TypeReference<List<Item>>() {});
            }
            return List.of(JSON.readValue(json, Item.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable notification payload: " + e.getOriginalMessage(), e);
        }
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alert_id", alertId);
        m.put("kind", kind);
        m.put("rule", rule);
        m.put("severity", severity);
        m.put("store", store);
        m.put("sku", sku);
        m.put("title", title);
        m.put("reason", reason);
        m.put("current_value", current);
        m.put("threshold", threshold);
        m.put("opened_at", openedAt);
        m.put("at", at);
        return m;
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification payload cannot be written", e);
        }
    }
}
