package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.platform.PersonalData;
import dev.edm.platform.PersonalDataRules;
import dev.edm.platform.WebhookAdapter;
import dev.edm.storage.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out platforms' requests to forget a person, around the handler that gives deliveries their meaning.
 * For platforms with {@link PersonalDataRules}, every delivery's people are indexed by hash
 * ({@code personal_ref}); an erasure request redacts each stored delivery naming the person (and itself), and
 * remembers the hashes ({@code erased_subject}) so deliveries naming them that are processed later are
 * redacted too. Redaction keeps ids, SKUs, quantities and prices, so replay still derives the same state.
 */
public final class ErasingHandler implements DeliveryHandler {
    private static final Logger log = LoggerFactory.getLogger(ErasingHandler.class);

    private final Map<Platform, WebhookAdapter> adapters;
    private final StoreEraser storeEraser;
    private final DeliveryHandler next;

    /** Erases a store's derived state (every row keyed by the store key) inside the request's transaction. */
    @FunctionalInterface
    public interface StoreEraser {
        void erase(Session session, String storeKey) throws SQLException;
    }

    public ErasingHandler(Map<Platform, WebhookAdapter> adapters, DeliveryHandler next) {
        this(adapters, (s, store) -> {}, next);
    }

    public ErasingHandler(Map<Platform, WebhookAdapter> adapters, StoreEraser storeEraser, DeliveryHandler next) {
        this.adapters = Map.copyOf(adapters);
        this.storeEraser = storeEraser;
        this.next = next;
    }

    @Override
    public Outcome handle(Session session, StoredDelivery delivery) throws SQLException {
        return handleAll(session, List.of(delivery)).get(0);
    }

    @Override
    public void prepare(List<StoredDelivery> deliveries) {
        next.prepare(deliveries);
    }

    /**
     * Deliveries go on to the wrapped handler together (it writes in bulk), their people indexed first; a
     * request (erase a person or a store, or tell what we hold) is handled on its own, in order, after the run
     * before it.
     */
    @Override
    public List<Outcome> handleAll(Session session, List<StoredDelivery> deliveries) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>(deliveries.size());
        List<StoredDelivery> run = new ArrayList<>();
        for (StoredDelivery delivery : deliveries) {
            WebhookAdapter adapter = adapters.get(delivery.platform());
            Optional<PersonalDataRules> rules = adapter == null ? Optional.empty() : adapter.personalData();
            if (rules.isEmpty()) {
                run.add(delivery);
                continue;
            }
            Optional<Outcome> request = request(session, delivery, rules.get(), run, outcomes);
            if (request.isPresent()) {
                outcomes.add(request.get());
            } else {
                index(session, delivery, rules.get());
                run.add(delivery);
            }
        }
        if (!run.isEmpty()) {
            outcomes.addAll(next.handleAll(session, run));
        }
        return outcomes;
    }

    /** Handles a privacy request (after applying the run before it); empty when the delivery is none. */
    private Optional<Outcome> request(
            Session session,
            StoredDelivery delivery,
            PersonalDataRules rules,
            List<StoredDelivery> run,
            List<Outcome> outcomes)
            throws SQLException {
        Set<String> forget = hashes(rules.erasureRequest(delivery.topic(), delivery.body()));
        boolean store = rules.storeErasure(delivery.topic());
        boolean dataRequest = rules.dataRequest(delivery.topic());
        if (forget.isEmpty() && !store && !dataRequest) {
            return Optional.empty();
        }
        if (!run.isEmpty()) {
            outcomes.addAll(next.handleAll(session, run));
            run.clear();
        }
        if (store) {
            return Optional.of(eraseStore(session, delivery));
        }
        if (dataRequest) {
            index(session, delivery, rules);
            return Optional.of(new Outcome(
                    DeliveryStatus.PROCESSED,
                    "data request recorded; edm privacy export lists the stored deliveries naming the person"));
        }
        return Optional.of(erase(session, delivery, rules, forget));
    }

    /** Indexes the people a delivery names; redacts it at once when one of them was erased before. */
    private void index(Session session, StoredDelivery delivery, PersonalDataRules rules) throws SQLException {
        String platform = delivery.platform().id();
        boolean erased = false;
        for (String subject : hashes(rules.subjects(delivery.topic(), delivery.body()))) {
            erased |= session.queryOne(
                            "SELECT 1 FROM erased_subject WHERE platform = ? AND subject = ?",
                            rs -> true,
                            platform,
                            subject)
                    .isPresent();
            session.update(
                    "INSERT INTO personal_ref (platform, subject, delivery_id) VALUES (?, ?, ?) "
                            + "ON CONFLICT (platform, subject, delivery_id) DO NOTHING",
                    platform,
                    subject,
                    delivery.id());
        }
        if (erased) {
            // names someone whose data was already erased: keep none of it
            redact(session, rules, delivery.id(), delivery.topic(), delivery.body());
            session.update("DELETE FROM personal_ref WHERE delivery_id = ?", delivery.id());
        }
    }

    /** Deletes every other delivery of the store and all state derived for it; the request itself is kept. */
    private Outcome eraseStore(Session session, StoredDelivery request) throws SQLException {
        String platform = request.platform().id();
        String where = " WHERE delivery_id IN (SELECT id FROM delivery WHERE platform = ? AND store = ? AND id <> ?)";
        session.update("DELETE FROM personal_ref" + where, platform, request.store(), request.id());
        session.update("DELETE FROM fetch_job WHERE platform = ? AND store = ?", platform, request.store());
        int deleted = session.update(
                "DELETE FROM delivery WHERE platform = ? AND store = ? AND id <> ?",
                platform,
                request.store(),
                request.id());
        storeEraser.erase(session, platform + ":" + request.store());
        log.info("store erasure request: {} deliveries and the derived state of a {} store erased", deleted, platform);
        return new Outcome(
                DeliveryStatus.PROCESSED, "erased " + deleted + " stored deliveries and all state of the store");
    }

    private Outcome erase(Session session, StoredDelivery request, PersonalDataRules rules, Set<String> forget)
            throws SQLException {
        String platform = request.platform().id();
        Set<Long> deliveries = new TreeSet<>();
        for (String subject : forget) {
            deliveries.addAll(session.query(
                    "SELECT delivery_id FROM personal_ref WHERE platform = ? AND subject = ?",
                    rs -> rs.getLong(1),
                    platform,
                    subject));
        }
        for (long id : deliveries) {
            Optional<Object[]> stored = session.queryOne(
                    "SELECT topic, body FROM delivery WHERE id = ?",
                    rs -> new Object[] {rs.getString(1), rs.getBytes(2)},
                    id);
            if (stored.isPresent()) {
                redact(session, rules, id, (String) stored.get()[0], (byte[]) stored.get()[1]);
            }
            // the redacted body names nobody any more
            session.update("DELETE FROM personal_ref WHERE delivery_id = ?", id);
        }
        if (!deliveries.isEmpty()) {
            for (String subject : forget) {
                session.update(
                        "INSERT INTO erased_subject (platform, subject, erased_at) VALUES (?, ?, ?) "
                                + "ON CONFLICT (platform, subject) DO NOTHING",
                        platform,
                        subject,
                        request.receivedAt().toEpochMilli());
            }
            log.info(
                    "erasure request: personal data removed from {} stored {} deliveries", deliveries.size(), platform);
        }
        redact(session, rules, request.id(), request.topic(), request.body());
        return new Outcome(
                DeliveryStatus.PROCESSED,
                deliveries.size() == 1
                        ? "erased personal data from 1 stored delivery"
                        : "erased personal data from " + deliveries.size() + " stored deliveries");
    }

    private static void redact(Session session, PersonalDataRules rules, long id, String topic, byte[] body)
            throws SQLException {
        session.update("UPDATE delivery SET body = ? WHERE id = ?", rules.redact(topic, body), id);
    }

    /** SHA-256 of each identifier, trimmed and lower-cased (user names are case-insensitive); masks are skipped. */
    static Set<String> hashes(Set<String> identifiers) {
        Set<String> hashes = new TreeSet<>();
        for (String identifier : identifiers) {
            if (identifier == null) {
                continue;
            }
            String normal = identifier.strip().toLowerCase(Locale.ROOT);
            if (normal.isEmpty() || normal.equals(PersonalData.MASK)) {
                continue;
            }
            hashes.add(sha256(normal));
        }
        return hashes;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
