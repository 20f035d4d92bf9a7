package dev.edm.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small CSV file with a header line (UTF-8, an optional byte-order mark, RFC 4180 quotes, no newlines inside
 * cells; header names are case-insensitive), read for an all-or-nothing import: {@link #map} turns every line
 * into a value or collects its problem as {@code line N: ...}, and fails with all of them at once.
 */
public final class CsvFile {
    private final List<String> header;
    private final List<Row> rows;

    /** One data line: its 1-based line number and its cells by (lower-case) column name. */
    public record Row(int line, Map<String, String> cells) {
        /** The stripped cell, or null when the column is absent or the cell empty. */
        public String get(String column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** A maps a row to a value, throwing {@link IllegalArgumentException} for a bad one. */
    public interface RowReader<T> {
        T read(Row row);
    }

    private CsvFile(List<String> header, List<Row> rows) {
        this.header = header;
        this.rows = rows;
    }

    /**
     * Reads the file; its header must name every {@code required} column; when {@code known} is not empty,
     * a column outside it is an error too.
     */
    public static CsvFile read(Path file, Collection<String> required, Collection<String> known) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(
                    "line 1: empty file; expected a header with " + String.join(",", required));
        }
        String first = lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(0);
        List<String> header = split(first).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .toList();
        if (!header.containsAll(required)) {
            throw new IllegalArgumentException(
                    "line 1: header must name the columns " + String.join(" and ", required) + ", got " + header);
        }
        for (String column : header) {
            if (!known.isEmpty() && !known.contains(column)) {
                throw new IllegalArgumentException(
                        "line 1: unknown column \"" + column + "\"; the columns are " + String.join(",", known));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = split(lines.get(i));
            Map<String, String> byName = new TreeMap<>();
            for (int c = 0; c < header.size() && c < cells.size(); c++) {
                byName.put(header.get(c), cells.get(c));
            }
            rows.add(new Row(i + 1, cells.size() < header.size() ? null : byName));
        }
        return new CsvFile(header, rows);
    }

    public List<String> header() {
        return header;
    }

    /** Every row read, or an {@link IllegalArgumentException} listing every bad line (one per line of message). */
    public <T> List<T> map(RowReader<T> reader) {
        List<T> result = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Row row : rows) {
            if (row.cells() == null) {
                problems.add("line " + row.line() + ": expected " + header.size() + " columns");
                continue;
            }
            try {
                result.add(reader.read(row));
            } catch (IllegalArgumentException e) {
                problems.add("line " + row.line() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return result;
    }

    /** Splits one CSV line (RFC 4180 quotes, no embedded newlines). */
    public static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
