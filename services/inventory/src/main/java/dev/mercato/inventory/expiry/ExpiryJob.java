package dev.mercato.inventory.expiry;

import dev.mercato.jobs.job.Job;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reservation expiry sweep, once per cluster (libs/jobs): every instance schedules it, the one that takes the
 * lock runs it. The sweep itself claims rows with {@code skip locked}, so a Commit or Release racing it never waits.
 * A sweep: only the runs that expired something (or failed) are recorded and listed by {@code GET /v1/admin/jobs};
 * metrics {@code mercato.jobs.runs{job="reservation-expiry"}}, {@code mercato.jobs.idle{job="reservation-expiry"}}.
 */
@Configuration(proxyBeanMethods = false)
class ExpiryJob {

    static final String NAME = "reservation-expiry";

    @Bean
    @ConditionalOnProperty(name = "inventory.expiry.enabled", havingValue = "true")
    Job reservationExpiry(Expiry expiry, ExpiryProperties properties) {
        return Job.named(NAME)
                .every(properties.interval())
                // a sweep takes milliseconds; an instance that dies in one holds the turn this long at most
                .lockAtMostFor(Duration.ofMinutes(1))
                .sweeps(
                        () -> expiry.run(properties.batchSize()),
                        expired -> "expired " + expired + (expired == 1 ? " reservation" : " reservations"));
    }
}
