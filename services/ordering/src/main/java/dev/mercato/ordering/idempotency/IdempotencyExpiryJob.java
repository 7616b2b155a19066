package dev.mercato.ordering.idempotency;

import dev.mercato.jobs.job.Durations;
import dev.mercato.jobs.job.Job;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Forgets idempotency keys older than the retention, once per cluster (libs/jobs), a batch per transaction so that a
 * day's worth of keys never makes one long delete. A sweep: its runs that found nothing old enough are recorded as one
 * spell. Listed by {@code GET /v1/admin/jobs}.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyExpiryJob {

    static final String NAME = "idempotency-key-expiry";
    static final int BATCH = 1_000;

    @Bean
    Job idempotencyKeyExpiry(IdempotencyRepository keys, IdempotencyProperties properties) {
        return Job.named(NAME)
                .every(properties.cleanupInterval(), Duration.ofMinutes(1))
                .lockAtMostFor(Duration.ofMinutes(10))
                .sweeps(
                        () -> {
                            int total = 0;
                            int deleted;
                            do {
                                deleted = keys.deleteOlderThan(properties.retention(), BATCH);
                                total += deleted;
                            } while (deleted == BATCH);
                            return total;
                        },
                        forgotten -> "forgot " + forgotten + " idempotency keys older than "
                                + Durations.format(properties.retention()));
    }
}
