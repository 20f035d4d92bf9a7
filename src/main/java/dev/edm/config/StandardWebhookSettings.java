package dev.edm.config;

import java.util.List;

/**
 * Standard Webhooks senders: the {@code whsec_} secrets of each source (the {@code {source}} of
 * {@code /webhook/standard/{source}}). Several secrets for one source are all accepted, for rotation.
 */
public record StandardWebhookSettings(StoreSecrets secrets) {
    public static final StandardWebhookSettings NONE = new StandardWebhookSettings(StoreSecrets.NONE);

    /** The secrets that may have signed a delivery from this source. */
    public List<String> secretsFor(String source) {
        return secrets.secretsFor(source);
    }

    public boolean anySecret() {
        return secrets.anySecret();
    }
}
