package dev.edm.cli;

import dev.edm.config.ConfigException;
import dev.edm.config.ConfigLoader;
import dev.edm.datafetch.Aggregation;
import dev.edm.datafetch.DataFetcher;
import dev.edm.datafetch.FetchFailed;
import dev.edm.datafetch.FetchRequest;
import dev.edm.datafetch.FetchSummary;
import dev.edm.datafetch.Header;
import dev.edm.datafetch.Pagination;
import dev.edm.datafetch.Progress;
import dev.edm.datafetch.RetryPolicy;
import dev.edm.datafetch.Sleeper;
import java.io.Console;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edm fetch URL}: reads a JSON API (all pages), optionally cleans and summarises, writes CSV/JSON files. */
@Command(
        name = "fetch",
        description = "Fetch records from any JSON API (all pages), optionally clean and summarise them, and write"
                + " timestamped CSV/JSON files. Exit 0 ok, 1 fetch failed, 2 usage error.",
        mixinStandardHelpOptions = true)
final class FetchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "http(s) address of the first page")
    String url;

    @Option(names = "--header", description = "K:V request header (repeatable)")
    List<String> headers = new ArrayList<>();

    @Option(names = "--auth", description = "bearer:TOKEN or basic:USER:PASS")
    String auth;

    @Option(names = "--records", description = "JSON pointer (/data/items) or dotted path to the record array")
    String records;

    @Option(names = "--paginate", description = "link, cursor:FIELD[:PARAM] or page:PARAM")
    String paginate;

    @Option(names = "--max-pages", description = "stop after this many pages (default: ${DEFAULT-VALUE})")
    int maxPages = 1000;

    @Option(names = "--out-dir", description = "folder for the files (default: EDM_OUTPUT_DIR)")
    Path outDir;

    @Option(names = "--format", description = "csv, json or csv,json (default: ${DEFAULT-VALUE})")
    String format = "csv,json";

    @Option(names = "--name", description = "file name prefix (default: the URL's last path segment)")
    String name;

    @Option(names = "--clean", description = "trim, normalise and check emails, remove duplicates")
    boolean clean;

    @Option(names = "--dedupe-by", description = "with --clean: duplicates share this field (default: whole record)")
    String dedupeBy;

    @Option(names = "--group-by", description = "write a summary per value of this field (dotted path)")
    String groupBy;

    @Option(names = "--agg", description = "count, sum:FIELD or avg:FIELD (default: count)")
    String agg;

    @Option(names = "--timeout", description = "per request: 10s, 500ms, 2m (default: ${DEFAULT-VALUE})")
    String timeout = "10s";

    @Override
    public Integer call() {
        FetchRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            System.err.println("edm fetch: " + e.getMessage());
            return 2;
        } catch (ConfigException e) {
            System.err.println("edm: configuration error: " + e.getMessage());
            return Main.CONFIG_ERROR;
        }
        Progress progress = terminal() ? Progress.terminal(System.err) : Progress.lines(System.err);
        DataFetcher fetcher = new DataFetcher(Clock.systemUTC(), RetryPolicy.DEFAULT, Sleeper.REAL, progress);
        try {
            FetchSummary summary = fetcher.run(request);
            System.err.print(summary.render());
            summary.files().forEach(System.out::println);
            return 0;
        } catch (FetchFailed e) {
            System.err.println("edm fetch: failed, nothing written: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("edm fetch: cannot write the files: " + e);
            return 1;
        }
    }

    private FetchRequest request() {
        URI uri = FetchRequest.url(url);
        List<Header> all = new ArrayList<>(headers.stream().map(Header::parse).toList());
        if (auth != null) {
            all.add(Header.auth(auth));
        }
        if (agg != null && groupBy == null) {
            throw new IllegalArgumentException("--agg needs --group-by");
        }
        Optional<FetchRequest.GroupBy> group =
                Optional.ofNullable(groupBy).map(f -> new FetchRequest.GroupBy(f, Aggregation.parse(agg)));
        return new FetchRequest(
                uri,
                all,
                Optional.ofNullable(records),
                Pagination.parse(paginate),
                maxPages,
                outDir != null ? outDir : ConfigLoader.load().outputDir(),
                FetchRequest.formats(format),
                name != null ? name : FetchRequest.defaultName(uri),
                clean,
                Optional.ofNullable(dedupeBy),
                group,
                FetchRequest.duration(timeout));
    }

    /** A terminal that can redraw a line: a console on a real terminal (JDK 22+ tells) and not TERM=dumb. */
    private static boolean terminal() {
        Console console = System.console();
        if (console == null || ConfigLoader.dumbTerminal()) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }
}
