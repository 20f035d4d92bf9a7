package dev.edm.cli;

import dev.edm.config.ConfigException;
import dev.edm.config.ConfigLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code edm check-config}: prints the effective configuration (secrets masked) and its problems. */
@Command(
        name = "check-config",
        description = "Print the effective configuration with secrets masked, and its problems.",
        mixinStandardHelpOptions = true)
final class CheckConfigCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ConfigLoader.Inspection inspection = ConfigLoader.inspect();
        int width = inspection.entries().stream()
                .mapToInt(e -> e.name().length())
                .max()
                .orElse(10);
        for (ConfigLoader.Entry entry : inspection.entries()) {
            System.out.printf("%-" + width + "s  %-40s  (%s)%n", entry.name(), entry.display(), entry.source());
        }
        if (inspection.config() != null) {
            System.out.println();
            System.out.println(
                    "database: " + inspection.config().database().kind().name().toLowerCase() + " "
                            + inspection.config().database().displayUrl());
        }
        java.util.List<ConfigException> problems = new java.util.ArrayList<>(inspection.problems());
        if (inspection.config() != null) {
            try {
                System.out.println("notification receivers: "
                        + dev.edm.notify.Notifications.receivers(
                                        inspection.config().email(),
                                        inspection.config().notifications())
                                .stream()
                                .map(r -> r.name() + " (" + r.channel().id() + ")")
                                .toList());
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        if (problems.isEmpty()) {
            System.out.println("\nno problems found");
            return 0;
        }
        System.out.println();
        for (ConfigException problem : problems) {
            System.out.println("problem: " + problem.getMessage());
        }
        return Main.CONFIG_ERROR;
    }
}
