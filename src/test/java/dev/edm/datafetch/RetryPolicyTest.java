package dev.edm.datafetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void defaultScheduleIsThreeRetriesAfterOneTwoAndFourSeconds() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertThat(p.retries()).isEqualTo(3);
        assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.wait(2, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterInSecondsWins() {
        assertThat(RetryPolicy.DEFAULT.wait(1, Optional.of(" 7 "), NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryPolicy.DEFAULT.wait(1, Optional.of("0"), NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterAsHttpDate() {
        assertThat(RetryPolicy.DEFAULT.wait(1, Optional.of("Fri, 27 Nov 2026 10:00:30 GMT"), NOW))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryPolicy.DEFAULT.wait(1, Optional.of("Fri, 27 Nov 2026 09:00:00 GMT"), NOW))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void longRetryAfterIsCappedAndGarbageFallsBackToBackoff() {
        assertThat(RetryPolicy.DEFAULT.wait(1, Optional.of("86400"), NOW)).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryPolicy.DEFAULT.wait(3, Optional.of("soon"), NOW)).isEqualTo(Duration.ofSeconds(4));
    }
}
