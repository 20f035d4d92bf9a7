package dev.edm.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.edm.output.Csv;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CSV (RFC 4180, safe to open in a spreadsheet) and JSON renderings of a table. */
public final class TableFormats {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TableFormats() {}

    public static String csv(Table table) {
        return Csv.render(table.columns(), table.rows());
    }

    public static String json(Table table, Instant generatedAt) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("report", table.name());
        doc.put("generated_at", generatedAt.toString());
        doc.put("columns", table.columns());
        doc.put(
                "rows",
                table.rows().stream().map(r -> object(table.columns(), r)).toList());
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> object(List<String> columns, List<Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), row.get(i));
        }
        return m;
    }
}
