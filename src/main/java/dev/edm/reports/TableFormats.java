package dev.edm.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CSV (RFC 4180, safe to open in a spreadsheet) and JSON renderings of a table. */
public final class TableFormats {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TableFormats() {}

    public static String csv(Table table) {
        StringBuilder out = new StringBuilder();
        line(out, List.copyOf(table.columns()));
        for (List<Object> row : table.rows()) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n) {
            return n instanceof BigDecimal d ? d.toPlainString() : n.toString();
        }
        String text = value.toString();
        // text starting like a formula would run in a spreadsheet: neutralise it
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
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
