package dev.edm.alerts;

import dev.edm.config.AlertSettings;
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
 * (rule, store, variant, location) when a condition begins and resolves it when the condition clears (low stock
 * only above threshold + the resolve margin, so stock bouncing around the threshold does not flap).
 */
final class AlertEngine {
    private final int defaultThreshold;
    private final int noSalesDays;
    private final AlertSettings.Margin resolveMargin;

    AlertEngine(int defaultThreshold, int noSalesDays, AlertSettings.Margin resolveMargin) {
        this.defaultThreshold = defaultThreshold;
        this.noSalesDays = noSalesDays;
        this.resolveMargin = resolveMargin;
    }

    void evaluate(Session s, Collection<VariantRef> variants, Instant now, Long deliveryId, AlertLedger ledger)
            throws SQLException {
        for (VariantRef ref : variants) {
            Optional<VariantState> state = Inventory.variant(s, ref.store(), ref.variantId());
            if (state.isPresent()) {
                evaluate(s, state.get(), now, deliveryId, ledger);
            }
        }
    }

    private void evaluate(Session s, VariantState v, Instant now, Long deliveryId, AlertLedger ledger)
            throws SQLException {
        if (!v.monitored()) {
            ledger.clearedAll(
                    s, v.store(), v.variantId(), now, v.deleted() ? "product deleted" : "product is " + v.status());
            return;
        }
        AlertLedger.Known known = AlertLedger.known(s, v.store(), v.variantId());
        Integer stock = v.stockTotal();
        String stockText = stock == null ? "unknown" : Integer.toString(stock);
        int threshold = Thresholds.forTotal(s, v.store(), v.sku(), defaultThreshold);
        String elsewhere = Conditions.outOfStock(v) || Conditions.lowStock(v, threshold) ? otherChannels(s, v) : "";
        AlertLedger.Subject outOfStock = subject(Rule.OUT_OF_STOCK, v, "");
        if (Conditions.outOfStock(v)) {
            ledger.breached(
                    s,
                    outOfStock,
                    now,
                    deliveryId,
                    stock,
                    0,
                    "out of stock: " + stockText + " available" + elsewhere,
                    known);
        }
        boolean backInStock = !Conditions.outOfStock(v)
                && ledger.cleared(s, outOfStock, now, "back in stock: " + stockText + " available", known);
        AlertLedger.Subject low = subject(Rule.LOW_STOCK, v, "");
        lowStock(
                s,
                ledger,
                known,
                low,
                stock,
                threshold,
                now,
                deliveryId,
                "low stock: " + stockText + " available <= threshold " + threshold + elsewhere,
                "restocked: " + stockText + " available > threshold " + threshold);
        if (backInStock) {
            // out of stock no longer inhibits low stock: a held-back low-stock notice goes out now
            ledger.releaseOwed(s, low, now, known);
        }

        Map<String, Integer> byLocation = Thresholds.forLocations(s, v.store(), v.sku());
        for (Map.Entry<String, Integer> location : byLocation.entrySet()) {
            Integer available = v.inventoryItemId() == null
                    ? null
                    : Inventory.levelAt(s, v.store(), v.inventoryItemId(), location.getKey())
                            .orElse(null);
            int t = location.getValue();
            String text = available == null ? "unknown" : Integer.toString(available);
            lowStock(
                    s,
                    ledger,
                    known,
                    subject(Rule.LOW_STOCK, v, location.getKey()),
                    available,
                    t,
                    now,
                    deliveryId,
                    "low stock at location " + location.getKey() + ": " + text + " available <= threshold " + t,
                    "restocked at location " + location.getKey() + ": " + text + " available > threshold " + t);
        }
        for (String location : known.openLocations(Rule.LOW_STOCK)) {
            if (!byLocation.containsKey(location)) {
                ledger.cleared(s, subject(Rule.LOW_STOCK, v, location), now, "location threshold removed", known);
            }
        }

        long days = Conditions.daysWithoutSale(v, now).orElse(-1);
        String since = v.lastSaleAt() != null
                ? "last sale " + v.lastSaleAt().atOffset(ZoneOffset.UTC).toLocalDate()
                : "never sold since first seen "
                        + v.firstSeen().atOffset(ZoneOffset.UTC).toLocalDate();
        AlertLedger.Subject noSales = subject(Rule.NO_SALES, v, "");
        if (Conditions.noSales(v, now, noSalesDays)) {
            ledger.breached(
                    s,
                    noSales,
                    now,
                    deliveryId,
                    days < 0 ? null : (int) days,
                    noSalesDays,
                    "no sales for " + days + " days (" + since + "), " + stockText + " in stock",
                    known);
        } else {
            ledger.cleared(
                    s,
                    noSales,
                    now,
                    v.stockTotal() == null || v.stockTotal() <= 0 ? "no stock left" : "sold again (" + since + ")",
                    known);
        }
    }

    /**
     * Low stock with hysteresis: opens at {@code value <= threshold}, resolves only above threshold + margin
     * (or when the level becomes unknown); in between an open alert stays open.
     */
    private void lowStock(
            Session s,
            AlertLedger ledger,
            AlertLedger.Known known,
            AlertLedger.Subject subject,
            Integer value,
            int threshold,
            Instant now,
            Long deliveryId,
            String openReason,
            String resolveReason)
            throws SQLException {
        int margin = resolveMargin.above(threshold);
        if (value != null && value <= threshold) {
            ledger.breached(s, subject, now, deliveryId, value, threshold, openReason, known);
        } else if (value != null && value <= threshold + margin) {
            ledger.held(s, subject, value, threshold, known);
        } else {
            ledger.cleared(s, subject, now, resolveReason + (margin > 0 ? " + margin " + margin : ""), known);
        }
    }

    private static AlertLedger.Subject subject(Rule rule, VariantState v, String location) {
        return new AlertLedger.Subject(rule, v.store(), v.variantId(), location, v.sku(), v.title());
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
}
