package dev.edm.cli;

import dev.edm.notify.ChannelKind;
import dev.edm.notify.Notification;
import dev.edm.notify.Notifications;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edm notify list|resend|test}: the notification outbox and a channel check. */
@Command(
        name = "notify",
        description = "Alert notifications: list the outbox, resend a message, send a test message.",
        mixinStandardHelpOptions = true,
        subcommands = {
            NotifyCommand.ListCommand.class,
            NotifyCommand.ResendCommand.class,
            NotifyCommand.TestCommand.class
        })
final class NotifyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code edm notify list}. */
    @Command(name = "list", description = "List notifications, newest first.", mixinStandardHelpOptions = true)
    static final class ListCommand implements Callable<Integer> {
        @Option(
                names = "--status",
                description = "all, held, digested, pending, sent or dead (default: all)",
                defaultValue = "all")
        String status;

        @Option(names = "--limit", description = "at most this many (default: 100)", defaultValue = "100")
        int limit;

        @Override
        public Integer call() {
            if (!List.of("all", "held", "digested", "pending", "sent", "dead").contains(status)) {
                System.err.println("edm: --status must be all, held, digested, pending, sent or dead");
                return 2;
            }
            return Offline.run(core -> {
                List<Notification> rows =
                        core.notifications().list(status.equals("all") ? Optional.empty() : Optional.of(status), limit);
                if (rows.isEmpty()) {
                    System.out.println("no " + (status.equals("all") ? "" : status + " ") + "notifications");
                    return 0;
                }
                System.out.printf(
                        "%-6s %-9s %-8s %-9s %-20s %-7s %5s %8s  %s%n",
                        "ID", "STATUS", "KIND", "SEVERITY", "RECEIVER", "CHANNEL", "ITEMS", "ATTEMPTS", "NEXT / ERROR");
                for (Notification n : rows) {
                    String next = n.status().equals("pending") || n.status().equals("held")
                            ? Instant.ofEpochMilli(n.nextAttemptAt()).toString()
                            : "";
                    System.out.printf(
                            "%-6d %-9s %-8s %-9s %-20s %-7s %5d %8d  %s%s%n",
                            n.id(),
                            n.status(),
                            n.kind(),
                            n.severity(),
                            n.receiver() + (n.address().isEmpty() ? "" : " " + n.address()),
                            n.channel(),
                            n.items(),
                            n.attempts(),
                            next,
                            n.lastError() == null ? "" : (next.isEmpty() ? "" : " ") + n.lastError());
                }
                return 0;
            });
        }
    }

    /** {@code edm notify resend ID}. */
    @Command(name = "resend", description = "Send a dead (or sent) message again.", mixinStandardHelpOptions = true)
    static final class ResendCommand implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "the notification id (edm notify list)")
        long id;

        @Override
        public Integer call() {
            return Offline.run(core -> {
                Notifications.Resend r = core.notifications().resend(id);
                switch (r) {
                    case RESENT -> {
                        System.out.println("notification " + id + " is pending again; the server sends it shortly");
                        return 0;
                    }
                    case NOT_FOUND -> {
                        System.err.println("edm: no notification " + id);
                        return 1;
                    }
                    default -> {
                        System.err.println("edm: notification " + id + " is "
                                + core.notifications()
                                        .find(id)
                                        .map(Notification::status)
                                        .orElse("gone")
                                + ": only dead or sent messages can be resent");
                        return 1;
                    }
                }
            });
        }
    }

    /** {@code edm notify test --channel email|slack|sms|webhook [--to X]}. */
    @Command(
            name = "test",
            description = "Send a test message now and say exactly what failed.",
            mixinStandardHelpOptions = true)
    static final class TestCommand implements Callable<Integer> {
        @Option(names = "--channel", required = true, description = "email, slack, sms or webhook")
        String channel;

        @Option(
                names = "--to",
                description = "email address(es, comma-separated), Slack webhook URL, phone number or webhook URL;"
                        + " default: the configured receiver")
        String to;

        @Override
        public Integer call() {
            Optional<ChannelKind> kind = ChannelKind.fromId(channel);
            if (kind.isEmpty()) {
                System.err.println("edm: --channel must be email, slack, sms or webhook");
                return 2;
            }
            return Offline.run(core -> {
                Notifications.TestResult r = core.notifications().test(kind.get(), Optional.ofNullable(to));
                if (r.ok()) {
                    System.out.println(r.detail());
                    return 0;
                }
                System.err.println("edm: " + channel + " test failed: " + r.detail());
                return 1;
            });
        }
    }
}
