package dev.edm.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.alerts.AlertSink;
import dev.edm.alerts.Alerts;
import dev.edm.alerts.Threshold;
import dev.edm.config.AlertSettings;
import dev.edm.config.DatabaseSettings;
import dev.edm.event.StoreKey;
import dev.edm.inventory.SalesHistory;
import dev.edm.storage.Database;
import dev.edm.stores.SkuMap;
import dev.edm.testing.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edm import catalog}: every column lands where it belongs, every bad cell is named, nothing half-applied. */
abstract class CatalogImportContract {
    @TempDir
    Path dir;

    Database db;
    Alerts alerts;
    SkuMap skuMap;
    CatalogImport importer;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));

    abstract DatabaseSettings settings(Path dir);

    @BeforeEach
    void open() {
        db = Database.open(settings(dir));
        alerts = new Alerts(db, clock, 5, 60, AlertSettings.DEFAULTS, AlertSink.NONE);
        skuMap = new SkuMap(db, clock);
        importer = new CatalogImport(db, alerts, skuMap, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    List<CatalogCsv.Line> read(String csv) throws Exception {
        return CatalogCsv.read(Files.writeString(dir.resolve("catalog.csv"), csv));
    }

    @Test
    void everyColumnIsApplied() throws Exception {
        CatalogImport.Result r = importer.apply(read("\uFEFFSKU,threshold,cost,currency,lead_time_days,supplier,store,"
                + "channel_sku\n"
                + "MUG-B,3,4.20,eur,14,\"Acme, Ltd\",,\n"
                + "MUG-B,,,,,,amazon:A1SELLER,MUGB-AMZ\n"
                + "TEE,7,,,,,shopify:x.myshopify.com,\n"));
        assertThat(r).isEqualTo(new CatalogImport.Result(1, 2, 1));
        assertThat(new SalesHistory(db).catalog().get("MUG-B"))
                .isEqualTo(new SalesHistory.CatalogEntry("MUG-B", new BigDecimal("4.20"), "EUR", 14, "Acme, Ltd"));
        assertThat(alerts.thresholds())
                .containsExactlyInAnyOrder(
                        new Threshold("", "MUG-B", "", 3), new Threshold("shopify:x.myshopify.com", "TEE", "", 7));
        assertThat(skuMap.list())
                .containsExactly(new SkuMap.Mapping(StoreKey.parse("amazon:A1SELLER"), "MUGB-AMZ", "MUG-B"));
        // empty cells leave what is stored
        importer.apply(read("sku,supplier\nMUG-B,Other\n"));
        assertThat(new SalesHistory(db).catalog().get("MUG-B"))
                .isEqualTo(new SalesHistory.CatalogEntry("MUG-B", new BigDecimal("4.20"), "EUR", 14, "Other"));
    }

    @Test
    void everyBadCellIsNamedAndNothingIsApplied() throws Exception {
        String csv = "sku,threshold,cost,currency,lead_time_days,store,channel_sku\n"
                + "OK-1,3,1.00,EUR,2,,\n"
                + ",1,,,,,\n"
                + "A,-1,,,,,\n"
                + "B,,abc,EUR,,,\n"
                + "C,,2.00,,,,\n"
                + "D,,,EURO,,,\n"
                + "E,,,,soon,,\n"
                + "F,,,,,etsy:shop,\n"
                + "G,,,,,,G-CH\n"
                + "H,1\n";
        assertThatThrownBy(() -> read(csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join(
                        "\n",
                        "line 3: column sku, value \"\": required",
                        "line 4: column threshold, value \"-1\": must be a whole number from 0 to 1000000",
                        "line 5: column cost, value \"abc\": must be a decimal number like 12.50",
                        "line 6: column currency, value \"\": required when cost is given",
                        "line 7: column currency, value \"EURO\": must be a three-letter ISO 4217 code like EUR",
                        "line 8: column lead_time_days, value \"soon\": must be a whole number from 0 to 3650",
                        "line 9: column store, value \"etsy:shop\": must be platform:id, e.g. shopify:shop-a.myshopify.com",
                        "line 10: column store, value \"\": required when channel_sku is given (the store the channel "
                                + "SKU belongs to)",
                        "line 11: expected 7 columns"));
        assertThatThrownBy(() -> read("sku,colour\nA,red\n"))
                .hasMessage("line 1: unknown column \"colour\"; the columns are "
                        + "sku,threshold,cost,currency,lead_time_days,supplier,store,channel_sku");
        assertThatThrownBy(() -> read("threshold\n3\n"))
                .hasMessageStartingWith("line 1: header must name the columns sku");
        assertThat(new SalesHistory(db).catalog()).isEmpty();
        assertThat(alerts.thresholds()).isEmpty();
    }

    @Test
    void aFailingWriteRollsBackEverything() throws Exception {
        // the mapping table is gone: the last write of the transaction fails, the catalog and thresholds too
        db.transaction(c -> c.createStatement().executeUpdate("DROP TABLE sku_mapping"));
        List<CatalogCsv.Line> lines =
                read("sku,threshold,cost,currency,store,channel_sku\nX,2,1.50,USD,amazon:S,X-1\n");
        assertThatThrownBy(() -> importer.apply(lines)).isNotNull();
        assertThat(new SalesHistory(db).catalog()).isEmpty();
        assertThat(alerts.thresholds()).isEmpty();
    }
}
