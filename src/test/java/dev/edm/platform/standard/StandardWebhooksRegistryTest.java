package dev.edm.platform.standard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.config.StandardWebhookSettings;
import dev.edm.config.StoreSecrets;
import dev.edm.platform.Verification;
import dev.edm.signing.StandardWebhookScheme;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A source's secrets from the store registry are used as they change, beside the environment's. */
class StandardWebhooksRegistryTest {
    static final String REGISTERED = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ENV = "whsec_r1FyDIv/21miHjlnx34hwN3Eq4SUf0+j7IZ+JYZosbs=";
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final byte[] BODY = "{\"type\":\"inventory.updated\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);

    static Map<String, String> signed(String secret, String source) {
        Map<String, String> h =
                new HashMap<>(StandardWebhookScheme.fromSecret(secret).headers("msg_1", NOW, BODY));
        h.put(StandardWebhooks.SOURCE, source);
        return h;
    }

    @Test
    void registrySecretsAreReadAtEachDeliveryAndEnvSecretsStillWork() {
        AtomicReference<List<String>> registry = new AtomicReference<>(List.of());
        StoreSecrets secrets = new StoreSecrets(List.of(), Map.of("env-src", List.of(ENV)))
                .withRegistry(source -> source.equals("erp") ? registry.get() : List.of());
        StandardWebhooks adapter =
                new StandardWebhooks(new StandardWebhookSettings(secrets), false, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(adapter.verify(signed(REGISTERED, "erp"), BODY)).isInstanceOf(Verification.NotConfigured.class);
        registry.set(List.of(REGISTERED));
        assertThat(adapter.verify(signed(REGISTERED, "erp"), BODY)).isInstanceOf(Verification.Verified.class);
        assertThat(adapter.verify(signed(ENV, "erp"), BODY)).isInstanceOf(Verification.Unauthorized.class);
        assertThat(adapter.verify(signed(ENV, "env-src"), BODY)).isInstanceOf(Verification.Verified.class);
        registry.set(List.of("not-a-whsec-secret"));
        assertThat(adapter.verify(signed(REGISTERED, "erp"), BODY))
                .as("an unusable registry secret signs nothing")
                .isInstanceOf(Verification.NotConfigured.class);
    }
}
