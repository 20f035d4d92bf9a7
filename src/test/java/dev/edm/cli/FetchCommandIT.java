package dev.edm.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edm fetch} run in-process through picocli: exit codes, stdout carries only the written paths. */
class FetchCommandIT {
    @TempDir
    Path out;

    WireMockServer api;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream oldOut;
    PrintStream oldErr;

    @BeforeEach
    void start() {
        api = new WireMockServer(wireMockConfig().dynamicPort());
        api.start();
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        api.stop();
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            return s.sorted().toList();
        }
    }

    @Test
    void fetchesCleansSummarisesAndPrintsThePaths() throws Exception {
        String users;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/jsonplaceholder/users.json")) {
            users = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        api.stubFor(get("/users").willReturn(okJson(users)));

        int code = Main.run(
                "fetch",
                api.baseUrl() + "/users",
                "--out-dir",
                out.toString(),
                "--header",
                "X-Trace: t1",
                "--auth",
                "bearer:secret-token",
                "--clean",
                "--group-by",
                "address.city",
                "--agg",
                "count",
                "--format",
                "csv");

        assertThat(code).as(err()).isZero();
        assertThat(files()).hasSize(3);
        assertThat(out().lines().map(Path::of).sorted().toList()).isEqualTo(files());
        assertThat(err())
                .contains("records: 10 from 1 page")
                .contains("invalid emails: 0")
                .contains("duplicates removed: 0")
                .contains("files written: 3");
        Path summary = files().stream()
                .filter(p -> p.getFileName().toString().endsWith("_summary.csv"))
                .findFirst()
                .orElseThrow();
        assertThat(Files.readAllLines(summary)).startsWith("address.city,count", "Gwenborough,1");
        assertThat(files().get(0).getFileName().toString()).matches("users_\\d{8}_\\d{6}_\\d{3}\\.csv");
        api.verify(getRequestedFor(urlPathEqualTo("/users"))
                .withHeader(
                        "Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer secret-token"))
                .withHeader("X-Trace", com.github.tomakehurst.wiremock.client.WireMock.equalTo("t1")));
    }

    @Test
    void aFailedFetchExitsOneAndWritesNothing() throws Exception {
        api.stubFor(get("/users").willReturn(aResponse().withStatus(401).withBody("{\"message\":\"bad token\"}")));

        int code = Main.run("fetch", api.baseUrl() + "/users", "--out-dir", out.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("HTTP 401").contains("bad token").contains("nothing written");
        assertThat(out()).isEmpty();
        assertThat(files()).isEmpty();
        api.verify(1, getRequestedFor(urlPathEqualTo("/users")));
    }

    @Test
    void usageErrorsExitTwoWithoutCallingTheApi() throws Exception {
        String url = api.baseUrl() + "/users";
        String dir = out.toString();
        assertThat(Main.run("fetch", url, "--out-dir", dir, "--paginate", "sideways"))
                .isEqualTo(2);
        assertThat(Main.run("fetch", url, "--out-dir", dir, "--agg", "sum:total"))
                .isEqualTo(2);
        assertThat(Main.run("fetch", url, "--out-dir", dir, "--group-by", "a", "--agg", "median:x"))
                .isEqualTo(2);
        assertThat(Main.run("fetch", url, "--out-dir", dir, "--auth", "token")).isEqualTo(2);
        assertThat(Main.run("fetch", url, "--out-dir", dir, "--timeout", "soon"))
                .isEqualTo(2);
        assertThat(Main.run("fetch", url, "--out-dir", dir, "--format", "xml")).isEqualTo(2);
        assertThat(Main.run("fetch", url, "--out-dir", dir, "--dedupe-by", "email"))
                .isEqualTo(2);
        assertThat(Main.run("fetch", "ftp://example.com/x", "--out-dir", dir)).isEqualTo(2);
        assertThat(Main.run("fetch", url, "--no-such-option")).isEqualTo(2);
        assertThat(Main.run("fetch")).isEqualTo(2);
        assertThat(err()).contains("--paginate must be link, cursor:FIELD[:PARAM] or page:PARAM");
        api.verify(0, getRequestedFor(urlPathEqualTo("/users")));
        assertThat(files()).isEmpty();
    }
}
