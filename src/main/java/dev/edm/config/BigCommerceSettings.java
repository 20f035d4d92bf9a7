package dev.edm.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * BigCommerce settings: the app client secret(s) that sign webhooks (default and per store hash), the API
 * token of each store (for reading the orders and products that thin webhooks name), the API base URL, and an
 * optional custom header the webhooks were registered with.
 */
public record BigCommerceSettings(
        StoreSecrets clientSecrets, StoreSecrets tokens, URI apiBase, Optional<AuthHeader> authHeader) {
    public static final URI DEFAULT_API_BASE = URI.create("https://api.bigcommerce.com");

    /** A header name (lower case) and value every callback must carry, as given at hook creation. */
    public record AuthHeader(String name, String value) {
        @Override
        public String toString() {
            return "AuthHeader[name=" + name + ", value=****]";
        }
    }

    /** The client secrets that may have signed a delivery from this store (its own, else the defaults). */
    public List<String> secretsFor(String storeHash) {
        return clientSecrets.secretsFor(storeHash);
    }

    /** The API token of a store (the first one configured for it). */
    public Optional<String> tokenFor(String storeHash) {
        return tokens.secretsFor(storeHash).stream().findFirst();
    }

    public boolean anySecret() {
        return clientSecrets.anySecret();
    }

    @Override
    public String toString() {
        return "BigCommerceSettings[clientSecrets=" + clientSecrets + ", tokens=" + tokens + ", apiBase=" + apiBase
                + ", authHeader=" + authHeader.map(AuthHeader::name).orElse("(none)") + "]";
    }
}
