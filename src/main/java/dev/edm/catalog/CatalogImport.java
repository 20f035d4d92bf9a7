package dev.edm.catalog;

import dev.edm.alerts.Alerts;
import dev.edm.alerts.Threshold;
import dev.edm.catalog.CatalogCsv.Line;
import dev.edm.storage.Database;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import dev.edm.stores.SkuMap;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a catalog import in one transaction: SKU attributes (cost, currency, lead time, supplier) into
 * {@code catalog}, thresholds into the threshold overrides (for the line's store, else every store), channel
 * SKUs into the SKU mapping. Empty cells leave what is stored; a later line for the same SKU wins.
 */
public final class CatalogImport {
    private final Database db;
    private final Alerts alerts;
    private final SkuMap skuMap;
    private final Clock clock;

    /** What an import changed. */
    public record Result(int skus, int thresholds, int mappings) {}

    public CatalogImport(Database db, Alerts alerts, SkuMap skuMap, Clock clock) {
        this.db = db;
        this.alerts = alerts;
        this.skuMap = skuMap;
        this.clock = clock;
    }

    public Result apply(List<Line> lines) {
        List<Threshold> thresholds = new ArrayList<>();
        List<SkuMap.Mapping> mappings = new ArrayList<>();
        int[] skus = {0};
        for (Line l : lines) {
            if (l.threshold() != null) {
                thresholds.add(new Threshold(l.store() == null ? "" : l.store().id(), l.sku(), "", l.threshold()));
            }
            if (l.channelSku() != null) {
                mappings.add(new SkuMap.Mapping(l.store(), l.channelSku(), l.sku()));
            }
        }
        db.transaction(c -> {
            for (Line l : lines) {
                if (l.cost() == null && l.currency() == null && l.leadTimeDays() == null && l.supplier() == null) {
                    continue;
                }
                skus[0]++;
                Sql.update(
                        c,
                        "INSERT INTO catalog (sku, cost, currency, lead_time_days, supplier, updated_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sku) DO UPDATE SET "
                                + "cost = COALESCE(excluded.cost, catalog.cost), "
                                + "currency = COALESCE(excluded.currency, catalog.currency), "
                                + "lead_time_days = COALESCE(excluded.lead_time_days, catalog.lead_time_days), "
                                + "supplier = COALESCE(excluded.supplier, catalog.supplier), "
                                + "updated_at = excluded.updated_at",
                        l.sku(),
                        l.cost() == null ? null : l.cost().toPlainString(),
                        l.currency(),
                        l.leadTimeDays(),
                        l.supplier(),
                        clock.millis());
            }
            try (Session s = new Session(c)) {
                alerts.putThresholds(s, thresholds);
            }
            skuMap.map(c, mappings);
            return null;
        });
        skuMap.refresh();
        alerts.reevaluate(thresholds);
        return new Result(skus[0], thresholds.size(), mappings.size());
    }
}
