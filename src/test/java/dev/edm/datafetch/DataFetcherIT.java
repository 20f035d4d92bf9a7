package dev.edm.datafetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edm fetch} against WireMock: paging, retries, failures, cleaning and the files written. */
class DataFetcherIT {
    private static final Instant NOW = Instant.parse("2026-11-27T09:05:03.042Z");

    @TempDir
    Path out;

    WireMockServer api;
    final List<Duration> waits = new ArrayList<>();
    final Sleeper recording = waits::add;

    @BeforeEach
    void start() {
        api = new WireMockServer(wireMockConfig().dynamicPort());
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    static String users() throws IOException {
        try (InputStream in = DataFetcherIT.class.getResourceAsStream("/fixtures/jsonplaceholder/users.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private FetchSummary fetch(String path, String... options) throws IOException {
        return fetch(Duration.ofSeconds(10), path, options);
    }

    private FetchSummary fetch(Duration timeout, String path, String... options) throws IOException {
        Optional<String> records = Optional.empty();
        Pagination pagination = new Pagination.None();
        boolean clean = false;
        Optional<String> dedupe = Optional.empty();
        Optional<FetchRequest.GroupBy> group = Optional.empty();
        int maxPages = 100;
        for (int i = 0; i < options.length; i += 2) {
            String v = options[i + 1];
            switch (options[i]) {
                case "--records" -> records = Optional.of(v);
                case "--paginate" -> pagination = Pagination.parse(v);
                case "--clean" -> clean = Boolean.parseBoolean(v);
                case "--dedupe-by" -> dedupe = Optional.of(v);
                case "--group-by" ->
                    group = Optional.of(new FetchRequest.GroupBy(v.split(" ")[0], Aggregation.parse(v.split(" ")[1])));
                case "--max-pages" -> maxPages = Integer.parseInt(v);
                default -> throw new IllegalArgumentException(options[i]);
            }
        }
        URI url = URI.create(api.baseUrl() + path);
        FetchRequest request = new FetchRequest(
                url,
                List.of(new Header("X-Api-Key", "k1")),
                records,
                pagination,
                maxPages,
                out,
                List.of("csv", "json"),
                FetchRequest.defaultName(url),
                clean,
                dedupe,
                group,
                timeout);
        DataFetcher fetcher =
                new DataFetcher(Clock.fixed(NOW, ZoneOffset.UTC), RetryPolicy.DEFAULT, recording, Progress.silent());
        return fetcher.run(request);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private JsonNode json(String file) throws IOException {
        return Json.read(Files.readAllBytes(out.resolve(file)));
    }

    @Test
    void jsonPlaceholderUsersAreWrittenAsFlatCsvAndNestedJson() throws Exception {
        api.stubFor(get("/users").willReturn(okJson(users())));

        FetchSummary s = fetch("/users");

        assertThat(s.records()).isEqualTo(10);
        assertThat(s.pages()).isEqualTo(1);
        assertThat(s.retries()).isZero();
        assertThat(files()).containsExactly("users_20261127_090503_042.csv", "users_20261127_090503_042.json");
        List<String> csv = Files.readAllLines(out.resolve("users_20261127_090503_042.csv"));
        assertThat(csv).hasSize(11);
        assertThat(csv.get(0))
                .isEqualTo("id,name,username,email,address.street,address.suite,address.city,address.zipcode,"
                        + "address.geo.lat,address.geo.lng,phone,website,company.name,company.catchPhrase,company.bs");
        assertThat(csv.get(1))
                .isEqualTo("1,Leanne Graham,Bret,Sincere@april.biz,Kulas Light,Apt. 556,Gwenborough,92998-3874,"
                        + "-37.3159,81.1496,1-770-736-8031 x56442,hildegard.org,Romaguera-Crona,"
                        + "Multi-layered client-server neural-net,harness real-time e-markets");
        JsonNode written = json("users_20261127_090503_042.json");
        assertThat(written).isEqualTo(Json.read(users().getBytes(StandardCharsets.UTF_8)));
        assertThat(written.get(0).at("/address/geo/lat").asText()).isEqualTo("-37.3159");
        api.verify(getRequestedFor(urlPathEqualTo("/users"))
                .withHeader("X-Api-Key", com.github.tomakehurst.wiremock.client.WireMock.equalTo("k1")));
    }

    @Test
    void followsLinkHeadersUntilThereIsNoNext() throws Exception {
        api.stubFor(get("/items")
                .willReturn(okJson("[{\"id\":1},{\"id\":2}]")
                        .withHeader(
                                "Link",
                                "<" + api.baseUrl() + "/items?page=2>; rel=\"next\", </items?page=3>; rel=\"last\"")));
        api.stubFor(get("/items?page=2")
                .willReturn(okJson("[{\"id\":3},{\"id\":4}]").withHeader("Link", "</items?page=3>; rel=\"next\"")));
        api.stubFor(get("/items?page=3")
                .willReturn(okJson("[{\"id\":5}]").withHeader("Link", "</items?page=1>; rel=\"first\"")));

        FetchSummary s = fetch("/items", "--paginate", "link");

        assertThat(s.pages()).isEqualTo(3);
        assertThat(json("items_20261127_090503_042.json").findValuesAsText("id"))
                .containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void cursorPaginationReadsTheNextCursorFromTheBody() throws Exception {
        api.stubFor(get("/products")
                .willReturn(okJson("{\"products\":[{\"id\":\"a\"}],\"meta\":{\"next_cursor\":\"c2\"}}")));
        api.stubFor(get("/products?next_cursor=c2")
                .willReturn(okJson("{\"products\":[{\"id\":\"b\"}],\"meta\":{\"next_cursor\":\"c3\"}}")));
        api.stubFor(get("/products?next_cursor=c3")
                .willReturn(okJson("{\"products\":[{\"id\":\"c\"}],\"meta\":{\"next_cursor\":null}}")));

        FetchSummary s = fetch("/products", "--paginate", "cursor:meta.next_cursor");

        assertThat(s.pages()).isEqualTo(3);
        assertThat(s.records()).isEqualTo(3);
    }

    @Test
    void cursorSentUnderAnotherParameterNameAndRecordsByPointer() throws Exception {
        api.stubFor(get("/v1/orders")
                .willReturn(okJson("{\"tags\":[\"x\"],\"result\":{\"data\":[{\"id\":1}]},\"next\":\"Q1\"}")));
        api.stubFor(get("/v1/orders?after=Q1")
                .willReturn(okJson("{\"tags\":[\"x\"],\"result\":{\"data\":[{\"id\":2}]},\"next\":\"\"}")));

        FetchSummary s = fetch("/v1/orders", "--paginate", "cursor:next:after", "--records", "/result/data");

        assertThat(s.records()).isEqualTo(2);
        assertThat(json("orders_20261127_090503_042.json").findValuesAsText("id"))
                .containsExactly("1", "2");
    }

    @Test
    void pagePaginationCountsUpUntilAnEmptyPage() throws Exception {
        api.stubFor(get("/api/results?page=1").willReturn(okJson("{\"results\":[{\"n\":1},{\"n\":2}]}")));
        api.stubFor(get("/api/results?page=2").willReturn(okJson("{\"results\":[{\"n\":3}]}")));
        api.stubFor(get("/api/results?page=3").willReturn(okJson("{\"results\":[]}")));

        FetchSummary s = fetch("/api/results?page=1", "--paginate", "page:page");

        assertThat(s.pages()).isEqualTo(3);
        assertThat(s.records()).isEqualTo(3);
    }

    @Test
    void maxPagesStopsAndSaysSo() throws Exception {
        api.stubFor(get(urlPathEqualTo("/endless")).willReturn(okJson("{\"data\":[{\"n\":1}]}")));

        FetchSummary s = fetch("/endless", "--paginate", "page:p", "--max-pages", "4");

        assertThat(s.pages()).isEqualTo(4);
        assertThat(s.stoppedAtMaxPages()).isTrue();
        assertThat(s.render()).contains("stopped at --max-pages");
    }

    @Test
    void a503IsRetriedAfterOneSecondThenSucceeds() throws Exception {
        api.stubFor(get("/users")
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("busy"))
                .willSetStateTo("up"));
        api.stubFor(get("/users").inScenario("flaky").whenScenarioStateIs("up").willReturn(okJson(users())));

        FetchSummary s = fetch("/users");

        assertThat(s.records()).isEqualTo(10);
        assertThat(s.retries()).isEqualTo(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void persistentServerErrorsAreRetriedOneTwoFourSecondsThenFail() throws Exception {
        api.stubFor(get("/users").willReturn(aResponse().withStatus(502).withBody("bad gateway")));

        assertThatThrownBy(() -> fetch("/users"))
                .isInstanceOf(FetchFailed.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("after 3 retries")
                .hasMessageContaining("bad gateway");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        api.verify(4, getRequestedFor(urlPathEqualTo("/users")));
        assertThat(files()).isEmpty();
    }

    @Test
    void a429WaitsWhatRetryAfterSays() throws Exception {
        api.stubFor(get("/users")
                .inScenario("limited")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
                .willSetStateTo("ok"));
        api.stubFor(
                get("/users").inScenario("limited").whenScenarioStateIs("ok").willReturn(okJson(users())));

        FetchSummary s = fetch("/users");

        assertThat(s.records()).isEqualTo(10);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aTimeoutIsRetriedThenReported() throws Exception {
        api.stubFor(get("/slow").willReturn(okJson("[]").withFixedDelay(2_000)));

        assertThatThrownBy(() -> fetch(Duration.ofMillis(200), "/slow"))
                .isInstanceOf(FetchFailed.class)
                .hasMessageContaining("no answer within 200 ms")
                .hasMessageContaining("after 3 retries");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aDroppedConnectionIsRetried() throws Exception {
        api.stubFor(get("/users")
                .inScenario("reset")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("ok"));
        api.stubFor(get("/users").inScenario("reset").whenScenarioStateIs("ok").willReturn(okJson(users())));

        assertThat(fetch("/users").records()).isEqualTo(10);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void a404FailsAtOnceWithTheStatusAndBodyAndNoRetry() throws Exception {
        api.stubFor(get("/nope").willReturn(aResponse().withStatus(404).withBody("{\"error\":\"no such thing\"}")));

        assertThatThrownBy(() -> fetch("/nope"))
                .isInstanceOf(FetchFailed.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("no such thing")
                .hasMessageNotContaining("retries");
        api.verify(1, getRequestedFor(urlPathEqualTo("/nope")));
        assertThat(waits).isEmpty();
    }

    @Test
    void malformedJsonNamesThePageAndAddress() throws Exception {
        api.stubFor(
                get("/items").willReturn(okJson("[{\"id\":1}]").withHeader("Link", "</items?page=2>; rel=\"next\"")));
        api.stubFor(get("/items?page=2").willReturn(okJson("[{\"id\":2},")));

        assertThatThrownBy(() -> fetch("/items", "--paginate", "link"))
                .isInstanceOf(FetchFailed.class)
                .hasMessageContaining("page 2 (" + api.baseUrl() + "/items?page=2)")
                .hasMessageContaining("not valid JSON");
        assertThat(files()).isEmpty();
    }

    @Test
    void cleaningNormalisesDedupesReportsAndSummarises() throws Exception {
        String body = "{\"data\":[{\"id\":1,\"email\":\"A@X.com\",\"shop\":{\"city\":\" Leeds\"},\"total\":\"10.10\"},"
                + "{\"id\":2,\"email\":\"a@x.com \",\"shop\":{\"city\":\"Leeds\"},\"total\":5},"
                + "{\"id\":3,\"email\":\"broken@\",\"shop\":{\"city\":\"York\"},\"total\":2.5}]}";
        api.stubFor(get("/customers").willReturn(okJson(body)));

        FetchSummary s =
                fetch("/customers", "--clean", "true", "--dedupe-by", "email", "--group-by", "shop.city sum:total");

        assertThat(s.duplicatesRemoved()).isEqualTo(1);
        assertThat(s.cleanRecords()).isEqualTo(2);
        assertThat(s.invalidEmails()).containsExactly(new FetchSummary.InvalidEmail(3, "3", "email", "broken@"));
        assertThat(s.render()).contains("invalid emails: 1").contains("record 3 (id 3) email: broken@");
        String stamp = "customers_20261127_090503_042";
        assertThat(files())
                .containsExactly(
                        stamp + ".csv",
                        stamp + ".json",
                        stamp + "_clean.csv",
                        stamp + "_clean.json",
                        stamp + "_summary.csv",
                        stamp + "_summary.json");
        assertThat(Files.readAllLines(out.resolve(stamp + "_clean.csv")))
                .containsExactly("id,email,shop.city,total", "1,a@x.com,Leeds,10.10", "3,broken@,York,2.5");
        assertThat(json(stamp + "_clean.json").get(0).at("/shop/city").asText()).isEqualTo("Leeds");
        // the raw file keeps what the API sent
        assertThat(json(stamp + ".json").get(1).get("email").asText()).isEqualTo("a@x.com ");
        assertThat(Files.readAllLines(out.resolve(stamp + "_summary.csv")))
                .containsExactly("shop.city,sum(total)", "Leeds,10.10", "York,2.5");
        assertThat(json(stamp + "_summary.json").get(0).get("sum(total)").decimalValue())
                .isEqualByComparingTo("10.10");
    }

    @Test
    void aSecondRunInTheSameMillisecondDoesNotOverwrite() throws Exception {
        api.stubFor(get("/users").willReturn(okJson(users())));

        fetch("/users");
        fetch("/users");

        assertThat(files())
                .containsExactly(
                        "users_20261127_090503_042.csv",
                        "users_20261127_090503_042.json",
                        "users_20261127_090503_042_1.csv",
                        "users_20261127_090503_042_1.json");
    }

    @Test
    void aBodyWithoutARecordArrayAsksForRecords() throws Exception {
        api.stubFor(get("/thing").willReturn(okJson("{\"id\":1,\"name\":\"x\"}")));

        assertThatThrownBy(() -> fetch("/thing"))
                .isInstanceOf(FetchFailed.class)
                .hasMessageContaining("--records");
    }
}
