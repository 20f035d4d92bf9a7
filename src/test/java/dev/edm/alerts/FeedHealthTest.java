package dev.edm.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedHealthTest {
    static final long MINUTE = 60_000L;

    /** Deliveries newest first, {@code gapMinutes} apart. */
    static List<Long> every(long... gapMinutes) {
        long t = 1_000_000_000_000L;
        List<Long> times = new java.util.ArrayList<>(List.of(t));
        for (long gap : gapMinutes) {
            t -= gap * MINUTE;
            times.add(t);
        }
        return times;
    }

    @Test
    void theStaleTimeIsTenTimesTheMedianGapButAtLeastSixHours() {
        FeedHealth derived = new FeedHealth(Optional.empty());
        assertThat(derived.staleAfter(every(60, 60, 60, 60))).isEqualTo(Duration.ofHours(10));
        assertThat(derived.staleAfter(every(1, 2, 3, 600, 2)))
                .as("median, not mean")
                .isEqualTo(Duration.ofHours(6));
        assertThat(derived.staleAfter(every(120, 180, 240, 180, 9000))).isEqualTo(Duration.ofHours(30));
        assertThat(derived.staleAfter(every())).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void aConfiguredStaleTimeWins() {
        assertThat(new FeedHealth(Optional.of(Duration.ofHours(3))).staleAfter(every(600, 600)))
                .isEqualTo(Duration.ofHours(3));
    }
}
