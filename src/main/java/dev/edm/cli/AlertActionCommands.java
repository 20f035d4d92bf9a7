package dev.edm.cli;

import dev.edm.alerts.Alert;
import dev.edm.alerts.Transition;
import dev.edm.app.Core;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edm alerts ack|snooze|resolve ID}: manual transitions. Exit 0 done, 1 unknown id or a transition that
 * makes no sense (e.g. acknowledging a resolved alert), 2 a bad time or duration.
 */
final class AlertActionCommands {
    private AlertActionCommands() {}

    static int run(long id, BiFunction<Core, Long, Transition> action) {
        return Offline.run(core -> print(action.apply(core, id)));
    }

    static int print(Transition t) {
        return switch (t) {
            case Transition.Changed c -> {
                Alert a = c.alert();
                System.out.println("alert " + a.id() + " " + a.state()
                        + (a.snoozedUntil() == null ? "" : " until " + a.snoozedUntil()) + ": "
                        + a.rule().id() + " "
                        + a.store() + (a.sku() == null ? "" : " " + a.sku()));
                yield 0;
            }
            case Transition.NotFound n -> {
                System.err.println("edm: no alert with id " + n.id());
                yield 1;
            }
            case Transition.Conflict c -> {
                System.err.println("edm: " + c.message());
                yield 1;
            }
        };
    }

    static String user() {
        String user = System.getProperty("user.name");
        return "cli" + (user == null || user.isBlank() ? "" : ":" + user);
    }

    @Command(
            name = "ack",
            description = "Acknowledge an open alert: no more repeats; it still resolves by itself.",
            mixinStandardHelpOptions = true)
    static final class Ack implements Callable<Integer> {
        @Parameters(index = "0", description = "the alert id (edm alerts)")
        long id;

        @Option(names = "--by", description = "who acknowledges (default: cli:USER)")
        String by;

        @Override
        public Integer call() {
            return run(id, (core, alert) -> core.alerts().acknowledge(alert, by == null ? user() : by));
        }
    }

    @Command(
            name = "snooze",
            description = "Snooze an open alert until a time; it fires (and is notified) again afterwards.",
            mixinStandardHelpOptions = true)
    static final class Snooze implements Callable<Integer> {
        @Parameters(index = "0", description = "the alert id (edm alerts)")
        long id;

        @Mixin
        EndOptions until;

        @Override
        public Integer call() {
            return Offline.run(core -> until.end(core.alerts().clock().instant())
                    .map(end -> print(core.alerts().snooze(id, end)))
                    .orElse(2));
        }
    }

    @Command(
            name = "resolve",
            description = "Resolve an open alert by hand; if its condition still holds, no new alert opens until "
                    + "the condition has cleared and breached again.",
            mixinStandardHelpOptions = true)
    static final class Resolve implements Callable<Integer> {
        @Parameters(index = "0", description = "the alert id (edm alerts)")
        long id;

        @Option(names = "--by", description = "who resolves (default: cli:USER)")
        String by;

        @Override
        public Integer call() {
            return run(id, (core, alert) -> core.alerts().resolve(alert, by == null ? user() : by));
        }
    }
}
