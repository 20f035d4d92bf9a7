package dev.edm.cli;

import dev.edm.app.Core;
import dev.edm.config.Config;
import dev.edm.config.ConfigException;
import dev.edm.config.ConfigLoader;
import dev.edm.storage.StorageException;
import java.time.Clock;
import java.util.function.Function;

/** Runs a command against the features without the server: loads config, opens the database, closes it. */
final class Offline {
    private Offline() {}

    static int run(Function<Core, Integer> command) {
        Config config;
        try {
            config = ConfigLoader.load();
        } catch (ConfigException e) {
            System.err.println("edm: configuration error: " + e.getMessage());
            return Main.CONFIG_ERROR;
        }
        Logging.configure(config.logDir());
        try (Core core = Core.open(config, Clock.systemUTC())) {
            return command.apply(core);
        } catch (ConfigException e) {
            System.err.println("edm: configuration error: " + e.getMessage());
            return Main.CONFIG_ERROR;
        } catch (StorageException e) {
            System.err.println("edm: database: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("edm: " + e.getMessage());
            return 1;
        }
    }
}
