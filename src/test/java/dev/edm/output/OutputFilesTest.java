package dev.edm.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @TempDir
    Path dir;

    @Test
    void stampIsUtcWithMilliseconds() {
        assertThat(OutputFiles.stamp(Instant.parse("2026-11-27T09:05:03.042Z"))).isEqualTo("20261127_090503_042");
    }

    @Test
    void neverOverwritesAndLeavesNoTempFiles() throws Exception {
        Path first = OutputFiles.writeNew(dir, "users_20261127_090503_042", "csv", "one");
        Path second = OutputFiles.writeNew(dir, "users_20261127_090503_042", "csv", "two");
        Path third = OutputFiles.writeNew(dir, "users_20261127_090503_042", "csv", "three");
        assertThat(first.getFileName()).hasToString("users_20261127_090503_042.csv");
        assertThat(second.getFileName()).hasToString("users_20261127_090503_042_1.csv");
        assertThat(third.getFileName()).hasToString("users_20261127_090503_042_2.csv");
        assertThat(Files.readString(first)).isEqualTo("one");
        assertThat(Files.readString(second)).isEqualTo("two");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
