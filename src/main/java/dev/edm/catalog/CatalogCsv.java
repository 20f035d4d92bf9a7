package dev.edm.catalog;

import dev.edm.csv.CsvFile;
import dev.edm.event.StoreKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a catalog CSV: {@code sku} and any of {@code threshold}, {@code cost}, {@code currency},
 * {@code lead_time_days}, {@code supplier}, {@code store}, {@code channel_sku}. Each bad cell is reported as
 * {@code line N: column C, value "V": why}; nothing is returned unless every line is valid.
 */
public final class CatalogCsv {
    /** The columns, {@code sku} required. */
    public static final List<String> COLUMNS =
            List.of("sku", "threshold", "cost", "currency", "lead_time_days", "supplier", "store", "channel_sku");

    private CatalogCsv() {}

    /** One valid line; null fields were empty (and leave what is stored). */
    public record Line(
            int line,
            String sku,
            Integer threshold,
            BigDecimal cost,
            String currency,
            Integer leadTimeDays,
            String supplier,
            StoreKey store,
            String channelSku) {}

    public static List<Line> read(Path file) throws IOException {
        return CsvFile.read(file, List.of("sku"), COLUMNS).map(CatalogCsv::line);
    }

    private static Line line(CsvFile.Row row) {
        String sku = row.get("sku");
        if (sku == null) {
            throw bad("sku", "", "required");
        }
        Integer threshold = number(row, "threshold", 1_000_000);
        BigDecimal cost = null;
        String costText = row.get("cost");
        if (costText != null) {
            try {
                cost = new BigDecimal(costText);
            } catch (NumberFormatException e) {
                throw bad("cost", costText, "must be a decimal number like 12.50");
            }
            if (cost.signum() < 0) {
                throw bad("cost", costText, "must not be negative");
            }
        }
        String currency = row.get("currency");
        if (currency != null) {
            if (!currency.matches("[A-Za-z]{3}")) {
                throw bad("currency", currency, "must be a three-letter ISO 4217 code like EUR");
            }
            currency = currency.toUpperCase(Locale.ROOT);
        } else if (cost != null) {
            throw bad("currency", "", "required when cost is given");
        }
        Integer leadTime = number(row, "lead_time_days", 3650);
        String supplier = row.get("supplier");
        if (supplier != null && supplier.length() > 255) {
            throw bad("supplier", supplier.substring(0, 20) + "...", "longer than 255 characters");
        }
        StoreKey store = null;
        String storeText = row.get("store");
        if (storeText != null) {
            try {
                store = StoreKey.parse(storeText);
            } catch (IllegalArgumentException e) {
                throw bad("store", storeText, "must be platform:id, e.g. shopify:shop-a.myshopify.com");
            }
        }
        String channelSku = row.get("channel_sku");
        if (channelSku != null && store == null) {
            throw bad("store", "", "required when channel_sku is given (the store the channel SKU belongs to)");
        }
        return new Line(row.line(), sku, threshold, cost, currency, leadTime, supplier, store, channelSku);
    }

    private static Integer number(CsvFile.Row row, String column, int max) {
        String text = row.get(column);
        if (text == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw bad(column, text, "must be a whole number from 0 to " + max);
    }

    private static IllegalArgumentException bad(String column, String value, String why) {
        return new IllegalArgumentException("column " + column + ", value \"" + value + "\": " + why);
    }
}
