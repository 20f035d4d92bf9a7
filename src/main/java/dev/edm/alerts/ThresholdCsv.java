package dev.edm.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads threshold overrides from CSV: a header naming {@code sku} and {@code threshold}, optionally
 * {@code location} and {@code shop} (a store key such as {@code shopify:shop-a.myshopify.com}). Every bad line
 * is reported with its number; nothing is returned unless all lines are valid.
 */
public final class ThresholdCsv {
    private ThresholdCsv() {}

    /** The file's overrides, or a {@link IllegalArgumentException} listing every problem by line. */
    public static List<Threshold> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("line 1: empty file; expected a header with sku,threshold");
        }
        List<String> header = split(stripBom(lines.get(0))).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .toList();
        int sku = header.indexOf("sku");
        int threshold = header.indexOf("threshold");
        int location = header.indexOf("location");
        int shop = header.indexOf("shop");
        if (sku < 0 || threshold < 0) {
            throw new IllegalArgumentException("line 1: header must name the columns sku and threshold, got " + header);
        }
        List<Threshold> result = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = split(lines.get(i));
            int n = i + 1;
            if (cells.size() < header.size()) {
                problems.add("line " + n + ": expected " + header.size() + " columns, got " + cells.size());
                continue;
            }
            String value = cells.get(threshold).strip();
            try {
                int t = Integer.parseInt(value);
                result.add(new Threshold(
                        shop < 0 ? "" : cells.get(shop), cells.get(sku), location < 0 ? "" : cells.get(location), t));
            } catch (NumberFormatException e) {
                problems.add("line " + n + ": threshold must be a whole number, got \"" + value + "\"");
            } catch (IllegalArgumentException e) {
                problems.add("line " + n + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return result;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
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
