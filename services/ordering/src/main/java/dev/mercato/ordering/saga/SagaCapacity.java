package dev.mercato.ordering.saga;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * How many sagas this instance runs at once ({@code ordering.saga.max-running}). Every run holds a slot from start to
 * end, whoever starts it: a checkout takes one in the transaction that creates its order and is refused (503 with
 * Retry-After, nothing stored) when there is none; the poller claims only as many due sagas as there are free slots beyond
 * the ones it leaves to checkouts ({@code ordering.saga.checkout-reserve}). Past the knee,
 * new work is refused at the door instead of piling onto pools and downstream services until everything, reads of
 * accepted orders included, times out. {@code ordering.saga.running} (gauge) shows the slots in use.
 */
@Component
public class SagaCapacity {

    private final Semaphore slots;
    private final int size;

    SagaCapacity(SagaProperties properties, MeterRegistry meters) {
        this.size = properties.maxRunning();
        this.slots = new Semaphore(size);
        Gauge.builder("ordering.saga.running", this, c -> c.size - c.slots.availablePermits())
                .description("Sagas this instance is running now (at most ordering.saga.max-running)")
                .register(meters);
    }

    /** A slot, or empty when this instance already runs as many sagas as it may. */
    public Optional<Slot> tryTake() {
        return slots.tryAcquire() ? Optional.of(new Slot()) : Optional.empty();
    }

    int free() {
        return slots.availablePermits();
    }

    /** True when a {@link #tryTake()} now would find no slot (a hint: another thread may take or give one back). */
    public boolean isFull() {
        return slots.availablePermits() == 0;
    }

    /**
     * One running saga's place, held by one owner at a time. Giving it back twice gives it back once; an owner that
     * handed it over has nothing left to give back.
     */
    public final class Slot {
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Slot() {}

        public void giveBack() {
            if (held.compareAndSet(true, false)) {
                slots.release();
            }
        }

        /** The same place for a new owner (the saga's run); this one no longer holds it. */
        public Slot handOver() {
            if (!held.compareAndSet(true, false)) {
                throw new IllegalStateException("this slot was given back or handed over already");
            }
            return new Slot();
        }
    }
}
