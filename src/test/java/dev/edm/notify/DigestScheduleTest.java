package dev.edm.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.config.NotifySettings;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestScheduleTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final DigestSchedule daily = new DigestSchedule(new NotifySettings.Digest(false, LocalTime.of(8, 0)), BERLIN);
    final DigestSchedule hourly = new DigestSchedule(new NotifySettings.Digest(true, LocalTime.MIDNIGHT), BERLIN);
    final Optional<QuietHours> night = Optional.of(QuietHours.parse("22:00-07:00"));

    @Test
    void dailyDigestsGoOutAtTheNextLocalTime() {
        // 06:30 Berlin (winter, UTC+1) -> 08:00 the same day
        assertThat(daily.due(Instant.parse("2026-01-10T05:30:00Z"), Optional.empty()))
                .isEqualTo(Instant.parse("2026-01-10T07:00:00Z"));
        // exactly 08:00 -> the next day
        assertThat(daily.due(Instant.parse("2026-01-10T07:00:00Z"), Optional.empty()))
                .isEqualTo(Instant.parse("2026-01-11T07:00:00Z"));
        // across the switch to summer time (29 March 2026): still 08:00 local
        assertThat(daily.due(Instant.parse("2026-03-28T12:00:00Z"), Optional.empty()))
                .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
    }

    @Test
    void hourlyDigestsWaitForTheEndOfQuietHours() {
        assertThat(hourly.due(Instant.parse("2026-01-10T12:10:00Z"), night))
                .isEqualTo(Instant.parse("2026-01-10T13:00:00Z"));
        // 22:30 Berlin: the 23:00 digest is held until 07:00
        assertThat(hourly.due(Instant.parse("2026-01-10T21:30:00Z"), night))
                .isEqualTo(Instant.parse("2026-01-11T06:00:00Z"));
        // 02:10 Berlin: held until 07:00 the same morning
        assertThat(hourly.due(Instant.parse("2026-01-11T01:10:00Z"), night))
                .isEqualTo(Instant.parse("2026-01-11T06:00:00Z"));
        QuietHours lunch = QuietHours.parse("12:00-13:30");
        assertThat(lunch.contains(LocalTime.of(12, 0))).isTrue();
        assertThat(lunch.contains(LocalTime.of(13, 30))).isFalse();
    }
}
