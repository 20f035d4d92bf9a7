package dev.edm.reports;

import dev.edm.inventory.VariantState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row per SKU across every store: the total available and each channel's share, and the last sale. SKUs
 * are joined as stored, so channel SKUs mapped with {@code edm sku map} count under their canonical SKU.
 */
public final class SkuView {
    private SkuView() {}

    /** One SKU on one channel (store): its available stock (null when unknown) and last sale. */
    public record ChannelStock(String store, String platform, Integer available, Instant lastSale) {}

    /** One SKU everywhere: {@code totalAvailable} sums the channels whose stock is known (null when none is). */
    public record SkuRow(
            String sku, String title, Integer totalAvailable, List<ChannelStock> channels, Instant lastSale) {
        public SkuRow {
            channels = List.copyOf(channels);
        }
    }

    static List<SkuRow> rows(List<VariantState> variants) {
        Map<String, Map<String, List<VariantState>>> bySku = new TreeMap<>();
        for (VariantState v : variants) {
            if (v.deleted() || v.sku() == null || v.sku().isBlank()) {
                continue;
            }
            bySku.computeIfAbsent(v.sku(), k -> new TreeMap<>())
                    .computeIfAbsent(v.store(), k -> new ArrayList<>())
                    .add(v);
        }
        List<SkuRow> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<VariantState>>> sku : bySku.entrySet()) {
            List<ChannelStock> channels = new ArrayList<>();
            Integer total = null;
            Instant lastSale = null;
            String title = null;
            for (Map.Entry<String, List<VariantState>> store : sku.getValue().entrySet()) {
                Integer available = null;
                Instant storeSale = null;
                for (VariantState v : store.getValue()) {
                    if (v.stockTotal() != null) {
                        available = (available == null ? 0 : available) + v.stockTotal();
                    }
                    storeSale = later(storeSale, v.lastSaleAt());
                    title = title == null ? v.title() : title;
                }
                VariantState first = store.getValue().get(0);
                channels.add(new ChannelStock(store.getKey(), first.platform(), available, storeSale));
                if (available != null) {
                    total = (total == null ? 0 : total) + available;
                }
                lastSale = later(lastSale, storeSale);
            }
            rows.add(new SkuRow(sku.getKey(), title, total, channels, lastSale));
        }
        return rows;
    }

    static Table table(List<SkuRow> rows) {
        List<List<Object>> cells = new ArrayList<>();
        for (SkuRow r : rows) {
            StringBuilder perChannel = new StringBuilder();
            for (ChannelStock c : r.channels()) {
                perChannel
                        .append(perChannel.isEmpty() ? "" : "; ")
                        .append(c.store())
                        .append('=')
                        .append(
                                c.available() == null
                                        ? "unknown"
                                        : c.available().toString());
            }
            List<Object> row = new ArrayList<>();
            row.add(r.sku());
            row.add(r.title());
            row.add(r.totalAvailable());
            row.add(r.channels().size());
            row.add(perChannel.toString());
            row.add(r.lastSale() == null ? null : r.lastSale().toString());
            cells.add(row);
        }
        return new Table(
                "skus", List.of("sku", "title", "total_available", "channels", "per_channel", "last_sale"), cells);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b != null && b.isAfter(a) ? b : a;
    }
}
