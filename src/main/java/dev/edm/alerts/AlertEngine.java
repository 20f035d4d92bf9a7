package dev.edm.alerts;

import dev.edm.inventory.Inventory;
import dev.edm.inventory.VariantRef;
import dev.edm.inventory.VariantState;
import dev.edm.storage.Session;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the rules for variants whose state changed, inside the same transaction: opens one alert per
 * (rule, store, variant, location) when a condition begins and resolves it when the condition clears.
 */
final class AlertEngine {
    private final int defaultThreshold;
    private final int noSalesDays;

    AlertEngine(int defaultThreshold, int noSalesDays) {
        this.defaultThreshold = defaultThreshold;
        this.noSalesDays = noSalesDays;
    }

    void evaluate(Session s, Collection<VariantRef> variants, Instant now, Long deliveryId) throws SQLException {
        for (VariantRef ref : variants) {
            Optional<VariantState> state = Inventory.variant(s, ref.store(), ref.variantId());
            if (state.isPresent()) {
                evaluate(s, state.get(), now, deliveryId);
            }
        }
    }

    private void evaluate(Session s, VariantState v, Instant now, Long deliveryId) throws SQLException {
        if (!v.monitored()) {
            resolveAll(s, v, now, v.deleted() ? "product deleted" : "product is " + v.status());
            return;
        }
        Integer stock = v.stockTotal();
        String stockText = stock == null ? "unknown" : Integer.toString(stock);
        int threshold = Thresholds.forTotal(s, v.store(), v.sku(), defaultThreshold);
        String elsewhere = Conditions.outOfStock(v) || Conditions.lowStock(v, threshold) ? otherChannels(s, v) : "";
        set(
                s,
                Rule.OUT_OF_STOCK,
                v,
                "",
                Conditions.outOfStock(v),
                now,
                deliveryId,
                stock,
                0,
                "out of stock: " + stockText + " available" + elsewhere,
                "back in stock: " + stockText + " available");

        set(
                s,
                Rule.LOW_STOCK,
                v,
                "",
                Conditions.lowStock(v, threshold),
                now,
                deliveryId,
                stock,
                threshold,
                "low stock: " + stockText + " available <= threshold " + threshold + elsewhere,
                "restocked: " + stockText + " available > threshold " + threshold);

        Map<String, Integer> byLocation = Thresholds.forLocations(s, v.store(), v.sku());
        for (Map.Entry<String, Integer> location : byLocation.entrySet()) {
            Integer available = v.inventoryItemId() == null
                    ? null
                    : Inventory.levelAt(s, v.store(), v.inventoryItemId(), location.getKey())
                            .orElse(null);
            int t = location.getValue();
            String text = available == null ? "unknown" : Integer.toString(available);
            set(
                    s,
                    Rule.LOW_STOCK,
                    v,
                    location.getKey(),
                    available != null && available <= t,
                    now,
                    deliveryId,
                    available,
                    t,
                    "low stock at location " + location.getKey() + ": " + text + " available <= threshold " + t,
                    "restocked at location " + location.getKey() + ": " + text + " available > threshold " + t);
        }
        for (String location : openLocations(s, v)) {
            if (!byLocation.containsKey(location)) {
                resolve(s, Rule.LOW_STOCK, v, location, now, "location threshold removed");
            }
        }

        long days = Conditions.daysWithoutSale(v, now).orElse(-1);
        String since = v.lastSaleAt() != null
                ? "last sale " + v.lastSaleAt().atOffset(ZoneOffset.UTC).toLocalDate()
                : "never sold since first seen "
                        + v.firstSeen().atOffset(ZoneOffset.UTC).toLocalDate();
        set(
                s,
                Rule.NO_SALES,
                v,
                "",
                Conditions.noSales(v, now, noSalesDays),
                now,
                deliveryId,
                days < 0 ? null : (int) days,
                noSalesDays,
                "no sales for " + days + " days (" + since + "), " + stockText + " in stock",
                v.stockTotal() == null || v.stockTotal() <= 0 ? "no stock left" : "sold again (" + since + ")");
    }

    /** {@code "; other channels: amazon:A1 12, ..."} for the same SKU in other stores, or "" when none. */
    private static String otherChannels(Session s, VariantState v) throws SQLException {
        if (v.sku() == null || v.sku().isBlank()) {
            return "";
        }
        List<VariantState> others = Inventory.sameSkuElsewhere(s, v.store(), v.sku());
        if (others.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("; other channels: ");
        for (int i = 0; i < others.size(); i++) {
            VariantState o = others.get(i);
            text.append(i == 0 ? "" : ", ")
                    .append(o.store())
                    .append(' ')
                    .append(o.stockTotal() == null ? "unknown" : o.stockTotal().toString());
        }
        return text.toString();
    }

    private void set(
            Session s,
            Rule rule,
            VariantState v,
            String location,
            boolean breached,
            Instant now,
            Long deliveryId,
            Integer value,
            int threshold,
            String openReason,
            String resolveReason)
            throws SQLException {
        if (breached) {
            int opened = s.update(
                    "INSERT INTO alert (rule, severity, store, variant_id, location_id, sku, title, status, opened_at, "
                            + "reason, current_value, threshold, delivery_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING",
                    rule.id(),
                    rule.severity(),
                    v.store(),
                    v.variantId(),
                    location,
                    v.sku(),
                    v.title(),
                    now.toEpochMilli(),
                    openReason,
                    value,
                    threshold,
                    deliveryId);
            if (opened == 0) {
                s.update(
                        "UPDATE alert SET current_value = ?, threshold = ? WHERE rule = ? AND store = ? AND variant_id = ? "
                                + "AND location_id = ? AND status = 'open'",
                        value,
                        threshold,
                        rule.id(),
                        v.store(),
                        v.variantId(),
                        location);
            }
        } else {
            resolve(s, rule, v, location, now, resolveReason);
        }
    }

    private static void resolve(Session s, Rule rule, VariantState v, String location, Instant now, String why)
            throws SQLException {
        s.update(
                "UPDATE alert SET status = 'resolved', resolved_at = ?, resolve_reason = ? WHERE rule = ? AND store = ? "
                        + "AND variant_id = ? AND location_id = ? AND status = 'open'",
                now.toEpochMilli(),
                why,
                rule.id(),
                v.store(),
                v.variantId(),
                location);
    }

    private static void resolveAll(Session s, VariantState v, Instant now, String why) throws SQLException {
        s.update(
                "UPDATE alert SET status = 'resolved', resolved_at = ?, resolve_reason = ? WHERE store = ? "
                        + "AND variant_id = ? AND status = 'open'",
                now.toEpochMilli(),
                why,
                v.store(),
                v.variantId());
    }

    private static List<String> openLocations(Session s, VariantState v) throws SQLException {
        return s.query(
                "SELECT location_id FROM alert WHERE rule = ? AND store = ? AND variant_id = ? AND location_id <> '' "
                        + "AND status = 'open'",
                rs -> rs.getString(1),
                Rule.LOW_STOCK.id(),
                v.store(),
                v.variantId());
    }
}
