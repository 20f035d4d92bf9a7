package dev.edm.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class BackgroundTest {
    @Test
    void joinGivesTheResultOrThrowsTheErrorOfTheWork() {
        assertThat(Background.start("t", () -> 42).join()).isEqualTo(42);
        UncheckedIOException failure = new UncheckedIOException(new IOException("database gone"));
        Background<Object> failing = Background.start("t", () -> {
            throw failure;
        });
        assertThatThrownBy(failing::join).isSameAs(failure);
        Background<Object> broken = Background.start("t", () -> {
            throw new StackOverflowError("deep");
        });
        assertThatThrownBy(broken::join).isInstanceOf(StackOverflowError.class).hasMessage("deep");
    }
}
