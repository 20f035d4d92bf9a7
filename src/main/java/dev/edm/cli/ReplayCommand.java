package dev.edm.cli;

import dev.edm.ingest.Retention;
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

    @Option(
            names = "--allow-purged",
            description = "replay even though retention purged the bodies of older deliveries: state is rebuilt "
                    + "from the retained deliveries only")
    boolean allowPurged;

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
            Retention.Purged purged = Retention.purged(core.database(), from);
            if (purged.deliveries() > 0 && !allowPurged) {
                System.err.printf(
                        "edm: %d deliveries%s have had their bodies purged (EDM_RETENTION_DAYS), the newest received "
                                + "%s; replay would rebuild state from the retained deliveries only and lose what "
                                + "those applied. Replay with --since after that time, or pass --allow-purged.%n",
                        purged.deliveries(),
                        from.map(t -> " received since " + t).orElse(""),
                        purged.newestReceived().map(Object::toString).orElse("?"));
                return 2;
            }
            if (purged.deliveries() > 0) {
                System.err.printf(
                        "edm: warning: %d deliveries have no body any more; state is rebuilt from the others only%n",
                        purged.deliveries());
            }
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
