package dev.edm.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon SP-API notifications: the shared secrets of HTTPS forwarders (EventBridge API destinations, Lambda
 * forwarders), several for rotation, optionally per seller; and the SQS queue to poll, when one is configured.
 */
public record AmazonSettings(StoreSecrets forwardSecrets, Optional<Queue> queue) {
    private static final Pattern REGION_IN_HOST =
            Pattern.compile("(?:sqs(?:-fips)?\\.([a-z0-9-]+)|([a-z0-9-]+)\\.queue)\\.amazonaws\\.com(?:\\.cn)?");

    public AmazonSettings {
        Objects.requireNonNull(forwardSecrets, "forwardSecrets");
        Objects.requireNonNull(queue, "queue");
    }

    /**
     * An SQS queue: its URL, the region to sign for, an endpoint override (SQS-compatible servers, tests) and
     * static credentials; without them the AWS default credentials chain applies.
     */
    public record Queue(
            String url,
            String region,
            Optional<URI> endpoint,
            Optional<String> accessKeyId,
            Optional<String> secretAccessKey) {

        public Queue {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(region, "region");
        }

        @Override
        public String toString() {
            return "Queue[url=" + url + ", region=" + region + ", endpoint="
                    + endpoint.map(URI::toString).orElse("(AWS)") + ", credentials="
                    + (accessKeyId.isPresent() ? "static" : "AWS default chain") + "]";
        }
    }

    /**
     * Builds the queue settings from the raw variables (null when unset).
     *
     * @throws ConfigException naming the variable that cannot be used
     */
    static Optional<Queue> queue(
            String url, String region, String awsRegion, String endpoint, String accessKeyId, String secretKey) {
        if (url == null) {
            return Optional.empty();
        }
        URI queueUri = httpUri("EDM_AMAZON_SQS_QUEUE_URL", url);
        if (queueUri.getPath() == null || queueUri.getPath().length() <= 1) {
            throw new ConfigException(
                    "EDM_AMAZON_SQS_QUEUE_URL",
                    "must be the queue's URL, https://sqs.REGION.amazonaws.com/ACCOUNT/NAME");
        }
        Optional<URI> endpointUri = Optional.ofNullable(endpoint).map(e -> httpUri("EDM_AMAZON_SQS_ENDPOINT", e));
        if ((accessKeyId == null) != (secretKey == null)) {
            throw new ConfigException(
                    accessKeyId == null ? "EDM_AMAZON_ACCESS_KEY_ID" : "EDM_AMAZON_SECRET_ACCESS_KEY",
                    "set both EDM_AMAZON_ACCESS_KEY_ID and EDM_AMAZON_SECRET_ACCESS_KEY, or neither "
                            + "(then the AWS default credentials chain applies)");
        }
        String chosen = region != null ? region : awsRegion != null ? awsRegion : regionOf(queueUri);
        if (chosen == null) {
            if (endpointUri.isEmpty()) {
                throw new ConfigException(
                        "EDM_AMAZON_REGION", "cannot tell the region from the queue URL; set EDM_AMAZON_REGION");
            }
            chosen = "us-east-1"; // SQS-compatible servers accept any region in the signature
        }
        return Optional.of(new Queue(
                url,
                chosen.toLowerCase(Locale.ROOT),
                endpointUri,
                Optional.ofNullable(accessKeyId),
                Optional.ofNullable(secretKey)));
    }

    private static String regionOf(URI uri) {
        Matcher m = REGION_IN_HOST.matcher(uri.getHost().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static URI httpUri(String variable, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new ConfigException(variable, "must be an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(variable, "not a valid URL: " + e.getReason());
        }
    }

    @Override
    public String toString() {
        return "AmazonSettings[forwardSecrets=" + forwardSecrets + ", queue="
                + queue.map(Queue::toString).orElse("(none)") + "]";
    }
}
