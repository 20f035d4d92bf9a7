package dev.edm.cli;

import dev.edm.app.App;
import dev.edm.config.Config;
import dev.edm.config.ConfigException;
import dev.edm.config.ConfigLoader;
import dev.edm.storage.StorageException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code edm serve}: runs the server until SIGTERM or Ctrl-C, then shuts down cleanly. */
@Command(
        name = "serve",
        description = "Start the server (port EDM_PORT, default 5001).",
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Config config;
        try {
            config = ConfigLoader.load();
            config.prepareDirectories();
        } catch (ConfigException e) {
            System.err.println("edm: configuration error: " + e.getMessage());
            return Main.CONFIG_ERROR;
        }
        Logging.configure(config.logDir());
        App app;
        try {
            app = App.start(config, Clock.systemUTC());
        } catch (ConfigException e) {
            System.err.println("edm: configuration error: " + e.getMessage());
            return Main.CONFIG_ERROR;
        } catch (StorageException e) {
            System.err.println("edm: EDM_DATABASE_URL: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("edm: cannot start: " + Logging.rootMessage(e));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            Logging.flush();
                            stopped.countDown();
                        },
                        "edm-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
