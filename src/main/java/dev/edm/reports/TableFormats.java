package dev.edm.reports;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/** CSV (RFC 4180, safe to open in a spreadsheet) and JSON renderings of a table. */
public final class TableFormats {
    private TableFormats() {}

    public static String csv(Table table) {
        return render(table, "csv", Instant.EPOCH);
    }

    public static String json(Table table, Instant generatedAt) {
        return render(table, "json", generatedAt);
    }

    private static String render(Table table, String format, Instant generatedAt) {
        StringWriter out = new StringWriter();
        try (TableWriter w = TableWriter.open(format, table.name(), table.columns(), generatedAt, out)) {
            table.rows().forEach(w);
            w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
