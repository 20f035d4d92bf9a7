package dev.edm.cli;

import dev.edm.app.Core;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/** The shape of every {@code ... import FILE.csv} command: read and check the whole file, then apply it offline. */
final class CsvImport {
    private CsvImport() {}

    /** Reads a file, failing on I/O or on any bad line. */
    interface Reader<T> {
        List<T> read(Path file) throws IOException;
    }

    /**
     * Reads {@code file}; on a problem prints it (every bad line) and returns exit code 2 without touching the
     * database; otherwise applies the rows and prints what {@code apply} returns.
     */
    static <T> int run(Path file, Reader<T> reader, BiFunction<Core, List<T>, String> apply) {
        List<T> rows;
        try {
            rows = reader.read(file);
        } catch (IOException e) {
            System.err.println("edm: cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("edm: " + file + " was not imported:");
            System.err.println(e.getMessage());
            return 2;
        }
        return Offline.run(core -> {
            System.out.println(apply.apply(core, rows));
            return 0;
        });
    }
}
