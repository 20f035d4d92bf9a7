package dev.edm.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.event.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
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
