package dev.edm.app;

import dev.edm.alerts.Alerts;
import dev.edm.event.DeliveryEvents;
import dev.edm.ingest.EventSink;
import dev.edm.inventory.Inventory;
import dev.edm.inventory.VariantRef;
import dev.edm.storage.Session;
import dev.edm.stores.SkuMap;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where ingest meets state: applies a delivery's canonical events to inventory, then re-evaluates alerts for
 * the variants that changed, all in the delivery's processing transaction. During replay alerts are left to
 * one full check at the end, so history is not rewritten event by event. Channel SKUs are first replaced by
 * their canonical SKUs ({@code edm sku map}).
 */
final class StateUpdater implements EventSink {
    private final Inventory inventory;
    private final Alerts alerts;
    private final SkuMap skuMap;
    private final boolean evaluateAlerts;
    private final Inventory.Carry carry;

    /** {@code carry}: rows carried across batches (replay only, see {@link Inventory.Carry}); null for none. */
    StateUpdater(Inventory inventory, Alerts alerts, SkuMap skuMap, boolean evaluateAlerts, Inventory.Carry carry) {
        this.inventory = inventory;
        this.alerts = alerts;
        this.skuMap = skuMap;
        this.evaluateAlerts = evaluateAlerts;
        this.carry = carry;
    }

    @Override
    public void acceptAll(Session session, List<DeliveryEvents> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        Map<VariantRef, Long> changed = inventory.applyAll(session, skuMap.rewrite(deliveries), carry, evaluateAlerts);
        if (evaluateAlerts && !changed.isEmpty()) {
            // each alert names the delivery that last changed its variant
            Map<Long, List<VariantRef>> byDelivery = new LinkedHashMap<>();
            changed.forEach((ref, delivery) ->
                    byDelivery.computeIfAbsent(delivery, k -> new ArrayList<>()).add(ref));
            for (Map.Entry<Long, List<VariantRef>> e : byDelivery.entrySet()) {
                alerts.onChange(session, e.getValue(), e.getKey());
            }
        }
    }
}
