package dev.edm.datafetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private static final URI PAGE = URI.create("https://api.example.com/users?page=2");

    @Test
    void onATerminalOneLineIsRedrawnInPlace() {
        Progress bar = Progress.terminal(out);
        bar.page(1, 100, 100, Duration.ofSeconds(1), PAGE);
        bar.page(2, 100, 200, Duration.ofSeconds(2), PAGE);
        bar.done();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\r").endsWith(System.lineSeparator());
        assertThat(text.chars().filter(c -> c == '\n')).hasSize(1);
        assertThat(text).contains("2 pages, 200 records, 100.0 records/s");
    }

    @Test
    void elsewhereAPlainLinePerPageAndRetry() {
        Progress lines = Progress.lines(out);
        lines.page(1, 10, 10, Duration.ofMillis(500), PAGE);
        lines.retrying(PAGE, "HTTP 503", 1, Duration.ofSeconds(1));
        lines.done();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "edm fetch: page 1: 10 records (10 in all, 20.0 records/s) from " + PAGE,
                        "edm fetch: " + PAGE + ": HTTP 503; retry 1 in 1000 ms");
    }
}
