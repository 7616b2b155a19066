package dev.mercato.payment.reconciliation;

import dev.mercato.payment.domain.PaymentProvider.ProviderUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs reconciliation on every instance; the row claims keep instances from checking the same payment. */
@Component
@ConditionalOnProperty(name = "payment.reconciliation.enabled", havingValue = "true")
class ReconciliationJob {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationJob.class);

    private final Reconciliation reconciliation;

    ReconciliationJob(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Scheduled(
            fixedDelayString = "${payment.reconciliation.interval}",
            initialDelayString = "${payment.reconciliation.interval}")
    void run() {
        try {
            Reconciliation.Run run = reconciliation.run(false);
            if (run.drifts() > 0) {
                log.info(
                        "reconciliation checked {}, drifts {}, repaired {}",
                        run.checked(),
                        run.drifts(),
                        run.repaired());
            }
        } catch (ProviderUnavailable e) {
            log.warn("reconciliation skipped, provider unavailable: {}", e.getMessage());
        }
    }
}
