package dev.edm.notify;

import dev.edm.alerts.AlertSink;
import dev.edm.config.EmailSettings;
import dev.edm.config.NotifySettings;
import dev.edm.storage.Database;
import dev.edm.storage.Session;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alert notifications: the {@link AlertSink} that writes the durable outbox, the worker that delivers it by
 * email, Slack, SMS and outbound webhook, and the operations on it (list, resend, test message).
 */
public final class Notifications implements AutoCloseable {
    private final Outbox outbox;
    private final Routes routes;
    private final Map<ChannelKind, Channel> channels;
    private final OutboxSink sink;
    private final Worker worker;
    private final Clock clock;
    private final EmailSettings email;

    /** What a resend did. */
    public enum Resend {
        RESENT,
        NOT_FOUND,
        NOT_RESENDABLE
    }

    /** The outcome of a test message: sent, or exactly what failed. */
    public record TestResult(boolean ok, String detail) {}

    Notifications(
            Database db,
            Clock clock,
            EmailSettings email,
            NotifySettings settings,
            Map<ChannelKind, Channel> channels,
            Worker.AfterSend afterSend) {
        this.clock = clock;
        this.email = email;
        this.outbox = new Outbox(db);
        this.routes = Routes.load(settings.routesFile(), email, settings);
        this.channels = channels;
        this.sink = new OutboxSink(routes, new DigestSchedule(settings.digest(), settings.zone()), clock);
        this.worker = new Worker(outbox, routes, channels, clock, settings.maxAttempts(), afterSend);
    }

    /** Reads the routes (a bad routes file throws ConfigException naming EDM_ROUTES_FILE) and builds the channels. */
    public static Notifications open(Database db, Clock clock, EmailSettings email, NotifySettings settings) {
        return new Notifications(db, clock, email, settings, channels(clock, email, settings), Worker.AfterSend.NONE);
    }

    /** The receivers the settings define (routes file and environment); a bad routes file throws ConfigException. */
    public static List<Receiver> receivers(EmailSettings email, NotifySettings settings) {
        return Routes.load(settings.routesFile(), email, settings).receivers();
    }

    static Map<ChannelKind, Channel> channels(Clock clock, EmailSettings email, NotifySettings settings) {
        HttpPost http = new HttpPost(clock);
        Map<ChannelKind, Channel> m = new EnumMap<>(ChannelKind.class);
        m.put(ChannelKind.EMAIL, new EmailChannel(email, settings));
        m.put(ChannelKind.SLACK, new SlackChannel(http));
        m.put(ChannelKind.SMS, new SmsChannel(http, settings.twilio(), settings.twilioApiBase()));
        m.put(ChannelKind.WEBHOOK, new WebhookChannel(http, clock));
        return m;
    }

    /**
     * Deletes the store's notifications, sent or not (a platform's request to erase a shop); digests that
     * mixed several stores are kept.
     */
    public static void eraseStore(Session session, String store) throws SQLException {
        Outbox.eraseStore(session, store);
    }

    /** The sink to give the alert lifecycle: it writes outbox rows in the alert change's transaction. */
    public AlertSink sink() {
        return sink;
    }

    /** Starts the delivery worker (a virtual thread). */
    public void start() {
        worker.start();
    }

    /** One delivery pass (digests due, then due messages); returns how many messages were tried. */
    public int deliverDue() {
        return worker.runOnce();
    }

    public List<Receiver> receivers() {
        return routes.receivers();
    }

    /**
     * Enqueues a summary email, one outbox row per recipient keyed {@code summary-KEY:ADDRESS}, in one
     * transaction; returns the recipients it was new for (none when this summary was enqueued before).
     */
    public List<String> enqueueSummary(Summary summary, List<String> recipients) {
        String payload = summary.toJson();
        long now = clock.millis();
        List<Outbox.NewRow> rows = new ArrayList<>();
        for (String to : recipients) {
            rows.add(new Outbox.NewRow(
                    summaryKey(summary.key(), to),
                    "*",
                    null,
                    "summary",
                    ChannelKind.EMAIL,
                    to,
                    Worker.SUMMARY,
                    "info",
                    payload,
                    Outbox.PENDING,
                    now));
        }
        List<String> added = outbox.insertNew(rows, now);
        return recipients.stream()
                .filter(to -> added.contains(summaryKey(summary.key(), to)))
                .toList();
    }

    /** Whether the summary with this key was enqueued for every one of these recipients. */
    public boolean summaryEnqueued(String key, List<String> recipients) {
        return recipients.stream().allMatch(to -> outbox.exists(summaryKey(key, to)));
    }

    private static String summaryKey(String key, String to) {
        return "summary-" + key + ":" + to;
    }

    /** Messages newest first: all, or those with one status (held, digested, pending, sent, dead). */
    public List<Notification> list(Optional<String> status, int limit) {
        return outbox.list(status, limit);
    }

    /** Sends a dead (or sent) message again, with a fresh attempt count. */
    public Resend resend(long id) {
        Optional<String> status = outbox.resend(id, clock.millis());
        if (status.isEmpty()) {
            return Resend.NOT_FOUND;
        }
        return status.get().equals(Outbox.DEAD) || status.get().equals(Outbox.SENT)
                ? Resend.RESENT
                : Resend.NOT_RESENDABLE;
    }

    /** The status of one message, if it exists. */
    public Optional<Notification> find(long id) {
        return outbox.find(id).map(Outbox.Claimed::row);
    }

    /** Sends a test message now, outside the outbox, to {@code to} or the configured receiver of that channel. */
    public TestResult test(ChannelKind kind, Optional<String> to) {
        Receiver receiver;
        if (to.isPresent()) {
            List<String> addresses = kind == ChannelKind.EMAIL
                    ? Arrays.stream(to.get().split(",")).map(String::strip).toList()
                    : List.of(to.get());
            receiver = new Receiver("test", kind, addresses, Optional.empty(), Optional.empty(), false);
        } else if (kind == ChannelKind.EMAIL && !email.recipients().isEmpty()) {
            receiver = new Receiver("test", kind, email.recipients(), Optional.empty(), Optional.empty(), false);
        } else {
            Optional<Receiver> configured = routes.first(kind);
            if (configured.isEmpty()) {
                return new TestResult(
                        false,
                        "no " + kind.id() + " receiver is configured: pass --to, or add one to EDM_ROUTES_FILE"
                                + (kind == ChannelKind.EMAIL ? " or EMAIL_RECIPIENTS" : "")
                                + (kind == ChannelKind.WEBHOOK ? " or EDM_WEBHOOK_URLS" : ""));
            }
            receiver = configured.get();
        }
        Item item = new Item(
                0,
                "firing",
                "test_message",
                "info",
                "edm",
                "TEST",
                "edm test message",
                "a test from edm notify test: this channel works",
                null,
                null,
                clock.instant().toString(),
                clock.instant().toString());
        Message m = Messages.render("test-" + clock.millis(), "firing", List.of(item));
        List<String> sent = new ArrayList<>();
        for (String address : kind == ChannelKind.SMS ? receiver.addresses() : List.of("")) {
            SendResult r = channels.get(kind).send(receiver, address, m);
            if (r instanceof SendResult.Failed f) {
                return new TestResult(false, f.error());
            }
            sent.add(((SendResult.Sent) r).detail());
        }
        return new TestResult(
                true, "sent a test " + kind.id() + " message to " + receiver.name() + ": " + String.join("; ", sent));
    }

    @Override
    public void close() {
        worker.close();
    }
}
