package dev.edm.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edm replay [--since T]}: rebuilds derived state from the stored deliveries. */
@Command(
        name = "replay",
        description = "Rebuild stock, catalog and sales from the stored deliveries (stop the server first).",
        mixinStandardHelpOptions = true)
final class ReplayCommand implements Callable<Integer> {
    @Option(
            names = "--since",
            description =
                    "only re-apply deliveries received since this time (ISO-8601, e.g. 2026-11-01T00:00:00Z); state is kept")
    String since;

    @Override
    public Integer call() {
        Optional<Instant> from;
        try {
            from = Optional.ofNullable(since).map(s -> OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            System.err.println("edm: --since must be an ISO-8601 time with offset, e.g. 2026-11-01T00:00:00Z");
            return 2;
        }
        return Offline.run(core -> {
            var result = core.replay(from);
            System.out.printf(
                    "replayed %d deliveries in %.1f s (%.0f deliveries/s; %.1f s of CPU)%nstate checksum %s%n",
                    result.deliveries(),
                    result.millis() / 1000.0,
                    result.perSecond(),
                    result.cpuMillis() / 1000.0,
                    core.inventory().checksum());
            return 0;
        });
    }
}
