package dev.edm.datafetch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.output.OutputFiles;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one {@code edm fetch}: reads every page, then cleans, summarises and writes the files. Nothing is written
 * when a page fails ({@link FetchFailed}), so a file never holds half a data set.
 */
public final class DataFetcher {
    private final Clock clock;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Progress progress;

    public DataFetcher(Clock clock, RetryPolicy policy, Sleeper sleeper, Progress progress) {
        this.clock = clock;
        this.policy = policy;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    public FetchSummary run(FetchRequest request) throws IOException {
        Instant started = clock.instant();
        List<JsonNode> records = new ArrayList<>();
        Read read;
        try (HttpPages http = new HttpPages(request.timeout(), request.headers(), policy, sleeper, clock, progress)) {
            read = readAll(request, http, records, started);
        } finally {
            progress.done();
        }
        FetchOutput out =
                new FetchOutput(request.outDir(), request.name() + "_" + OutputFiles.stamp(started), request.formats());
        out.records("", records);
        List<JsonNode> forSummary = records;
        Optional<Cleaning.Cleaned> cleaned = Optional.empty();
        if (request.clean()) {
            Cleaning.Cleaned c = Cleaning.clean(records, request.dedupeBy());
            out.records("_clean", c.records());
            forSummary = c.records();
            cleaned = Optional.of(c);
        }
        int skipped = 0;
        if (request.groupBy().isPresent()) {
            GroupSummary.Result summary =
                    GroupSummary.of(forSummary, request.groupBy().get());
            out.summary(GroupSummary.columns(request.groupBy().get()), summary);
            skipped = summary.skippedValues();
        }
        return new FetchSummary(
                records.size(),
                read.pages(),
                read.retries(),
                read.stopped(),
                request.clean(),
                cleaned.map(Cleaning.Cleaned::invalidEmails).orElse(List.of()),
                cleaned.map(Cleaning.Cleaned::duplicatesRemoved).orElse(0),
                cleaned.map(c -> c.records().size()).orElse(0),
                skipped,
                out.written(),
                Duration.between(started, clock.instant()));
    }

    private record Read(int pages, int retries, boolean stopped) {}

    /** Reads page after page into {@code records} until the pagination says there is no next page. */
    private Read readAll(FetchRequest request, HttpPages http, List<JsonNode> records, Instant started) {
        Set<String> cursorsSeen = new HashSet<>();
        long firstPage = firstPageNumber(request);
        URI next = request.url();
        int pages = 0;
        while (next != null) {
            if (pages == request.maxPages()) {
                return new Read(pages, http.retries(), true);
            }
            pages++;
            HttpPages.Response res = http.get(next, pages);
            JsonNode body = RecordArrays.parse(res.body(), pages, res.uri());
            List<JsonNode> page = RecordArrays.records(body, request.recordsPath(), pages, res.uri());
            records.addAll(page);
            progress.page(pages, page.size(), records.size(), Duration.between(started, clock.instant()), next);
            next = switch (request.pagination()) {
                case Pagination.None n -> null;
                case Pagination.LinkHeader l ->
                    Urls.nextLink(res.headers().allValues("Link"), res.uri()).orElse(null);
                case Pagination.Cursor c -> {
                    String cursor = Json.text(Json.at(body, c.field()));
                    yield cursor == null || cursor.isBlank() || page.isEmpty() || !cursorsSeen.add(cursor)
                            ? null
                            : Urls.withParam(request.url(), c.param(), cursor);
                }
                case Pagination.PageNumber p ->
                    page.isEmpty() ? null : Urls.withParam(request.url(), p.param(), "" + (firstPage + pages));
            };
        }
        return new Read(pages, http.retries(), false);
    }

    /** For {@code page:PARAM}: the URL's own value of PARAM when it is a number, else 1. */
    private static long firstPageNumber(FetchRequest request) {
        if (request.pagination() instanceof Pagination.PageNumber p) {
            return Urls.param(request.url(), p.param())
                    .filter(v -> v.matches("\\d{1,9}"))
                    .map(Long::parseLong)
                    .orElse(1L);
        }
        return 1;
    }
}
