package dev.edm.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.event.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Lenient, exact reading of payload fields: numeric strings where numbers are expected, ids as strings
 * (never through a double), decimals as BigDecimal, times with their zone converted to UTC instants.
 */
public final class JsonFields {
    // decimals stay exact; integers beyond long become BigInteger nodes by themselves
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonFields() {}

    public static JsonNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new UnreadablePayloadException("payload is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new UnreadablePayloadException("payload is not valid JSON", e);
        }
    }

    static boolean absent(JsonNode node) {
        return node == null
                || node.isNull()
                || node.isMissingNode()
                || (node.isTextual() && node.asText().isBlank());
    }

    /** An id as a string; integral numbers keep every digit. Null when absent. */
    public static String id(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (absent(v)) {
            return null;
        }
        if (v.isIntegralNumber() || v.isTextual()) {
            return v.asText().strip();
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            if (d.stripTrailingZeros().scale() <= 0) {
                return d.toBigInteger().toString();
            }
        }
        throw new UnreadablePayloadException(field + " is not an id: " + v);
    }

    /** A whole number, also from a numeric string. Null when absent. */
    public static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (absent(v)) {
            return null;
        }
        try {
            BigDecimal d =
                    v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().strip());
            return d.intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UnreadablePayloadException(field + " is not a whole number: " + v);
        }
    }

    /** A decimal amount, also from a string. Null when absent. */
    public static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (absent(v)) {
            return null;
        }
        try {
            return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().strip());
        } catch (NumberFormatException e) {
            throw new UnreadablePayloadException(field + " is not a number: " + v);
        }
    }

    public static Money money(JsonNode node, String field, String currency) {
        BigDecimal amount = decimal(node, field);
        return amount == null ? null : new Money(amount, currency);
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return absent(v) ? null : v.asText().strip();
    }

    /** An ISO-8601 time with offset, as an instant; null when absent. */
    public static Instant time(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null) {
            return null;
        }
        Instant fast = isoInstant(v);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e2) {
                throw new UnreadablePayloadException(field + " is not a time: " + v);
            }
        }
    }

    /**
     * The common shape {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+hh:mm|-hh:mm)} parsed without the formatter
     * machinery (processing reads several times per delivery); null for anything else, which then takes the
     * general parser, so this only ever speeds up and never changes a result.
     */
    static Instant isoInstant(String v) {
        int n = v.length();
        if (n < 20
                || v.charAt(4) != '-'
                || v.charAt(7) != '-'
                || v.charAt(10) != 'T'
                || v.charAt(13) != ':'
                || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int i = 19;
        long nanos = 0;
        if (v.charAt(i) == '.') {
            int start = ++i;
            while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 9) {
                return null;
            }
            nanos = digits(v, start, len);
            for (int k = len; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && v.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (v.charAt(i) == '+' || v.charAt(i) == '-') && v.charAt(i + 3) == ':') {
            int oh = digits(v, i + 1, 2);
            int om = digits(v, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (v.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        if (day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The decimal number in v[from, from + len), or -1 when a character is not a digit. */
    private static int digits(String v, int from, int len) {
        int value = 0;
        for (int i = from; i < from + len; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** An ISO-8601 time as an instant; without an offset it is taken as UTC (WooCommerce's {@code *_gmt}). */
    public static Instant utcTime(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return time(node, field);
        }
    }

    /** The value when present; otherwise the payload is unreadable for want of {@code field}. */
    public static String required(String value, String field) {
        if (value == null) {
            throw new UnreadablePayloadException("missing " + field);
        }
        return value;
    }
}
