package dev.mercato.payment.reconciliation;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Where every drift goes: the {@code reconciliation_drift} list, a WARN log line and a counter. */
@Component
class DriftReport {

    // the category reconciliation has always logged its drifts under
    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final ReconciliationRepository repository;
    private final MeterRegistry meters;

    DriftReport(ReconciliationRepository repository, MeterRegistry meters) {
        this.repository = repository;
        this.meters = meters;
    }

    /** Reports the drift, if there is one; returns it for counting. */
    Optional<Drift> report(Optional<Drift> drift) {
        drift.ifPresent(this::report);
        return drift;
    }

    void report(Drift drift) {
        repository.record(drift);
        meters.counter(
                        "mercato.payment.reconciliation.drift",
                        "kind",
                        drift.kind().name(),
                        "repaired",
                        String.valueOf(drift.repaired()))
                .increment();
        log.warn(
                "payment drift {} order {} payment {}: {} (repaired: {})",
                drift.kind(),
                drift.orderId(),
                drift.providerPaymentId(),
                drift.detail(),
                drift.repaired());
    }
}
