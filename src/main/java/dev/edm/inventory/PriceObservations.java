package dev.edm.inventory;

import dev.edm.event.CanonicalEvent.PriceObserved;
import dev.edm.event.Money;
import dev.edm.event.Provenance;
import dev.edm.storage.Session;
import java.sql.SQLException;

/** Keeps every price observation once (by store, marketplace, product, condition, source and time). */
final class PriceObservations {
    private PriceObservations() {}

    static void record(Session s, Provenance p, PriceObserved e) throws SQLException {
        s.update(
                "INSERT INTO price_observation (store, marketplace_id, product_id, item_condition, source, observed_at, "
                        + "own_price, own_currency, buy_box_price, buy_box_currency, lowest_price, lowest_currency, "
                        + "competitive_price, competitive_currency, offer_count, issue, delivery_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (store, marketplace_id, product_id, item_condition, source, observed_at) DO NOTHING",
                e.store().id(),
                e.marketplaceId(),
                e.productId(),
                e.condition() == null ? "" : e.condition(),
                e.source(),
                e.at().toEpochMilli(),
                amount(e.ownPrice()),
                currency(e.ownPrice()),
                amount(e.buyBoxPrice()),
                currency(e.buyBoxPrice()),
                amount(e.lowestPrice()),
                currency(e.lowestPrice()),
                amount(e.competitivePrice()),
                currency(e.competitivePrice()),
                e.offerCount(),
                e.issue(),
                p.deliveryId());
    }

    private static String amount(Money m) {
        return m == null ? null : m.amount().toPlainString();
    }

    private static String currency(Money m) {
        return m == null ? null : m.currency();
    }
}
