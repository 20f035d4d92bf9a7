package dev.edm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {
    private static Instant time(String text) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("t", text);
        return JsonFields.time(node, "t");
    }

    @Test
    void fastPathAgreesWithTheGeneralParserOnRandomTimes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            OffsetDateTime t = OffsetDateTime.of(
                    1970 + random.nextInt(130),
                    1 + random.nextInt(12),
                    1 + random.nextInt(28),
                    random.nextInt(24),
                    random.nextInt(60),
                    random.nextInt(60),
                    random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0,
                    ZoneOffset.ofTotalSeconds((random.nextInt(36) - 18) * 3600 + (random.nextBoolean() ? 1800 : 0)));
            String text = t.toString();
            Instant expected = OffsetDateTime.parse(text).toInstant();
            assertThat(time(text)).as(text).isEqualTo(expected);
            if (text.length() >= 20 && text.charAt(16) == ':') { // has seconds: the fast path answers itself
                assertThat(JsonFields.isoInstant(text)).as(text).isEqualTo(expected);
            }
        }
    }

    @Test
    void shopifyAndUtcShapes() {
        assertThat(time("2026-02-28T23:59:59-05:00")).isEqualTo(Instant.parse("2026-03-01T04:59:59Z"));
        assertThat(time("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(time("2026-11-27T10:00:00.123Z")).isEqualTo(Instant.parse("2026-11-27T10:00:00.123Z"));
        assertThat(time(" 2026-11-27T10:00:00+01:00 ")).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
    }

    @Test
    void impossibleDatesAreRefusedNotRolledOver() {
        assertThat(JsonFields.isoInstant("2026-02-29T00:00:00Z")).isNull();
        assertThatThrownBy(() -> time("2026-02-29T00:00:00Z")).isInstanceOf(UnreadablePayloadException.class);
        assertThatThrownBy(() -> time("2026-13-01T00:00:00Z")).isInstanceOf(UnreadablePayloadException.class);
        assertThatThrownBy(() -> time("yesterday")).isInstanceOf(UnreadablePayloadException.class);
    }

    @Test
    void otherValidShapesStillParseThroughTheGeneralParser() {
        assertThat(JsonFields.isoInstant("2026-11-27T10:00Z")).isNull();
        assertThat(time("2026-11-27T10:00Z")).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        // ISO 8601's end-of-day midnight
        assertThat(JsonFields.isoInstant("2026-01-01T24:00:00Z")).isNull();
        assertThat(time("2026-01-01T24:00:00Z")).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    }
}
