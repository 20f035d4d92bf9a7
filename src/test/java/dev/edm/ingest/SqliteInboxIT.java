package dev.edm.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.config.DatabaseSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The inbox contract on SQLite, with the inbox journal the server uses there. */
class SqliteInboxIT extends InboxContract {
    @Override
    DatabaseSettings settings(Path dir) {
        return new DatabaseSettings(DatabaseSettings.Kind.SQLITE, "jdbc:sqlite:" + dir.resolve("edm.db"), null, null);
    }

    @Override
    Optional<Path> journalDir() {
        return Optional.of(dir.resolve("inbox-journal"));
    }

    @Test
    void aSecondServerOnTheSameDataFolderCommitsEveryDeliveryBeforeAnswering() throws Exception {
        Ingest first = start(new InterpretingHandler(adapters, (s, deliveries) -> {}), new SimpleMeterRegistry());
        Ingest second = start(new InterpretingHandler(adapters, (s, deliveries) -> {}), new SimpleMeterRegistry());
        assertThat(first.journalHealth()).contains("ok");
        assertThat(second.journalHealth())
                .as("no journal: the first server holds it")
                .isEmpty();

        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<IngestResult>> results = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            String body = "{\"id\":" + i + "}";
            results.add(pool.submit(
                    () -> second.service().ingest(request(UUID.randomUUID().toString(), "orders/create", body))));
        }
        for (Future<IngestResult> f : results) {
            assertThat(f.get()).isInstanceOf(IngestResult.Accepted.class);
        }
        pool.shutdown();
        assertThat(count("SELECT count(*) FROM delivery")).isEqualTo(128); // in the database when answered
    }
}
