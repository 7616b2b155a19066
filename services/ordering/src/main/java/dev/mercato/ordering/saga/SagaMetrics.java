package dev.mercato.ordering.saga;

import dev.mercato.ordering.domain.CancellationReason;
import dev.mercato.ordering.domain.OrderStatus;
import dev.mercato.ordering.domain.SagaStatus;
import dev.mercato.ordering.domain.SagaStep;
import dev.mercato.ordering.domain.StepOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code ordering.saga.step} (timer: step, outcome), {@code ordering.saga.completion} (timer from checkout to the
 * final status: status), {@code ordering.saga.compensations} (counter: reason), {@code ordering.saga.store.retries}
 * (counter: a saga's own database failed transiently and the runner tried again), {@code ordering.sagas} (gauge:
 * unfinished sagas by status RUNNING/COMPENSATING, refreshed every 15 s).
 */
@Component
class SagaMetrics {

    private final MeterRegistry registry;
    private final SagaRepository sagas;
    private final Map<SagaStatus, AtomicLong> byStatus = new EnumMap<>(SagaStatus.class);

    SagaMetrics(MeterRegistry registry, SagaRepository sagas) {
        this.registry = registry;
        this.sagas = sagas;
        for (SagaStatus status : List.of(SagaStatus.RUNNING, SagaStatus.COMPENSATING)) {
            AtomicLong value = new AtomicLong();
            byStatus.put(status, value);
            Gauge.builder("ordering.sagas", value, AtomicLong::doubleValue)
                    .tag("status", status.name())
                    .description("Unfinished sagas by status")
                    .register(registry);
        }
    }

    void step(SagaStep step, StepOutcome outcome, long nanos) {
        Timer.builder("ordering.saga.step")
                .tag("step", step.name())
                .tag("outcome", outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void completed(OrderStatus status, Instant createdAt, Instant now) {
        Timer.builder("ordering.saga.completion")
                .tag("status", status.name())
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.between(createdAt, now));
    }

    void compensation(CancellationReason reason) {
        Counter.builder("ordering.saga.compensations")
                .tag("reason", reason.code())
                .register(registry)
                .increment();
    }

    void storeRetry() {
        Counter.builder("ordering.saga.store.retries")
                .description("Saga runs that found their database unavailable for a moment and tried again")
                .register(registry)
                .increment();
    }

    @Scheduled(fixedDelayString = "${ordering.saga.metrics-interval:15s}", initialDelayString = "5s")
    void refresh() {
        byStatus.values().forEach(v -> v.set(0));
        sagas.countByStatus().forEach(c -> byStatus.get(c.status()).set(c.count()));
    }
}
