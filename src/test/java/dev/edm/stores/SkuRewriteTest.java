package dev.edm.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ListingChanged;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.DeliveryEvents;
import dev.edm.event.Provenance;
import dev.edm.event.StoreKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SkuRewriteTest {
    static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");
    static final StoreKey SHOP = StoreKey.parse("shopify:a.myshopify.com");
    static final StoreKey AMAZON = StoreKey.parse("amazon:A1SELLER");
    static final Map<String, Map<String, String>> MAP =
            Map.of("shopify:a.myshopify.com", Map.of("SHOP-MUG", "MUG"), "amazon:a1seller", Map.of("AMZ-MUG", "MUG"));

    static DeliveryEvents delivery(CanonicalEvent... events) {
        return new DeliveryEvents(new Provenance(1L, AT), List.of(events));
    }

    @Test
    void skuFieldsOfTheMappedStoreAreReplacedAndIdsKept() {
        var product = new ProductUpserted(
                SHOP,
                AT,
                "p1",
                "Mug",
                "active",
                List.of(
                        new Variant("v1", "SHOP-MUG", "Mug", null, "i1", 3),
                        new Variant("v2", "OTHER", "x", null, "i2", 1)));
        var sale = new SaleRecorded(SHOP, AT, "o1", "l1", "v1", "SHOP-MUG", 1, null);
        DeliveryEvents out = SkuRewrite.apply(delivery(product, sale), MAP);
        var mapped = (ProductUpserted) out.events().get(0);
        assertThat(mapped.variants()).extracting(Variant::sku).containsExactly("MUG", "OTHER");
        assertThat(mapped.variants()).extracting(Variant::variantId).containsExactly("v1", "v2");
        assertThat(((SaleRecorded) out.events().get(1)).sku()).isEqualTo("MUG");
        assertThat(((SaleRecorded) out.events().get(1)).variantId()).isEqualTo("v1");
    }

    @Test
    void onAmazonTheSkuIsTheListingsIdentitySoStockAndSalesStayJoined() {
        DeliveryEvents out = SkuRewrite.apply(
                delivery(
                        new ListingChanged(AMAZON, AT, "AMZ-MUG", null, null, null),
                        new StockLevelChanged(AMAZON, AT, "AMZ-MUG", "fba:ATVPDKIKX0DER", 4),
                        new SaleRecorded(AMAZON, AT, "o1", "l1", "AMZ-MUG", "AMZ-MUG", 1, null)),
                MAP);
        assertThat(((ListingChanged) out.events().get(0)).sku()).isEqualTo("MUG");
        assertThat(((StockLevelChanged) out.events().get(1)).inventoryItemId()).isEqualTo("MUG");
        SaleRecorded sale = (SaleRecorded) out.events().get(2);
        assertThat(sale.variantId()).isEqualTo("MUG");
        assertThat(sale.sku()).isEqualTo("MUG");
    }

    @Test
    void otherStoresAndUnmappedSkusAreLeftAsTheyAre() {
        var level = new StockLevelChanged(SHOP, AT, "SHOP-MUG", "loc", 4);
        var elsewhere =
                new SaleRecorded(StoreKey.parse("shopify:b.myshopify.com"), AT, "o", "l", "v", "SHOP-MUG", 1, null);
        DeliveryEvents in = delivery(level, elsewhere);
        assertThat(SkuRewrite.apply(in, MAP)).isSameAs(in);
    }
}
