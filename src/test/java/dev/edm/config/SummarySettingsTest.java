package dev.edm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EDM_SUMMARY_DAILY, EDM_SUMMARY_WEEKLY and EDM_SUMMARY_RECIPIENTS: defaults, off, and bad values named. */
class SummarySettingsTest {
    private static Config build(Map<String, String> env) {
        return new ConfigLoader(env, Map.of()).build();
    }

    @Test
    void defaultsAreDailyAndMondayAtEightToTheEmailRecipients() {
        SummarySettings s =
                build(Map.of("EMAIL_RECIPIENTS", "a@example.com,b@example.com")).summary();
        assertThat(s.daily()).contains(LocalTime.of(8, 0));
        assertThat(s.weekly()).contains(new SummarySettings.Weekly(DayOfWeek.MONDAY, LocalTime.of(8, 0)));
        assertThat(s.recipients()).containsExactly("a@example.com", "b@example.com");
    }

    @Test
    void offDisablesAndOwnRecipientsWin() {
        SummarySettings s = build(Map.of(
                        "EDM_SUMMARY_DAILY", "off",
                        "EDM_SUMMARY_WEEKLY", "friday@17:30",
                        "EMAIL_RECIPIENTS", "a@example.com",
                        "EDM_SUMMARY_RECIPIENTS", " boss@example.com , ops@example.com "))
                .summary();
        assertThat(s.daily()).isEqualTo(Optional.empty());
        assertThat(s.weekly()).contains(new SummarySettings.Weekly(DayOfWeek.FRIDAY, LocalTime.of(17, 30)));
        assertThat(s.recipients()).isEqualTo(List.of("boss@example.com", "ops@example.com"));
    }

    @ParameterizedTest
    @CsvSource({
        "EDM_SUMMARY_DAILY, 25:00",
        "EDM_SUMMARY_DAILY, daily@08:00",
        "EDM_SUMMARY_WEEKLY, 08:00",
        "EDM_SUMMARY_WEEKLY, mo@08:00",
        "EDM_SUMMARY_WEEKLY, mon@8",
        "EDM_SUMMARY_RECIPIENTS, boss"
    })
    void aBadValueNamesItsVariable(String variable, String value) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> build(Map.of(variable, value)));
        assertThat(e).isNotNull();
        assertThat(e.variable()).isEqualTo(variable);
        assertThat(e.getMessage()).contains(value);
    }
}
