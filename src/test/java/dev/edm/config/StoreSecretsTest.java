package dev.edm.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSecretsTest {
    StoreSecrets env = new StoreSecrets(List.of("default"), Map.of("own.example", List.of("own")));

    @Test
    void withoutARegistryTheEnvironmentDecidesAsBefore() {
        assertThat(env.secretsFor("own.example")).containsExactly("own");
        assertThat(env.secretsFor("OTHER.example")).containsExactly("default");
        assertThat(env.secretsFor(null)).containsExactly("default");
    }

    @Test
    void registrySecretsComeFirstAndTheEnvironmentsStillApply() {
        StoreSecrets both = env.withRegistry(store -> store.equals("reg.example") ? List.of("reg") : List.of());
        assertThat(both.secretsFor("REG.example")).containsExactly("reg", "default");
        assertThat(both.secretsFor("own.example")).containsExactly("own");
        assertThat(both.secretsFor(null)).containsExactly("default");
        assertThat(both.toString()).doesNotContain("reg");
    }
}
