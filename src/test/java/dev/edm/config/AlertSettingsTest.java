package dev.edm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlertSettingsTest {
    @TempDir
    Path dir;

    Config load(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "EDM_DATA_DIR", dir.resolve("d").toString(),
                "EDM_OUTPUT_DIR", dir.resolve("o").toString(),
                "EDM_LOG_DIR", dir.resolve("l").toString()));
        env.putAll(extra);
        return ConfigLoader.load(env);
    }

    @Test
    void defaultsAreTwoUnitsOrTwentyPercentADayAndARateDerivedStaleTime() {
        AlertSettings a = load(Map.of()).alerting();
        assertThat(a.resolveMargin()).isEqualTo(new AlertSettings.Margin(2, 20));
        assertThat(a.repeatInterval()).isEqualTo(Duration.ofHours(24));
        assertThat(a.feedStale()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        // margin, threshold, units above the threshold before a low-stock alert resolves
        "'2,20%', 5, 2",
        "'2,20%', 10, 2",
        "'2,20%', 11, 3",
        "'2,20%', 100, 20",
        "'2,20%', 0, 2",
        "'3', 100, 3",
        "'20%', 5, 1",
        "'20%', 0, 0",
        "'0', 50, 0",
        "' 20% , 2 ', 50, 10"
    })
    void theMarginIsTheLargerOfItsUnitsAndItsPercentageOfTheThresholdRoundedUp(
            String margin, int threshold, int above) {
        assertThat(load(Map.of("EDM_RESOLVE_MARGIN", margin))
                        .alerting()
                        .resolveMargin()
                        .above(threshold))
                .isEqualTo(above);
    }

    @ParameterizedTest
    @ValueSource(strings = {"two", "-1", "20%%", "2,x", "%", "-5%", "2000%"})
    void aBadMarginStopsStartupNamingTheVariable(String bad) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(Map.of("EDM_RESOLVE_MARGIN", bad)));
        assertThat(e.variable()).isEqualTo("EDM_RESOLVE_MARGIN");
        assertThat(e.getMessage()).contains(bad.strip());
    }

    @Test
    void repeatIntervalAndStaleHoursAreReadAndCheckedNamingTheirVariable() {
        AlertSettings a = load(Map.of("EDM_REPEAT_INTERVAL", "90m", "EDM_FEED_STALE_HOURS", "12"))
                .alerting();
        assertThat(a.repeatInterval()).isEqualTo(Duration.ofMinutes(90));
        assertThat(a.feedStale()).isEqualTo(Optional.of(Duration.ofHours(12)));
        assertThat(load(Map.of("EDM_REPEAT_INTERVAL", "PT6H")).alerting().repeatInterval())
                .isEqualTo(Duration.ofHours(6));

        for (String bad : new String[] {"soon", "0", "30s", "-2h"}) {
            ConfigException e =
                    catchThrowableOfType(ConfigException.class, () -> load(Map.of("EDM_REPEAT_INTERVAL", bad)));
            assertThat(e.variable()).as(bad).isEqualTo("EDM_REPEAT_INTERVAL");
        }
        for (String bad : new String[] {"0", "six", "1.5", "99999"}) {
            ConfigException e =
                    catchThrowableOfType(ConfigException.class, () -> load(Map.of("EDM_FEED_STALE_HOURS", bad)));
            assertThat(e.variable()).as(bad).isEqualTo("EDM_FEED_STALE_HOURS");
        }
    }

    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "30m, PT30M", "2h, PT2H", "1d, PT24H", "45, PT45S", "PT2H, PT2H", "pt15m, PT15M"})
    void durationsTakeShortAndIsoForms(String text, String iso) {
        assertThat(AlertSettings.duration(text)).isEqualTo(Duration.parse(iso));
    }
}
