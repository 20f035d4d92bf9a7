package dev.edm.web;

import dev.edm.reports.Reports;
import dev.edm.reports.SkuView;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/skus?sku=&shop=}: one row per SKU across channels, with the total and each store's available
 * stock and the last sale. Loopback only.
 */
final class SkusRoutes {
    private final Reports reports;

    SkusRoutes(Reports reports) {
        this.reports = reports;
    }

    void register(HttpRules rules) {
        rules.get("/api/skus", LoopbackOnly.wrap(this::list));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<String> store = req.query().first("shop").asOptional().map(Params::storeKey);
        Optional<String> sku = req.query().first("sku").asOptional();
        List<Map<String, Object>> rows =
                reports.skus(new Reports.Filter(store, Optional.empty(), Optional.empty())).stream()
                        .filter(r -> sku.isEmpty() || sku.get().equals(r.sku()))
                        .map(SkusRoutes::json)
                        .toList();
        Responses.json(res, 200, Map.of("skus", rows, "count", rows.size()));
    }

    private static Map<String, Object> json(SkuView.SkuRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sku", r.sku());
        m.put("title", r.title());
        m.put("total_available", r.totalAvailable());
        m.put(
                "channels",
                r.channels().stream()
                        .map(c -> {
                            Map<String, Object> ch = new LinkedHashMap<>();
                            ch.put("store", c.store());
                            ch.put("platform", c.platform());
                            ch.put("available", c.available());
                            ch.put(
                                    "last_sale",
                                    c.lastSale() == null ? null : c.lastSale().toString());
                            return ch;
                        })
                        .toList());
        m.put("last_sale", r.lastSale() == null ? null : r.lastSale().toString());
        return m;
    }
}
