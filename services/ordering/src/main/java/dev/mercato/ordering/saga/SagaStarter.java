package dev.mercato.ordering.saga;

import dev.mercato.ordering.domain.SagaOrder;
import dev.mercato.ordering.domain.SagaState;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Starts a checkout's saga: stored in the transaction that creates the order, run once that transaction commits. The
 * saga is leased to this instance from the start, so only this run drives it until the lease expires; leases and
 * running slots stay inside the saga package.
 */
@Component
public class SagaStarter {

    private final SagaRepository sagas;
    private final SagaRunner runner;
    private final SagaCapacity capacity;
    private final SagaProperties properties;
    private final Clock clock;

    SagaStarter(
            SagaRepository sagas, SagaRunner runner, SagaCapacity capacity, SagaProperties properties, Clock clock) {
        this.sagas = sagas;
        this.runner = runner;
        this.capacity = capacity;
        this.properties = properties;
        this.clock = clock;
    }

    /** True when a start now would find no running slot (a hint, to refuse before any work is done). */
    public boolean isFull() {
        return capacity.isFull();
    }

    /**
     * Inside the transaction that creates the order: takes a running slot and stores the saga. Empty when this
     * instance already runs as many sagas as it may; the caller refuses the checkout and rolls back.
     */
    public Optional<Started> start(SagaOrder order) {
        Optional<SagaCapacity.Slot> slot = capacity.tryTake();
        if (slot.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        SagaState state = SagaState.start(order.id(), now, now.plus(properties.deadline()));
        Started started = new Started(state, order, runner.newLeaseToken(), slot.get());
        try {
            sagas.insert(state, Objects.requireNonNull(order.paymentToken()), started.leaseToken, properties.lease());
            return Optional.of(started);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** A stored saga, holding its lease and slot until it runs. */
    public final class Started implements AutoCloseable {
        private final SagaState state;
        private final SagaOrder order;
        private final String leaseToken;
        private final SagaCapacity.Slot slot;

        private Started(SagaState state, SagaOrder order, String leaseToken, SagaCapacity.Slot slot) {
            this.state = state;
            this.order = order;
            this.leaseToken = leaseToken;
            this.slot = slot;
        }

        /**
         * After the commit: the saga runs in the background, its slot handed to the run, starting from the state and
         * order it was stored with (nothing to read back).
         */
        public void run() {
            runner.runAsync(state.orderId(), leaseToken, slot.handOver(), state, order);
        }

        /**
         * Gives the slot back unless {@link #run()} took it. A saga stored but never run (the commit failed, or the
         * process died) is picked up by the poller once its lease expires.
         */
        @Override
        public void close() {
            slot.giveBack();
        }
    }
}
