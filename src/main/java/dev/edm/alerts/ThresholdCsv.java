package dev.edm.alerts;

import dev.edm.csv.CsvFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads threshold overrides from CSV: a header naming {@code sku} and {@code threshold}, optionally
 * {@code location} and {@code shop} (a store key such as {@code shopify:shop-a.myshopify.com}). Every bad line
 * is reported with its number; nothing is returned unless all lines are valid.
 */
public final class ThresholdCsv {
    private ThresholdCsv() {}

    /** The file's overrides, or a {@link IllegalArgumentException} listing every problem by line. */
    public static List<Threshold> read(Path file) throws IOException {
        return CsvFile.read(file, List.of("sku", "threshold"), List.of()).map(row -> {
            String value = row.cells().get("threshold").strip();
            int t;
            try {
                t = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("threshold must be a whole number, got \"" + value + "\"");
            }
            return new Threshold(
                    row.cells().get("shop"), row.cells().get("sku"), row.cells().get("location"), t);
        });
    }
}
