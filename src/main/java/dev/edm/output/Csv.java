package dev.edm.output;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV text by RFC 4180 (CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled), safe to
 * open in a spreadsheet: text beginning with {@code = + - @}, a tab or a carriage return is prefixed with a
 * quote so it is not run as a formula (plain numbers such as {@code -37.31} are left as they are).
 */
public final class Csv {
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private Csv() {}

    /** A header line then one line per row; cells are numbers, text (via toString) or null (empty). */
    public static String render(List<String> header, List<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (List<?> row : rows) {
            line(out, row);
        }
        return out.toString();
    }

    /** One line of cells, CRLF-terminated, appended to {@code out}. */
    public static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            append(out, cells.get(i));
        }
        out.append("\r\n");
    }

    /** One field, quoted and neutralised as needed. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n) {
            return n instanceof BigDecimal d ? d.toPlainString() : n.toString();
        }
        String text = value.toString();
        if (plain(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 3);
        appendText(out, text);
        return out.toString();
    }

    /** {@link #cell(Object)} appended to {@code out} without a string of its own. */
    public static void append(StringBuilder out, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Long l) {
            out.append(l.longValue());
        } else if (value instanceof Integer i) {
            out.append(i.intValue());
        } else if (value instanceof Number n) {
            out.append(n instanceof BigDecimal d ? d.toPlainString() : n.toString());
        } else {
            String text = value.toString();
            if (plain(text)) {
                out.append(text);
            } else {
                appendText(out, text);
            }
        }
    }

    /** Whether text is written as it is: no leading formula character, nothing to quote. */
    private static boolean plain(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return false;
            }
        }
        return true;
    }

    private static void appendText(StringBuilder out, String value) {
        String text = value;
        if (!text.isEmpty()
                && "=+-@\t\r".indexOf(text.charAt(0)) >= 0
                && !PLAIN_NUMBER.matcher(text).matches()) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            out.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
            out.append(text);
        }
    }
}
