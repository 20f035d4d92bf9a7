package dev.edm.config;

import java.net.URI;
import java.util.Optional;

/**
 * eBay settings, all from one developer keyset (eBay's keys belong to the application, not to a store):
 * OAuth client credentials for the Notification API's public-key endpoint, the endpoint-validation token
 * and URL, and the legacy Platform Notifications keys (App ID = client id, Cert ID = client secret).
 *
 * @param apiBase eBay's REST base URL (production {@code https://api.ebay.com}, sandbox
 *     {@code https://api.sandbox.ebay.com}; tests point it at a local server)
 * @param endpointUrl the notification endpoint exactly as registered with eBay (the challenge hashes it)
 * @param store the store of deliveries that name no seller
 */
public record EbaySettings(
        Optional<String> clientId,
        Optional<String> clientSecret,
        Optional<String> verificationToken,
        Optional<String> endpointUrl,
        Optional<String> devId,
        Optional<String> appId,
        Optional<String> certId,
        URI apiBase,
        Optional<String> store) {
    public static final String DEFAULT_API_BASE = "https://api.ebay.com";

    /** Whether the Notification API's signatures can be checked (client credentials for the key endpoint). */
    public boolean notificationApiConfigured() {
        return clientId.isPresent() && clientSecret.isPresent();
    }

    /** Whether legacy Platform Notifications can be checked (the whole keyset). */
    public boolean platformNotificationsConfigured() {
        return devId.isPresent() && appId.isPresent() && certId.isPresent();
    }

    @Override
    public String toString() {
        return "EbaySettings[clientId=" + clientId.orElse("(none)") + ", clientSecret="
                + (clientSecret.isPresent() ? "****" : "(none)") + ", verificationToken="
                + (verificationToken.isPresent() ? "****" : "(none)") + ", endpointUrl="
                + endpointUrl.orElse("(none)") + ", devId=" + devId.orElse("(none)") + ", appId="
                + appId.orElse("(none)") + ", certId=" + (certId.isPresent() ? "****" : "(none)") + ", apiBase="
                + apiBase + ", store=" + store.orElse("(none)") + "]";
    }
}
