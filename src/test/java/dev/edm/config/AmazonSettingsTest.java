package dev.edm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmazonSettingsTest {
    static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/sp-api";

    static AmazonSettings amazon(Map<String, String> env) {
        return new ConfigLoader(env, Map.of()).build().amazon();
    }

    static ConfigException failure(Map<String, String> env) {
        return catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(env, Map.of()).build());
    }

    @Test
    void nothingIsConfiguredByDefault() {
        AmazonSettings a = amazon(Map.of());
        assertThat(a.forwardSecrets().anySecret()).isFalse();
        assertThat(a.queue()).isEmpty();
    }

    @Test
    void forwardSecretsRotateAndMayBePerSeller() {
        AmazonSettings a = amazon(Map.of(
                "EDM_AMAZON_FORWARD_SECRET", "old, new",
                "EDM_AMAZON_FORWARD_SECRETS", "A3TH9S8BH6GOGM:seller-secret"));
        assertThat(a.forwardSecrets().secretsFor("A1OTHER")).containsExactly("old", "new");
        assertThat(a.forwardSecrets().secretsFor("A3TH9S8BH6GOGM")).containsExactly("seller-secret");
        assertThat(a.toString()).doesNotContain("old", "new", "seller-secret");
    }

    @ParameterizedTest
    @CsvSource({
        "https://sqs.eu-west-1.amazonaws.com/123456789012/q, eu-west-1",
        "https://sqs-fips.us-east-1.amazonaws.com/123456789012/q, us-east-1",
        "https://us-west-2.queue.amazonaws.com/123456789012/q, us-west-2",
        "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q, cn-north-1"
    })
    void theRegionIsReadFromTheQueueUrl(String url, String region) {
        assertThat(amazon(Map.of("EDM_AMAZON_SQS_QUEUE_URL", url))
                        .queue()
                        .orElseThrow()
                        .region())
                .isEqualTo(region);
    }

    @Test
    void anExplicitRegionWinsThenAwsRegion() {
        assertThat(amazon(Map.of(
                                "EDM_AMAZON_SQS_QUEUE_URL",
                                QUEUE,
                                "EDM_AMAZON_REGION",
                                "us-east-2",
                                "AWS_REGION",
                                "ap-south-1"))
                        .queue()
                        .orElseThrow()
                        .region())
                .isEqualTo("us-east-2");
        assertThat(amazon(Map.of("EDM_AMAZON_SQS_QUEUE_URL", QUEUE, "AWS_REGION", "ap-south-1"))
                        .queue()
                        .orElseThrow()
                        .region())
                .isEqualTo("ap-south-1");
    }

    @Test
    void anEndpointOverrideWithStaticCredentialsIsForCompatibleServers() {
        AmazonSettings.Queue q = amazon(Map.of(
                        "EDM_AMAZON_SQS_QUEUE_URL", "http://127.0.0.1:9324/000000000000/q",
                        "EDM_AMAZON_SQS_ENDPOINT", "http://127.0.0.1:9324",
                        "EDM_AMAZON_ACCESS_KEY_ID", "key",
                        "EDM_AMAZON_SECRET_ACCESS_KEY", "very-secret"))
                .queue()
                .orElseThrow();
        assertThat(q.endpoint()).contains(URI.create("http://127.0.0.1:9324"));
        assertThat(q.region()).isEqualTo("us-east-1");
        assertThat(q.accessKeyId()).contains("key");
        assertThat(q.toString()).doesNotContain("very-secret");
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThat(failure(Map.of("EDM_AMAZON_SQS_QUEUE_URL", "sp-api")).variable())
                .isEqualTo("EDM_AMAZON_SQS_QUEUE_URL");
        assertThat(failure(Map.of("EDM_AMAZON_SQS_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/"))
                        .variable())
                .isEqualTo("EDM_AMAZON_SQS_QUEUE_URL");
        assertThat(failure(Map.of("EDM_AMAZON_SQS_QUEUE_URL", "https://queue.example.com/1/q"))
                        .variable())
                .isEqualTo("EDM_AMAZON_REGION");
        assertThat(failure(Map.of("EDM_AMAZON_SQS_QUEUE_URL", QUEUE, "EDM_AMAZON_SQS_ENDPOINT", "localhost:9324"))
                        .variable())
                .isEqualTo("EDM_AMAZON_SQS_ENDPOINT");
        assertThat(failure(Map.of("EDM_AMAZON_SQS_QUEUE_URL", QUEUE, "EDM_AMAZON_ACCESS_KEY_ID", "key"))
                        .variable())
                .isEqualTo("EDM_AMAZON_SECRET_ACCESS_KEY");
    }

    @Test
    void checkConfigMasksTheSecrets() {
        var inspection = new ConfigLoader(
                        Map.of("EDM_AMAZON_FORWARD_SECRET", "s3cret", "EDM_AMAZON_SECRET_ACCESS_KEY", "k3y"), Map.of())
                .inspection();
        List<String> shown =
                inspection.entries().stream().map(ConfigLoader.Entry::display).toList();
        assertThat(shown).doesNotContain("s3cret", "k3y").contains("****");
    }
}
