package dev.edm.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.event.Platform;
import dev.edm.ingest.DeliveryStatus;
import dev.edm.ingest.StoredDelivery;
import dev.edm.platform.DetailRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Request keys: one per (resource, asking delivery), within the inbox's 255-character webhook id. */
class FetchJobsTest {
    static StoredDelivery delivery(long id, String webhookId) {
        return new StoredDelivery(
                id,
                Platform.BIGCOMMERCE,
                "abc123",
                "store/order/created",
                webhookId,
                null,
                null,
                null,
                Instant.EPOCH,
                true,
                "{}",
                new byte[0],
                0,
                DeliveryStatus.PENDING,
                null,
                null);
    }

    @Test
    void theKeyNamesTheResourceAndTheDeliveryThatAsked() {
        assertThat(FetchJobs.key(new DetailRequest("order", "250"), delivery(7, "abc123:store/order/created:h:1")))
                .isEqualTo("fetch:order:250:abc123:store/order/created:h:1");
        assertThat(FetchJobs.key(new DetailRequest("order", "250"), delivery(7, null)))
                .isEqualTo("fetch:order:250:delivery-7");
    }

    @Test
    void aTooLongKeyKeepsItsResourceAndHashesTheRest() {
        String longId = "abc123:" + "x".repeat(300);
        String key = FetchJobs.key(new DetailRequest("product", "167"), delivery(7, longId));
        assertThat(key).startsWith("fetch:product:167:").hasSize("fetch:product:167:".length() + 64);
        assertThat(FetchJobs.key(new DetailRequest("product", "167"), delivery(8, longId)))
                .as("the same asking delivery, the same key")
                .isEqualTo(key);
        assertThat(FetchJobs.key(new DetailRequest("product", "167"), delivery(7, longId + "y")))
                .isNotEqualTo(key);
    }
}
