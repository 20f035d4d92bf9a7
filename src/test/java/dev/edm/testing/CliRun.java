package dev.edm.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A finished command: its exit status and what it printed on stdout and stderr. */
public record CliRun(int exit, String out, String err) {
    /** Reads a finished process's exit status and output. */
    public static CliRun of(Process p) throws IOException {
        return new CliRun(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
