package dev.mercato.payment.reconciliation;

import dev.mercato.jobs.job.Job;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reconciliation on its schedule, once per cluster (libs/jobs): every instance schedules it, the one that takes the
 * lock runs it; the row claims still keep an operator's on-demand run and the scheduled one apart. A provider that
 * cannot be reached fails the run (recorded with the reason); the next one comes at its time.
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationJob {

    static final String NAME = "payment-reconciliation";

    @Bean
    @ConditionalOnProperty(name = "payment.reconciliation.enabled", havingValue = "true")
    Job paymentReconciliation(Reconciliation reconciliation, ReconciliationProperties properties) {
        return Job.named(NAME)
                .every(properties.interval())
                // a run calls the provider for up to a batch of payments, each call bounded by its deadline and retries
                .lockAtMostFor(Duration.ofMinutes(10))
                .runs(() -> {
                    Reconciliation.Run run = reconciliation.run(false);
                    return "checked " + run.checked() + ", drifts " + run.drifts() + ", repaired " + run.repaired();
                });
    }
}
