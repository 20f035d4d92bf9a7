package dev.edm.notify;

import dev.edm.alerts.Alert;
import dev.edm.config.EmailSettings;
import dev.edm.config.NotifySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The receivers and the routes that pick them for an alert. Without a routes file everything goes to
 * {@code EMAIL_RECIPIENTS} (when SMTP is configured); receivers of {@code EDM_WEBHOOK_URLS} always hear everything.
 */
public final class Routes {
    private final Map<String, Receiver> receivers;
    private final List<Route> routes;

    Routes(Map<String, Receiver> receivers, List<Route> routes) {
        this.receivers = Map.copyOf(receivers);
        this.routes = List.copyOf(routes);
    }

    /** Reads the routes file (when set) and adds the receivers of the environment; bad file: ConfigException. */
    static Routes load(Optional<Path> file, EmailSettings email, NotifySettings settings) {
        Map<String, Receiver> receivers = new LinkedHashMap<>();
        List<Route> routes = new ArrayList<>();
        if (file.isPresent()) {
            RoutesFile.read(file.get(), receivers, routes);
        } else if (email.smtpServer().isPresent() && !email.recipients().isEmpty()) {
            receivers.put(
                    "email",
                    new Receiver(
                            "email", ChannelKind.EMAIL, email.recipients(), Optional.empty(), Optional.empty(), false));
            routes.add(Route.everything(List.of("email")));
        }
        int n = 0;
        for (NotifySettings.WebhookTarget hook : settings.webhooks()) {
            String name = "webhook-" + (++n);
            receivers.put(
                    name,
                    new Receiver(
                            name,
                            ChannelKind.WEBHOOK,
                            List.of(hook.url().toString()),
                            hook.secret(),
                            Optional.empty(),
                            false));
            routes.add(Route.everything(List.of(name)));
        }
        return new Routes(receivers, routes);
    }

    /** The receivers of every route that matches, each once, in the order the routes name them. */
    List<Receiver> select(Alert alert) {
        Map<String, Receiver> chosen = new LinkedHashMap<>();
        for (Route r : routes) {
            if (r.matches(alert)) {
                for (String name : r.receivers()) {
                    chosen.putIfAbsent(name, receivers.get(name));
                }
            }
        }
        return List.copyOf(chosen.values());
    }

    Optional<Receiver> receiver(String name) {
        return Optional.ofNullable(receivers.get(name));
    }

    /** The first receiver of a channel, for {@code edm notify test}. */
    Optional<Receiver> first(ChannelKind kind) {
        return receivers.values().stream().filter(r -> r.channel() == kind).findFirst();
    }

    public List<Receiver> receivers() {
        return List.copyOf(receivers.values());
    }
}
