package dev.edm.cli;

import dev.edm.ingest.Retention;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edm purge [--dry-run]}: removes raw delivery bodies older than EDM_RETENTION_DAYS now. */
@Command(
        name = "purge",
        description = "Purge raw delivery bodies older than EDM_RETENTION_DAYS (metadata, status and derived state "
                + "are kept). The server does it every hour.",
        mixinStandardHelpOptions = true)
final class PurgeCommand implements Callable<Integer> {
    @Option(names = "--dry-run", description = "only count what would be purged")
    boolean dryRun;

    @Override
    public Integer call() {
        return Offline.run(core -> {
            int days = core.config().retention().retentionDays();
            if (days == 0) {
                System.out.println("EDM_RETENTION_DAYS=0: bodies are kept forever, nothing to purge");
                return 0;
            }
            Retention.Result r = new Retention(core.database(), core.clock(), days).purge(dryRun);
            System.out.printf(
                    "%s %d delivery bodies (%d bytes) received before %s (EDM_RETENTION_DAYS=%d)%n",
                    dryRun ? "would purge" : "purged", r.deliveries(), r.bytes(), r.cutoff(), days);
            return 0;
        });
    }
}
