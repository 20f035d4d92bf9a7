package dev.edm.cli;

import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Points Logback's rolling file at the configured log folder and routes JUL (Helidon) into SLF4J. */
final class Logging {
    private Logging() {}

    /** Must run before the first logger is created. */
    static void configure(Path logDir) {
        System.setProperty("edm.log.dir", logDir.toString());
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
