package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.platform.PersonalData;
import dev.edm.platform.PersonalDataRules;
import dev.edm.platform.WebhookAdapter;
import dev.edm.storage.InLists;
import dev.edm.storage.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
    private final Prepared<Screened> screened = new Prepared<>(this::screen);

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

    /** Reading who the deliveries name is pure: done ahead, on every core, like the wrapped handler's work. */
    @Override
    public void prepare(List<StoredDelivery> deliveries) {
        screened.prepare(deliveries);
        next.prepare(deliveries);
    }

    private static final int SUBJECT_CHUNK = 128;

    /**
     * A delivery with what its body says about people, read before the transaction's sequential part: the
     * hashes of the people it names and, for a request to forget someone, of those to forget. {@code rules} is
     * null for platforms without personal-data rules.
     */
    private record Screened(
            StoredDelivery delivery, PersonalDataRules rules, Set<String> subjects, Set<String> forget) {
        boolean request() {
            return rules != null
                    && (!forget.isEmpty()
                            || rules.storeErasure(delivery.topic())
                            || rules.dataRequest(delivery.topic()));
        }
    }

    private Screened screen(StoredDelivery delivery) {
        WebhookAdapter adapter = adapters.get(delivery.platform());
        PersonalDataRules rules =
                adapter == null ? null : adapter.personalData().orElse(null);
        if (rules == null) {
            return new Screened(delivery, null, Set.of(), Set.of());
        }
        return new Screened(
                delivery,
                rules,
                hashes(rules.subjects(delivery.topic(), delivery.body())),
                hashes(rules.erasureRequest(delivery.topic(), delivery.body())));
    }

    /**
     * Deliveries go on to the wrapped handler together (it writes in bulk), their people indexed first (in
     * bulk too); a request (erase a person or a store, or tell what we hold) is handled on its own, in order,
     * after the run before it.
     */
    @Override
    public List<Outcome> handleAll(Session session, List<StoredDelivery> deliveries) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>(deliveries.size());
        List<Screened> run = new ArrayList<>();
        for (Screened delivery : screened.take(deliveries)) {
            if (!delivery.request()) {
                run.add(delivery);
                continue;
            }
            handleRun(session, run, outcomes);
            outcomes.add(request(session, delivery));
        }
        handleRun(session, run, outcomes);
        return outcomes;
    }

    /** Indexes a run's people, then hands the run to the wrapped handler; empties the run. */
    private void handleRun(Session session, List<Screened> run, List<Outcome> outcomes) throws SQLException {
        if (run.isEmpty()) {
            return;
        }
        index(session, run);
        outcomes.addAll(
                next.handleAll(session, run.stream().map(Screened::delivery).toList()));
        run.clear();
    }

    /** Handles a privacy request (the run before it already applied). */
    private Outcome request(Session session, Screened request) throws SQLException {
        StoredDelivery delivery = request.delivery();
        if (request.rules().storeErasure(delivery.topic())) {
            return eraseStore(session, delivery);
        }
        if (request.rules().dataRequest(delivery.topic())) {
            index(session, List.of(request));
            return new Outcome(
                    DeliveryStatus.PROCESSED,
                    "data request recorded; edm privacy export lists the stored deliveries naming the person");
        }
        return erase(session, delivery, request.rules(), request.forget());
    }

    /**
     * Indexes the people the deliveries name (one batch of inserts); redacts at once each delivery naming one
     * who was erased before (looked up only when someone of that platform ever was).
     */
    private static void index(Session session, List<Screened> deliveries) throws SQLException {
        List<Object[]> refs = new ArrayList<>();
        Map<String, Set<String>> subjectsByPlatform = new HashMap<>();
        for (Screened d : deliveries) {
            String platform = d.delivery().platform().id();
            for (String subject : d.subjects()) {
                refs.add(new Object[] {platform, subject, d.delivery().id()});
                subjectsByPlatform
                        .computeIfAbsent(platform, k -> new HashSet<>())
                        .add(subject);
            }
        }
        if (refs.isEmpty()) {
            return;
        }
        session.batch(
                "INSERT INTO personal_ref (platform, subject, delivery_id) VALUES (?, ?, ?) "
                        + "ON CONFLICT (platform, subject, delivery_id) DO NOTHING",
                refs);
        Set<String> erased = erasedSubjects(session, subjectsByPlatform);
        if (erased.isEmpty()) {
            return;
        }
        for (Screened d : deliveries) {
            String platform = d.delivery().platform().id();
            if (d.subjects().stream().anyMatch(subject -> erased.contains(platform + " " + subject))) {
                // names someone whose data was already erased: keep none of it
                StoredDelivery delivery = d.delivery();
                redact(session, d.rules(), delivery.id(), delivery.topic(), delivery.body());
                session.update("DELETE FROM personal_ref WHERE delivery_id = ?", delivery.id());
            }
        }
    }

    /** Which of these subjects were erased before, as "platform subject". */
    private static Set<String> erasedSubjects(Session session, Map<String, Set<String>> subjectsByPlatform)
            throws SQLException {
        Set<String> erased = new HashSet<>();
        for (Map.Entry<String, Set<String>> e : subjectsByPlatform.entrySet()) {
            String platform = e.getKey();
            if (session.queryOne("SELECT 1 FROM erased_subject WHERE platform = ? LIMIT 1", rs -> true, platform)
                    .isEmpty()) {
                continue; // nobody of this platform was ever erased
            }
            for (Object[] chunk : InLists.chunks(new ArrayList<>(e.getValue()), SUBJECT_CHUNK, platform)) {
                erased.addAll(session.query(
                        "SELECT subject FROM erased_subject WHERE platform = ? AND subject IN ("
                                + InLists.placeholders(SUBJECT_CHUNK) + ")",
                        rs -> platform + " " + rs.getString(1),
                        chunk));
            }
        }
        return erased;
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
                    "SELECT d.topic, b.body FROM delivery d JOIN delivery_body b ON b.delivery_id = d.id WHERE d.id = ?",
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
        session.update("UPDATE delivery_body SET body = ? WHERE delivery_id = ?", rules.redact(topic, body), id);
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
