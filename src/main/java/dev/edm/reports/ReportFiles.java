package dev.edm.reports;

import dev.edm.output.OutputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** Report files: {@code {report}_{timestamp}.{ext}} under the output folder, never overwritten, or a named file. */
final class ReportFiles {
    private ReportFiles() {}

    static Path writeNew(Path dir, String name, String extension, OutputFiles.Content content, Instant now)
            throws IOException {
        return OutputFiles.writeNew(dir, name + "_" + OutputFiles.stamp(now), extension, content);
    }

    /** Writes to a path the user named, atomically replacing what was there. */
    static Path writeTo(Path target, OutputFiles.Content content) throws IOException {
        return OutputFiles.writeTo(target, content);
    }
}
