package dev.mercato.ordering.saga;

import dev.mercato.ordering.domain.CheckoutSaga;
import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.OrderStatus;
import dev.mercato.ordering.domain.SagaCalls;
import dev.mercato.ordering.domain.SagaOrder;
import dev.mercato.ordering.domain.SagaState;
import dev.mercato.ordering.domain.SagaStep;
import dev.mercato.ordering.domain.StepOutcome;
import dev.mercato.ordering.domain.Transition;
import dev.mercato.ordering.failpoint.FailpointNames;
import dev.mercato.ordering.failpoint.Failpoints;
import dev.mercato.ordering.messaging.OrderEvents;
import dev.mercato.web.poll.PollSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives one saga as far as it can go now: claim (or renew) the lease, make the step's call outside any transaction,
 * record the transition in one transaction (saga, order, outbox), repeat; stop when the saga waits for a retry, is
 * done, or another instance took it over. Every call is idempotent per order, so a step re-run after a crash is safe.
 */
@Component
public class SagaRunner {

    private static final Logger log = LoggerFactory.getLogger(SagaRunner.class);
    private static final int MAX_STEPS_PER_RUN = 32;

    private final SagaRepository sagas;
    private final SagaOrders orders;
    private final SagaCalls calls;
    private final CheckoutSaga saga;
    private final TransactionTemplate tx;
    private final OrderEvents events;
    private final Failpoints failpoints;
    private final SagaProperties properties;
    private final SagaMetrics metrics;
    private final SagaCapacity capacity;
    private final PollSchedule schedule;
    private final Clock clock;
    private final String instance = "ordering-" + UUID.randomUUID();

    SagaRunner(
            SagaRepository sagas,
            SagaOrders orders,
            SagaCalls calls,
            CheckoutSaga saga,
            TransactionTemplate tx,
            OrderEvents events,
            Failpoints failpoints,
            SagaProperties properties,
            SagaMetrics metrics,
            SagaCapacity capacity,
            PollSchedule schedule,
            Clock clock) {
        this.sagas = sagas;
        this.orders = orders;
        this.calls = calls;
        this.saga = saga;
        this.tx = tx;
        this.events = events;
        this.failpoints = failpoints;
        this.properties = properties;
        this.metrics = metrics;
        this.capacity = capacity;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** A fresh lease token of this instance. */
    String newLeaseToken() {
        return instance + ":" + UUID.randomUUID();
    }

    String instancePrefix() {
        return instance + ":";
    }

    /**
     * Runs the saga on a virtual thread of its own, holding {@code leaseToken} and {@code slot}; the slot is given back
     * when the run ends.
     *
     * @param known the saga as it is stored now, leased to {@code leaseToken}; null to read it with the first claim
     * @param order what the calls need, when the caller has it; null to read it
     */
    void runAsync(
            OrderId id,
            String leaseToken,
            SagaCapacity.Slot slot,
            @Nullable SagaState known,
            @Nullable SagaOrder order) {
        Thread.ofVirtual().name("saga-" + id).start(() -> {
            try {
                run(id, leaseToken, known, order);
            } finally {
                slot.giveBack();
            }
        });
    }

    /**
     * Claims the saga with a new lease and runs it when a slot is free; nothing happens when another runner holds it,
     * and with no slot free the poller picks it up once one is.
     */
    public void claimAndRunAsync(OrderId id) {
        Optional<SagaCapacity.Slot> free = capacity.tryTake();
        if (free.isEmpty()) {
            schedule.dueAt(clock.instant()); // the poller runs it once a slot is free
            return;
        }
        free.ifPresent(slot -> {
            String token = newLeaseToken();
            Optional<SagaState> claimed = sagas.claim(id, token, properties.lease());
            if (claimed.isPresent()) {
                runAsync(id, token, slot, claimed.get(), null);
            } else {
                slot.giveBack();
            }
        });
    }

    void run(OrderId id, String leaseToken) {
        run(id, leaseToken, null, null);
    }

    /**
     * The saga is claimed (read, its lease renewed) only when this run does not know its stored state: at the start
     * without one, and after a record that lost a race or failed. A record that succeeded renewed the lease and wrote
     * the state the next step starts from, so reading it back would only cost a round trip per step.
     */
    private void run(OrderId id, String leaseToken, @Nullable SagaState known, @Nullable SagaOrder order) {
        Instant leaseRenewedAt = clock.instant();
        String paymentIdOnOrder = null;
        int storeFailures = 0;
        for (int i = 0; i < MAX_STEPS_PER_RUN; i++) {
            try {
                SagaState state;
                if (known != null) {
                    state = known;
                    known = null;
                } else {
                    Optional<SagaState> claimed = sagas.claim(id, leaseToken, properties.lease());
                    if (claimed.isEmpty()) {
                        return; // done, or another runner holds it
                    }
                    state = claimed.get();
                    leaseRenewedAt = clock.instant();
                }
                Instant now = clock.instant();
                if (state.nextAttemptAt().isAfter(now) && !state.deadlinePassed(now)) {
                    sagas.releaseLease(id, leaseToken); // not due yet: the poller brings it back
                    schedule.dueAt(state.nextAttemptAt());
                    return;
                }
                if (order == null) {
                    order = order(id); // lines and total never change; the token is only read once
                }
                Transition transition =
                        state.deadlinePassed(now) ? saga.onDeadline(state, now) : callStep(state, order);
                String written = paymentIdOnOrder;
                if (!Boolean.TRUE.equals(tx.execute(status -> record(state, transition, leaseToken, written)))) {
                    continue; // changed meanwhile (a customer's cancellation): read it again
                }
                if (transition.providerPaymentId() != null) {
                    paymentIdOnOrder = transition.providerPaymentId();
                }
                storeFailures = 0;
                failpoints.hit(FailpointNames.afterRecord(state.step()));
                if (transition.retryLater()) {
                    schedule.dueAt(transition.state().nextAttemptAt());
                    return;
                }
                if (transition.state().isDone()) {
                    return;
                }
                known = transition.state().recorded();
                leaseRenewedAt = clock.instant();
            } catch (RuntimeException e) {
                if (!StoreFailures.isTransient(e) || !retryWithinLease(id, e, ++storeFailures, leaseRenewedAt)) {
                    // the lease expires and the poller resumes the saga from its persisted state
                    log.warn("saga of order {} stopped: {}", id, e.toString());
                    schedule.dueAt(clock.instant().plus(properties.lease()));
                    return;
                }
            }
        }
        releaseLeaseQuietly(id, leaseToken);
        schedule.dueAt(clock.instant());
    }

    /**
     * A saga that finds no connection (a saturated pool, a database failing over) tries again here after a short
     * backoff rather than waiting out its whole lease: the step is re-run, which every call allows. It stops once
     * half the lease is gone, leaving a margin before another instance may take the saga over.
     */
    private boolean retryWithinLease(OrderId id, RuntimeException failure, int failures, Instant leaseRenewedAt) {
        Duration backoff = StoreFailures.backoff(failures);
        Duration halfLease = properties.lease().dividedBy(2);
        if (Duration.between(leaseRenewedAt, clock.instant()).plus(backoff).compareTo(halfLease) > 0) {
            return false;
        }
        metrics.storeRetry();
        log.info(
                "saga of order {}: store unavailable ({}), again in {} ms", id, failure.toString(), backoff.toMillis());
        try {
            Thread.sleep(backoff);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void releaseLeaseQuietly(OrderId id, String leaseToken) {
        try {
            sagas.releaseLease(id, leaseToken);
        } catch (RuntimeException e) {
            log.warn("saga of order {}: lease not released ({}); it expires", id, e.toString());
        }
    }

    private SagaOrder order(OrderId id) {
        return new SagaOrder(id, orders.lines(id), orders.summary(id).total(), sagas.paymentToken(id));
    }

    private Transition callStep(SagaState state, SagaOrder order) {
        SagaStep step = state.step();
        failpoints.hit(FailpointNames.beforeCall(step));
        long started = System.nanoTime();
        StepOutcome outcome = saga.call(step, calls, order);
        metrics.step(step, outcome, System.nanoTime() - started);
        failpoints.hit(FailpointNames.afterCall(step));
        failpoints.hit(FailpointNames.beforeRecord(step));
        if (outcome instanceof StepOutcome.Transient t) {
            log.info(
                    "saga of order {}: {} failed transiently (attempt {}): {}",
                    state.orderId(),
                    step,
                    state.attempts() + 1,
                    t.error());
        }
        return saga.next(state, outcome, clock.instant());
    }

    /**
     * The saga's row lock, taken by its conditional update, serializes this transition with a customer's cancellation
     * ({@link SagaCancellation} locks the same row); the order is read and written only when the transition changes
     * it.
     *
     * @param paymentIdOnOrder the provider's payment id this run already wrote to the order, if any
     */
    private boolean record(SagaState expected, Transition t, String leaseToken, @Nullable String paymentIdOnOrder) {
        OrderId id = expected.orderId();
        if (!sagas.record(expected, t, leaseToken, properties.lease())) {
            return false;
        }
        SagaState next = t.state();
        if (next.status() != expected.status() && next.reason() != null && expected.reason() == null) {
            metrics.compensation(next.reason());
        }
        Instant now = clock.instant();
        OrderStatus outcome = t.orderOutcome();
        if (outcome != null) {
            SagaOrders.Summary order = orders.summary(id);
            orders.finish(id, outcome, next.reason(), t.providerPaymentId());
            if (outcome == OrderStatus.CONFIRMED) {
                events.confirmed(id, order.userId(), order.total(), order.providerPaymentId(), now);
            } else {
                events.cancelled(id, order.userId(), order.total(), next.reason(), order.status(), now);
            }
            metrics.completed(outcome, order.createdAt(), now);
        } else if (t.providerPaymentId() != null && !t.providerPaymentId().equals(paymentIdOnOrder)) {
            orders.paymentAuthorized(id, t.providerPaymentId());
        }
        return true;
    }
}
