package dev.edm.sync;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ProductDeleted;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.ProductVariantsListed;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.CanonicalEvent.VariantUpserted;
import dev.edm.inventory.KnownState;
import dev.edm.inventory.LevelState;
import dev.edm.inventory.VariantState;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether what an API says would change what edm knows. Stale data (older than what was applied, by the
 * platform's own update time) and equal data are no difference; a missing variant, level, sold line or
 * reversal is one.
 */
final class Differences {
    private Differences() {}

    static boolean any(List<CanonicalEvent> events, KnownState known) {
        for (CanonicalEvent e : events) {
            if (differs(e, known)) {
                return true;
            }
        }
        return false;
    }

    static boolean differs(CanonicalEvent event, KnownState known) {
        return switch (event) {
            case ProductUpserted e -> product(e, known);
            case VariantUpserted e -> variant(e.variant(), e.status(), e.productId(), e.at(), known);
            case ProductVariantsListed e -> listed(e, known);
            case ProductDeleted e ->
                known.variantsOfProduct(e.productId()).stream()
                        .anyMatch(v -> !v.deleted() && !v.updatedAt().isAfter(e.at()));
            case StockLevelChanged e -> level(e, known);
            case SaleRecorded e -> !known.knowsSale(e.orderId(), e.lineId());
            case SaleReversed e -> !known.knowsReversal(e.orderId(), e.reversalId());
            default -> false; // reconciliation reads nothing else
        };
    }

    private static boolean product(ProductUpserted e, KnownState known) {
        if (newer(known.productUpdatedAt(e.productId()), e.at())) {
            return false;
        }
        Set<String> listed = new HashSet<>();
        for (Variant v : e.variants()) {
            listed.add(v.variantId());
            if (variant(v, e.status(), e.productId(), e.at(), known)) {
                return true;
            }
        }
        return known.variantsOfProduct(e.productId()).stream()
                .anyMatch(v -> !v.deleted() && !listed.contains(v.variantId()));
    }

    private static boolean variant(Variant v, String status, String productId, Instant at, KnownState known) {
        Optional<VariantState> found = known.variant(v.variantId());
        if (found.isEmpty()) {
            return true;
        }
        VariantState s = found.get();
        if (s.updatedAt().isAfter(at)) {
            return false;
        }
        String price = v.price() == null ? null : v.price().amount().toPlainString();
        String currency = v.price() == null ? null : v.price().currency();
        boolean quantityCounts = !known.hasLevels(s.inventoryItemId()) && v.inventoryQuantity() != null;
        return s.deleted()
                || !productId.equals(s.productId())
                || !Objects.equals(s.sku(), v.sku())
                || !Objects.equals(s.title(), v.title())
                || !Objects.equals(s.price(), price)
                || !Objects.equals(s.currency(), currency)
                || (v.inventoryItemId() != null && !v.inventoryItemId().equals(s.inventoryItemId()))
                || !Objects.equals(s.status(), status)
                || (quantityCounts && !Objects.equals(s.stockTotal(), v.inventoryQuantity()));
    }

    private static boolean listed(ProductVariantsListed e, KnownState known) {
        Set<String> ids = Set.copyOf(e.variantIds());
        for (VariantState v : known.variantsOfProduct(e.productId())) {
            if (v.updatedAt().isAfter(e.at())) {
                continue;
            }
            if (v.deleted() == ids.contains(v.variantId())) {
                return true; // a listed variant deleted, or a live one no longer listed
            }
        }
        return false;
    }

    private static boolean level(StockLevelChanged e, KnownState known) {
        Optional<LevelState> found = known.level(e.inventoryItemId(), e.locationId());
        if (found.isEmpty()) {
            return true;
        }
        LevelState s = found.get();
        if (s.updatedAt().isAfter(e.at())) {
            return false;
        }
        return !s.connected() || !Objects.equals(s.available(), e.available());
    }

    private static boolean newer(Optional<Instant> applied, Instant at) {
        return applied.isPresent() && applied.get().isAfter(at);
    }
}
