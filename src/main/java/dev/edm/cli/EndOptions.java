package dev.edm.cli;

import dev.edm.alerts.Deadlines;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --until T | --for D}: when a snooze or silence ends. */
final class EndOptions {
    @Option(names = "--until", description = "ISO-8601 time with offset, e.g. 2026-11-28T08:00:00Z")
    String until;

    @Option(names = "--for", description = "a duration: 90s, 30m, 2h, 1d or PT2H")
    String duration;

    /** The end time, or empty after telling the user what is wrong. */
    Optional<Instant> end(Instant now) {
        try {
            return Optional.of(Deadlines.end(Optional.ofNullable(until), Optional.ofNullable(duration), now));
        } catch (IllegalArgumentException e) {
            System.err.println("edm: " + e.getMessage());
            return Optional.empty();
        }
    }
}
