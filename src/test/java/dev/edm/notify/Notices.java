package dev.edm.notify;

import dev.edm.alerts.Alert;
import dev.edm.alerts.AlertNotice;
import dev.edm.alerts.Rule;
import dev.edm.config.EmailSettings;
import dev.edm.config.NotifySettings;
import dev.edm.storage.Database;
import dev.edm.storage.Session;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Alert notices and settings for the notify tests. */
final class Notices {
    static final String STORE = "shopify:shop-a.myshopify.com";

    private Notices() {}

    static AlertNotice firing(long id, Rule rule, String sku, int current, Instant at) {
        Alert a = new Alert(
                id,
                rule,
                rule.severity(),
                STORE,
                "v" + id,
                "",
                sku,
                "Product " + sku,
                "open",
                at,
                null,
                rule == Rule.OUT_OF_STOCK ? "out of stock" : "stock " + current + " at or below 5",
                null,
                current,
                5,
                "firing",
                null,
                null,
                null,
                null);
        return new AlertNotice(AlertNotice.Kind.FIRING, a, at);
    }

    static AlertNotice resolved(AlertNotice firing, Instant at) {
        Alert f = firing.alert();
        Alert a = new Alert(
                f.id(),
                f.rule(),
                f.severity(),
                f.store(),
                f.variantId(),
                f.locationId(),
                f.sku(),
                f.title(),
                "resolved",
                f.openedAt(),
                at,
                f.reason(),
                "restocked",
                20,
                f.threshold(),
                "resolved",
                null,
                null,
                null,
                null);
        return new AlertNotice(AlertNotice.Kind.RESOLVED, a, at);
    }

    /** Accepts notices into the outbox in one transaction, the way the alert lifecycle calls the sink. */
    static void accept(Database db, Notifications n, List<AlertNotice> notices) {
        db.transaction(c -> {
            try (Session s = new Session(c)) {
                for (AlertNotice notice : notices) {
                    n.sink().accept(s, notice);
                }
            }
            return null;
        });
    }

    static NotifySettings settings(
            Optional<Path> routes, List<NotifySettings.WebhookTarget> webhooks, int maxAttempts, String digest) {
        return settings(routes, webhooks, maxAttempts, digest, Optional.empty(), "https://api.twilio.com");
    }

    static NotifySettings settings(
            Optional<Path> routes,
            List<NotifySettings.WebhookTarget> webhooks,
            int maxAttempts,
            String digest,
            Optional<NotifySettings.Twilio> twilio,
            String twilioBase) {
        return new NotifySettings(
                Optional.empty(),
                Optional.empty(),
                Optional.of("*"),
                NotifySettings.digest(digest, e -> {
                    throw e;
                }),
                ZoneId.of("UTC"),
                routes,
                twilio,
                java.net.URI.create(twilioBase),
                webhooks,
                maxAttempts);
    }

    static EmailSettings noEmail() {
        return new EmailSettings(Optional.empty(), 465, Optional.empty(), Optional.empty(), List.of());
    }
}
