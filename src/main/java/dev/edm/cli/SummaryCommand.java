package dev.edm.cli;

import dev.edm.summary.Period;
import dev.edm.summary.Summaries;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edm summary send daily|weekly [--date D]}: enqueue a summary email now. */
@Command(
        name = "summary",
        description = "Summary emails: enqueue one now (the server's notification worker sends it).",
        mixinStandardHelpOptions = true,
        subcommands = {SummaryCommand.SendCommand.class})
final class SummaryCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code edm summary send}. */
    @Command(
            name = "send",
            description = "Enqueue the daily or weekly summary to EDM_SUMMARY_RECIPIENTS now.",
            mixinStandardHelpOptions = true)
    static final class SendCommand implements Callable<Integer> {
        @Parameters(index = "0", description = "daily or weekly")
        String kind;

        @Option(names = "--date", description = "the last day covered, yyyy-mm-dd (default: yesterday in EDM_TIMEZONE)")
        String date;

        @Override
        public Integer call() {
            Period.Kind k;
            Optional<LocalDate> last;
            try {
                k = Period.Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
                last = Optional.ofNullable(date).map(LocalDate::parse);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                System.err.println("edm: summary send daily|weekly [--date yyyy-mm-dd]");
                return 2;
            }
            return Offline.run(core -> {
                Summaries.Enqueued e = core.summaries().send(k, last);
                System.out.println("enqueued " + e.key() + " for " + String.join(", ", e.recipients()));
                System.out.println("subject: " + e.subject());
                System.out.println("the server's notification worker sends it (edm notify list shows its status)");
                return 0;
            });
        }
    }
}
