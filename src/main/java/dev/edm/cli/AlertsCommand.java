package dev.edm.cli;

import dev.edm.alerts.Alert;
import dev.edm.alerts.Rule;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edm alerts}: lists open alerts (or resolved ones, or all). */
@Command(
        name = "alerts",
        description = "List alerts (open ones by default); ack, snooze or resolve one.",
        mixinStandardHelpOptions = true,
        subcommands = {
            AlertActionCommands.Ack.class,
            AlertActionCommands.Snooze.class,
            AlertActionCommands.Resolve.class
        })
final class AlertsCommand implements Callable<Integer> {
    @Option(names = "--status", description = "open, resolved or all (default: open)", defaultValue = "open")
    String status;

    @Option(names = "--rule", description = "low_stock, out_of_stock, no_sales or integration_health")
    String rule;

    @Option(names = "--limit", description = "at most this many (default: 1000)", defaultValue = "1000")
    int limit;

    @Override
    public Integer call() {
        if (!List.of("open", "resolved", "all").contains(status)) {
            System.err.println("edm: --status must be open, resolved or all");
            return 2;
        }
        Optional<Rule> r = Optional.ofNullable(rule).flatMap(Rule::fromId);
        if (rule != null && r.isEmpty()) {
            System.err.println(
                    "edm: unknown rule " + rule + " (low_stock, out_of_stock, no_sales, integration_health)");
            return 2;
        }
        return Offline.run(core -> {
            List<Alert> alerts = core.alerts()
                    .list(status.equals("all") ? Optional.empty() : Optional.of(status), r, Optional.empty(), limit);
            if (alerts.isEmpty()) {
                System.out.println("no " + (status.equals("all") ? "" : status + " ") + "alerts");
                return 0;
            }
            System.out.printf(
                    "%-6s %-18s %-9s %-12s %-40s %-20s %s%n",
                    "ID", "RULE", "SEVERITY", "STATE", "STORE", "SKU", "REASON");
            for (Alert a : alerts) {
                System.out.printf(
                        "%-6d %-18s %-9s %-12s %-40s %-20s %s%s%n",
                        a.id(),
                        a.rule().id(),
                        a.severity(),
                        a.state(),
                        a.store(),
                        a.sku() == null ? "-" : a.sku(),
                        a.reason(),
                        a.locationId().isEmpty() ? "" : " [location " + a.locationId() + "]");
            }
            return 0;
        });
    }
}
