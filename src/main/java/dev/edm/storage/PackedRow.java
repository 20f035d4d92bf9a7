package dev.edm.storage;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The current row of a read with {@link PackedColumns#select}, reused from row to row: values are made into
 * strings or numbers only when asked for, straight from the packed bytes.
 */
public final class PackedRow {
    private final int count;
    private final int[] starts;
    private byte[] bytes;
    private String[] values; // when the row could not be split

    public PackedRow(int count) {
        this.count = count;
        this.starts = new int[count + 1];
    }

    /** The number of values in a row. */
    public int count() {
        return count;
    }

    /** Reads the row packed at column {@code index} (its values one by one after it when it cannot be split). */
    public void read(ResultSet rs, int index) throws SQLException {
        bytes = rs.getBytes(index);
        values = null;
        if (!split()) {
            values = values(rs, index, count);
        }
    }

    /**
     * Makes a row read elsewhere the current one: its packed bytes, and its values one by one when it could not
     * be split (see {@link #splits}, {@link #values}), else null.
     */
    public void load(byte[] packed, String[] unsplit) {
        bytes = packed;
        values = unsplit;
        if (unsplit == null && !split()) {
            throw new IllegalArgumentException("a packed row that cannot be split, without its values");
        }
    }

    /** Whether {@code packed} splits into exactly {@code count} values (no value holds the separator). */
    public static boolean splits(byte[] packed, int count) {
        int n = 0;
        if (packed != null) {
            for (byte b : packed) {
                if (b == PackedColumns.SEPARATOR && ++n == count) {
                    return false;
                }
            }
        }
        return n == count - 1;
    }

    /** The {@code count} values after the packed column {@code index}, one by one ('' for NULL). */
    public static String[] values(ResultSet rs, int index, int count) throws SQLException {
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            String v = rs.getString(index + 1 + i);
            values[i] = v == null ? "" : v;
        }
        return values;
    }

    private boolean split() {
        int length = bytes == null ? 0 : bytes.length;
        int n = 0;
        starts[0] = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == PackedColumns.SEPARATOR) {
                if (++n == count) {
                    return false;
                }
                starts[n] = i + 1;
            }
        }
        starts[count] = length + 1;
        return n == count - 1;
    }

    /** Value {@code i} ('' for NULL). */
    public String text(int i) {
        if (values != null) {
            return values[i];
        }
        int start = starts[i];
        int end = starts[i + 1] - 1;
        return end == start ? "" : new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** Where a value's bytes are: {@code bytes[start, end)}. */
    public static final class Slice {
        public byte[] bytes;
        public int start;
        public int end;
    }

    /** Puts value {@code i}'s bytes (UTF-8; none for NULL) in {@code slice}: the row's own, not a copy. */
    public void slice(int i, Slice slice) {
        if (values != null) {
            slice.bytes = values[i].getBytes(StandardCharsets.UTF_8);
            slice.start = 0;
            slice.end = slice.bytes.length;
        } else {
            slice.bytes = bytes;
            slice.start = starts[i];
            slice.end = starts[i + 1] - 1;
        }
    }

    /** Whether value {@code i} is '' (NULL, or an empty text). */
    public boolean isEmpty(int i) {
        return values != null ? values[i].isEmpty() : starts[i + 1] - 1 == starts[i];
    }

    /** The value of a {@link PackedColumns#nullable} column {@code i}: null when it was NULL. */
    public String textOrNull(int i) {
        if (values != null) {
            return PackedColumns.orNull(values[i]);
        }
        int start = starts[i];
        int end = starts[i + 1] - 1;
        return end == start ? null : new String(bytes, start + 1, end - start - 1, StandardCharsets.UTF_8);
    }

    /** Whether value {@code i} is {@code text} (a string of Latin-1 characters, as periods are). */
    public boolean is(int i, String text) {
        if (values != null) {
            return values[i].equals(text);
        }
        return is(bytes, starts[i], starts[i + 1] - 1, text);
    }

    /** Whether {@code bytes[start, end)} is {@code text} (a string of Latin-1 characters). */
    public static boolean is(byte[] bytes, int start, int end, String text) {
        int length = end - start;
        if (length != text.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (bytes[start + k] != text.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Values {@code from} to {@code to} (exclusive) as one string that is equal for equal values and different
     * otherwise (the packed text; length-prefixed values when the row could not be split).
     */
    public String key(int from, int to) {
        if (values != null) {
            StringBuilder key = new StringBuilder("\u0000");
            for (int i = from; i < to; i++) {
                key.append(values[i].length()).append(':').append(values[i]);
            }
            return key.toString();
        }
        int start = starts[from];
        return new String(bytes, start, starts[to] - 1 - start, StandardCharsets.UTF_8);
    }

    /** Value {@code i} as a whole number (a real number is cut to one, as the driver's {@code getLong} does). */
    public long number(int i) {
        if (values != null) {
            return parseLong(values[i]);
        }
        int k = starts[i];
        int end = starts[i + 1] - 1;
        boolean negative = k < end && bytes[k] == '-';
        if (negative) {
            k++;
        }
        if (k == end || end - k > 18) {
            return parseLong(text(i));
        }
        long v = 0;
        for (; k < end; k++) {
            int d = bytes[k] - '0';
            if (d < 0 || d > 9) {
                return parseLong(text(i));
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return new BigDecimal(text).longValue();
        }
    }

    /** Value {@code i} as an exact decimal, or null when it is ''. */
    public BigDecimal decimal(int i) {
        if (values != null) {
            return values[i].isEmpty() ? null : new BigDecimal(values[i]);
        }
        int start = starts[i];
        int end = starts[i + 1] - 1;
        if (start == end) {
            return null;
        }
        long unscaled = unscaled(bytes, start, end);
        return unscaled == Long.MIN_VALUE
                ? new BigDecimal(text(i)) // exponents, signs, long numbers, or not a number (throws as before)
                : BigDecimal.valueOf(unscaled, scale(bytes, start, end));
    }

    /**
     * The digits of the plain decimal in {@code bytes[start, end)} (an optional '-', up to 18 digits, an optional
     * point between digits) as a whole number, {@link #scale} of them after the point; {@link Long#MIN_VALUE}
     * when the text is anything else.
     */
    public static long unscaled(byte[] bytes, int start, int end) {
        int k = start;
        boolean negative = k < end && bytes[k] == '-';
        if (negative) {
            k++;
        }
        long v = 0;
        int digits = 0;
        boolean point = false;
        for (; k < end; k++) {
            byte b = bytes[k];
            if (b == '.' && !point && digits > 0 && k + 1 < end) {
                point = true;
            } else if (b >= '0' && b <= '9' && digits < 18) {
                v = v * 10 + (b - '0');
                digits++;
            } else {
                return Long.MIN_VALUE;
            }
        }
        return digits == 0 ? Long.MIN_VALUE : negative ? -v : v;
    }

    /** The digits after the point of the plain decimal in {@code bytes[start, end)} (see {@link #unscaled}). */
    public static int scale(byte[] bytes, int start, int end) {
        for (int k = start; k < end; k++) {
            if (bytes[k] == '.') {
                return end - k - 1;
            }
        }
        return 0;
    }
}
