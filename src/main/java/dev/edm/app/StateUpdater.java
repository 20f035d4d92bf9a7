package dev.edm.app;

import dev.edm.alerts.Alerts;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.DeliveryEvents;
import dev.edm.event.Provenance;
import dev.edm.ingest.EventSink;
import dev.edm.inventory.Inventory;
import dev.edm.inventory.VariantRef;
import dev.edm.storage.Session;
import dev.edm.stores.SkuMap;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

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

    StateUpdater(Inventory inventory, Alerts alerts, SkuMap skuMap, boolean evaluateAlerts) {
        this.inventory = inventory;
        this.alerts = alerts;
        this.skuMap = skuMap;
        this.evaluateAlerts = evaluateAlerts;
    }

    @Override
    public void accept(Session session, Provenance provenance, List<CanonicalEvent> events) throws SQLException {
        acceptAll(session, List.of(new DeliveryEvents(provenance, events)));
    }

    @Override
    public void acceptAll(Session session, List<DeliveryEvents> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        Set<VariantRef> changed = inventory.applyAll(session, skuMap.rewrite(deliveries));
        if (evaluateAlerts && !changed.isEmpty()) {
            long last = deliveries.get(deliveries.size() - 1).provenance().deliveryId();
            alerts.onChange(session, changed, last);
        }
    }
}
