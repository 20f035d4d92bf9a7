package dev.edm.alerts;

import dev.edm.inventory.VariantState;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/** The rule conditions as pure functions of a variant's state, shared by alert evaluation and reports. */
public final class Conditions {
    private Conditions() {}

    public static boolean outOfStock(VariantState v) {
        return v.monitored() && v.stockTotal() != null && v.stockTotal() <= 0;
    }

    public static boolean lowStock(VariantState v, int threshold) {
        return v.monitored() && v.stockTotal() != null && v.stockTotal() <= threshold;
    }

    /**
     * Whole days without a sale: since the last sale, or since first seen when it never sold. Empty when it
     * cannot be known or makes no sense: a sale or first sighting in the future.
     */
    public static OptionalLong daysWithoutSale(VariantState v, Instant now) {
        Instant since = v.lastSaleAt() != null ? v.lastSaleAt() : v.firstSeen();
        if (since == null || since.isAfter(now)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Duration.between(since, now).toDays());
    }

    /** No sale for more than {@code days} days (or never sold, first seen more than that ago) and stock > 0. */
    public static boolean noSales(VariantState v, Instant now, int days) {
        if (!v.monitored() || v.stockTotal() == null || v.stockTotal() <= 0) {
            return false;
        }
        Instant since = v.lastSaleAt() != null ? v.lastSaleAt() : v.firstSeen();
        return since != null && !since.isAfter(now) && since.isBefore(now.minus(Duration.ofDays(days)));
    }
}
