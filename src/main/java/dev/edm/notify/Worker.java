package dev.edm.notify;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox: forms due digests, claims due rows, sends each through its channel behind a circuit breaker
 * per receiver, and records the outcome in the row (sent; retry at a backoff with jitter or the peer's
 * Retry-After; dead after the attempt limit or a permanent refusal). The retry state lives in the row, so it
 * survives restarts.
 */
final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    static final int BATCH = 50;
    /** The kind of summary rows: their payload is the rendered {@link Summary}, sent to the row's address. */
    static final String SUMMARY = "summary";

    static final Duration CLAIM = Duration.ofMinutes(2);
    static final Duration OPEN_CIRCUIT_WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofSeconds(1);

    /** Called after a send returned, before its outcome is recorded (tests simulate a crash there). */
    @FunctionalInterface
    interface AfterSend {
        AfterSend NONE = row -> {};

        void sent(Notification row);
    }

    private final Outbox outbox;
    private final Routes routes;
    private final Map<ChannelKind, Channel> channels;
    private final Clock clock;
    private final int maxAttempts;
    private final IntervalFunction backoff;
    private final CircuitBreakerRegistry breakers;
    private final AfterSend afterSend;
    private final String owner = java.util.UUID.randomUUID().toString();
    private volatile Thread thread;

    Worker(
            Outbox outbox,
            Routes routes,
            Map<ChannelKind, Channel> channels,
            Clock clock,
            int maxAttempts,
            AfterSend afterSend) {
        this.outbox = outbox;
        this.routes = routes;
        this.channels = Map.copyOf(channels);
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.afterSend = afterSend;
        this.backoff =
                IntervalFunction.ofExponentialRandomBackoff(Duration.ofSeconds(30), 2.0, 0.5, Duration.ofHours(2));
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindow(4, 4, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(50)
                .waitDurationInOpenState(OPEN_CIRCUIT_WAIT)
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
    }

    /** One pass: due digests formed, then up to one batch of due messages sent; returns how many were tried. */
    int runOnce() {
        outbox.formDigests(clock.millis());
        List<Outbox.Claimed> claimed = outbox.claim(clock.millis(), BATCH, CLAIM.toMillis(), owner);
        for (Outbox.Claimed c : claimed) {
            deliver(c);
        }
        return claimed.size();
    }

    private void deliver(Outbox.Claimed c) {
        Notification row = c.row();
        boolean summary = row.kind().equals(SUMMARY);
        Receiver receiver = summary
                ? new Receiver(
                        row.receiver(),
                        ChannelKind.EMAIL,
                        List.of(row.address()),
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        false)
                : routes.receiver(row.receiver()).orElse(null);
        if (receiver == null
                || receiver.channel() != ChannelKind.fromId(row.channel()).orElse(null)) {
            outbox.markDead(
                    row.id(),
                    row.attempts(),
                    "receiver " + row.receiver() + " is no longer configured as " + row.channel()
                            + " (EDM_ROUTES_FILE)");
            return;
        }
        if (!outbox.renew(row.id(), owner, clock.millis(), CLAIM.toMillis())) {
            return; // a slow batch outlived its claim and another worker has the row now
        }
        CircuitBreaker breaker = breakers.circuitBreaker(receiver.name());
        if (!breaker.tryAcquirePermission()) {
            outbox.defer(
                    row.id(),
                    clock.millis() + OPEN_CIRCUIT_WAIT.toMillis(),
                    "held, not counted as an attempt: receiver " + receiver.name()
                            + " failed repeatedly (circuit open)");
            return;
        }
        Message m = summary
                ? Summary.fromJson(c.payload()).message(row.key())
                : Messages.render(row.key(), row.kind(), Item.listFromJson(c.payload()));
        long started = System.nanoTime();
        SendResult result;
        try {
            result = channels.get(receiver.channel()).send(receiver, row.address(), m);
        } catch (RuntimeException e) {
            result = SendResult.Failed.retry("unexpected failure: " + e);
        }
        long took = System.nanoTime() - started;
        afterSend.sent(row);
        int attempts = row.attempts() + 1;
        switch (result) {
            case SendResult.Sent sent -> {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                outbox.markSent(row.id(), attempts, clock.millis());
                log.info("notification {} sent to {} ({})", row.id(), receiver.name(), sent.detail());
            }
            case SendResult.Failed f -> {
                breaker.onError(took, TimeUnit.NANOSECONDS, new DeliveryFailure(f.error()));
                if (f.permanent() || attempts >= maxAttempts) {
                    String why = f.permanent() ? f.error() : f.error() + " (gave up after " + attempts + " attempts)";
                    outbox.markDead(row.id(), attempts, why);
                    log.warn("notification {} to {} is dead: {}", row.id(), receiver.name(), why);
                } else {
                    long wait = backoff.apply(attempts);
                    if (f.retryAfter().isPresent()) {
                        wait = Math.max(wait, f.retryAfter().get().toMillis());
                    }
                    outbox.retryLater(row.id(), attempts, clock.millis() + wait, f.error());
                    log.info(
                            "notification {} to {} failed (attempt {}), retry in {} s: {}",
                            row.id(),
                            receiver.name(),
                            attempts,
                            wait / 1000,
                            f.error());
                }
            }
        }
    }

    void start() {
        if (thread != null) {
            return;
        }
        thread = Thread.ofVirtual().name("edm-notify").start(this::loop);
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (runOnce() > 0) {
                    continue;
                }
            } catch (RuntimeException e) {
                log.warn("notification worker: {}", e.getMessage());
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(35));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A failed send as the circuit breaker counts it. */
    static final class DeliveryFailure extends RuntimeException {
        DeliveryFailure(String message) {
            super(message, null, false, false);
        }
    }
}
