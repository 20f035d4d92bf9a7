package dev.edm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** EDM_STANDARD_WEBHOOK_SECRETS and the BIGCOMMERCE_* variables. */
class WebhookSenderConfigTest {
    static final String ERP_OLD = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ERP_NEW = "whsec_a2V5LWVycC1uZXctMDEyMzQ1Njc4OWFiY2RlZg==";

    private static Config build(Map<String, String> env) {
        return new ConfigLoader(env, Map.of()).build();
    }

    private static ConfigException failure(Map<String, String> env) {
        return catchThrowableOfType(ConfigException.class, () -> build(env));
    }

    @Test
    void nothingSetMeansNoSendersAndTheRealBigCommerceApi() {
        Config config = build(Map.of());
        assertThat(config.standardWebhooks().anySecret()).isFalse();
        assertThat(config.bigcommerce().anySecret()).isFalse();
        assertThat(config.bigcommerce().apiBase()).isEqualTo(URI.create("https://api.bigcommerce.com"));
        assertThat(config.bigcommerce().authHeader()).isEmpty();
        assertThat(config.bigcommerce().tokenFor("abc123")).isEmpty();
    }

    @Test
    void standardSecretsArePerSourceWithRotation() {
        Config config = build(Map.of("EDM_STANDARD_WEBHOOK_SECRETS", "ERP:" + ERP_OLD + ", erp:" + ERP_NEW));
        assertThat(config.standardWebhooks().secretsFor("erp")).containsExactly(ERP_OLD, ERP_NEW);
        assertThat(config.standardWebhooks().secretsFor("other")).isEmpty();
    }

    @Test
    void aStandardSecretThatIsNotBase64StopsStartupWithoutEchoingIt() {
        ConfigException e = failure(Map.of("EDM_STANDARD_WEBHOOK_SECRETS", "erp:whsec_not base64!"));
        assertThat(e.variable()).isEqualTo("EDM_STANDARD_WEBHOOK_SECRETS");
        assertThat(e.getMessage()).contains("source erp").doesNotContain("not base64!");
        assertThat(failure(Map.of("EDM_STANDARD_WEBHOOK_SECRETS", "erp:whsec_")).variable())
                .isEqualTo("EDM_STANDARD_WEBHOOK_SECRETS");
        assertThat(failure(Map.of("EDM_STANDARD_WEBHOOK_SECRETS", "whsec_abc")).variable())
                .isEqualTo("EDM_STANDARD_WEBHOOK_SECRETS");
    }

    @Test
    void bigCommerceSecretsTokensBaseAndHeader() {
        Config config = build(Map.of(
                "BIGCOMMERCE_CLIENT_SECRET", "default-secret",
                "BIGCOMMERCE_SECRETS", "own1:old,own1:new",
                "BIGCOMMERCE_TOKENS", "abc123:tok-a,OWN1:tok-o",
                "EDM_BIGCOMMERCE_API_BASE", "http://127.0.0.1:8089/",
                "BIGCOMMERCE_WEBHOOK_HEADER_NAME", "X-Edm-Hook",
                "BIGCOMMERCE_WEBHOOK_HEADER_VALUE", "hook-value"));
        BigCommerceSettings bc = config.bigcommerce();

        assertThat(bc.secretsFor("abc123")).containsExactly("default-secret");
        assertThat(bc.secretsFor("own1")).isEqualTo(List.of("old", "new"));
        assertThat(bc.tokenFor("abc123")).contains("tok-a");
        assertThat(bc.tokenFor("own1")).contains("tok-o");
        assertThat(bc.apiBase()).isEqualTo(URI.create("http://127.0.0.1:8089"));
        assertThat(bc.authHeader())
                .isEqualTo(Optional.of(new BigCommerceSettings.AuthHeader("x-edm-hook", "hook-value")));
        assertThat(bc.toString()).doesNotContain("default-secret", "tok-a", "hook-value");
    }

    @Test
    void halfAHeaderOrABadApiBaseNamesTheVariable() {
        assertThat(failure(Map.of("BIGCOMMERCE_WEBHOOK_HEADER_NAME", "X-Edm-Hook"))
                        .variable())
                .isEqualTo("BIGCOMMERCE_WEBHOOK_HEADER_VALUE");
        assertThat(failure(Map.of("EDM_BIGCOMMERCE_API_BASE", "ftp://example.com"))
                        .variable())
                .isEqualTo("EDM_BIGCOMMERCE_API_BASE");
        assertThat(failure(Map.of("BIGCOMMERCE_TOKENS", "just-a-token")).variable())
                .isEqualTo("BIGCOMMERCE_TOKENS");
    }

    @Test
    void secretsAndTokensAreMaskedInTheInspection() {
        var inspection = new ConfigLoader(
                        Map.of(
                                "EDM_STANDARD_WEBHOOK_SECRETS", "erp:" + ERP_OLD,
                                "BIGCOMMERCE_CLIENT_SECRET", "default-secret",
                                "BIGCOMMERCE_TOKENS", "abc123:tok-a",
                                "BIGCOMMERCE_WEBHOOK_HEADER_VALUE", "hook-value",
                                "BIGCOMMERCE_WEBHOOK_HEADER_NAME", "X-Edm-Hook"),
                        Map.of())
                .inspection();
        assertThat(inspection.entries())
                .filteredOn(e -> e.value() != null && !e.name().equals("BIGCOMMERCE_WEBHOOK_HEADER_NAME"))
                .filteredOn(e -> e.name().contains("SECRET")
                        || e.name().contains("TOKEN")
                        || e.name().endsWith("VALUE"))
                .extracting(ConfigLoader.Entry::display)
                .containsOnly("****");
    }
}
