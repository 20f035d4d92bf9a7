package dev.edm.datafetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records as CSV rows: nested objects become dotted columns ({@code address.geo.lat}), arrays a JSON text cell;
 * the columns are the union of all keys in the order first seen.
 */
final class Flattening {
    private Flattening() {}

    record Rows(List<String> columns, List<List<Object>> rows) {}

    static Rows rows(List<JsonNode> records) {
        Set<String> columns = new LinkedHashSet<>();
        List<Map<String, Object>> flat = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            Map<String, Object> cells = new LinkedHashMap<>();
            if (record.isObject()) {
                flatten(record, "", cells);
            } else {
                cells.put("value", cell(record));
            }
            columns.addAll(cells.keySet());
            flat.add(cells);
        }
        List<List<Object>> rows = new ArrayList<>(flat.size());
        for (Map<String, Object> cells : flat) {
            List<Object> row = new ArrayList<>(columns.size());
            for (String column : columns) {
                row.add(cells.get(column));
            }
            rows.add(row);
        }
        return new Rows(List.copyOf(columns), rows);
    }

    private static void flatten(JsonNode object, String prefix, Map<String, Object> cells) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String column = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty()) {
                flatten(value, column + ".", cells);
            } else {
                cells.put(column, cell(value));
            }
        }
    }

    private static Object cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isTextual() || value.isBoolean()) {
            return value.asText();
        }
        return Json.compact(value);
    }
}
