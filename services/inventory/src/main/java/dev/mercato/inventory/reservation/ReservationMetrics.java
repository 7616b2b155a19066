package dev.mercato.inventory.reservation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code inventory.reservations{outcome}}: what the reservation calls ended in. */
@Component
public class ReservationMetrics {

    public enum Outcome {
        RESERVED,
        OUT_OF_STOCK,
        REPLAYED,
        COMMITTED,
        RELEASED,
        EXPIRED,
        REFUSED
    }

    private final MeterRegistry registry;

    ReservationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(Outcome outcome) {
        count(outcome, 1);
    }

    public void count(Outcome outcome, int amount) {
        Counter.builder("inventory.reservations")
                .description("Reservation calls by outcome")
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment(amount);
    }
}
