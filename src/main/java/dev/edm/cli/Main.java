package dev.edm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edm} command line. */
@Command(
        name = "edm",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "External Data Monitor: verified e-commerce webhooks, per-SKU stock and sales, alerts.",
        subcommands = {
            ServeCommand.class,
            CheckConfigCommand.class,
            AlertsCommand.class,
            SilenceCommand.class,
            CheckCommand.class,
            ThresholdCommand.class,
            StoresCommand.class,
            SkuCommand.class,
            ReportCommand.class,
            ImportCommand.class,
            PurgeCommand.class,
            PrivacyCommand.class,
            ReplayCommand.class,
            FetchCommand.class,
            NotifyCommand.class,
            SyncCommand.class,
            SummaryCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit code for configuration errors. */
    static final int CONFIG_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"edm " + (v == null ? "(development build)" : v)};
        }
    }
}
