package dev.edm.notify;

import dev.edm.alerts.Alert;
import dev.edm.alerts.AlertNotice;
import dev.edm.alerts.AlertSink;
import dev.edm.storage.Session;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The {@link AlertSink}: writes the outbox rows a notice needs in the caller's transaction. Critical notices
 * (and every event for webhook receivers) are sent at once; warning and info notices are held for the next
 * digest (after the receiver's quiet hours); resolved notices reach people for critical alerts only.
 */
final class OutboxSink implements AlertSink {
    private final Routes routes;
    private final DigestSchedule schedule;
    private final Clock clock;

    OutboxSink(Routes routes, DigestSchedule schedule, Clock clock) {
        this.routes = routes;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Override
    public void accept(Session session, AlertNotice notice) throws SQLException {
        Alert a = notice.alert();
        boolean critical = "critical".equals(a.severity());
        long now = clock.millis();
        String payload = null;
        for (Receiver r : routes.select(a)) {
            if (r.criticalOnly() && !critical) {
                continue;
            }
            boolean immediate = critical || r.hearsEveryEvent();
            if (!immediate && notice.kind() == AlertNotice.Kind.RESOLVED) {
                continue;
            }
            long due =
                    immediate ? now : schedule.due(clock.instant(), r.quiet()).toEpochMilli();
            if (payload == null) {
                payload = Item.of(notice).toJson();
            }
            for (String address : r.channel() == ChannelKind.SMS ? r.addresses() : List.of("")) {
                String key = notice.key() + ":" + r.name() + (address.isEmpty() ? "" : ":" + address);
                Outbox.insert(
                        session,
                        new Outbox.NewRow(
                                key,
                                a.store(),
                                a.id(),
                                r.name(),
                                r.channel(),
                                address,
                                notice.kind().name().toLowerCase(java.util.Locale.ROOT),
                                a.severity(),
                                payload,
                                immediate ? Outbox.PENDING : Outbox.HELD,
                                due),
                        now);
            }
        }
    }
}
