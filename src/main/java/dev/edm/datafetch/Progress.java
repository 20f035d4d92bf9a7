package dev.edm.datafetch;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Tells the person running {@code edm fetch} how far it got: on a terminal one line redrawn in place, otherwise a
 * plain line per page (and per retry). Written to stderr so stdout carries only the written paths.
 */
public sealed interface Progress {
    void page(int page, int pageRecords, int totalRecords, Duration elapsed, URI uri);

    void retrying(URI uri, String why, int retry, Duration wait);

    /** Ends the progress output (the terminal line is finished with a line break). */
    void done();

    /** A redrawn one-line bar for a terminal. */
    static Progress terminal(PrintStream out) {
        return new Bar(out);
    }

    /** A line per page, for logs and pipes. */
    static Progress lines(PrintStream out) {
        return new Lines(out);
    }

    /** Nothing at all. */
    static Progress silent() {
        return new Silent();
    }

    private static String rate(int records, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return String.format(Locale.ROOT, "%.1f records/s", records / seconds);
    }

    /** A one-line bar; the block moves with each page since the number of pages is not known in advance. */
    final class Bar implements Progress {
        private static final int WIDTH = 20;
        private final PrintStream out;
        private boolean drawn;

        Bar(PrintStream out) {
            this.out = out;
        }

        @Override
        public void page(int page, int pageRecords, int totalRecords, Duration elapsed, URI uri) {
            StringBuilder bar = new StringBuilder();
            int at = (page - 1) % WIDTH;
            for (int i = 0; i < WIDTH; i++) {
                bar.append(Math.abs(i - at) <= 1 ? '=' : ' ');
            }
            out.print("\r\033[2Kfetching [" + bar + "] " + page + (page == 1 ? " page, " : " pages, ") + totalRecords
                    + " records, " + rate(totalRecords, elapsed));
            out.flush();
            drawn = true;
        }

        @Override
        public void retrying(URI uri, String why, int retry, Duration wait) {
            out.print("\r\033[2K" + why + ", retry " + retry + " in " + wait.toMillis() + " ms");
            out.flush();
            drawn = true;
        }

        @Override
        public void done() {
            if (drawn) {
                out.println();
            }
        }
    }

    /** Plain lines. */
    final class Lines implements Progress {
        private final PrintStream out;

        Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void page(int page, int pageRecords, int totalRecords, Duration elapsed, URI uri) {
            out.println("edm fetch: page " + page + ": " + pageRecords + " records (" + totalRecords + " in all, "
                    + rate(totalRecords, elapsed) + ") from " + uri);
        }

        @Override
        public void retrying(URI uri, String why, int retry, Duration wait) {
            out.println("edm fetch: " + uri + ": " + why + "; retry " + retry + " in " + wait.toMillis() + " ms");
        }

        @Override
        public void done() {}
    }

    /** No output. */
    final class Silent implements Progress {
        @Override
        public void page(int page, int pageRecords, int totalRecords, Duration elapsed, URI uri) {}

        @Override
        public void retrying(URI uri, String why, int retry, Duration wait) {}

        @Override
        public void done() {}
    }
}
