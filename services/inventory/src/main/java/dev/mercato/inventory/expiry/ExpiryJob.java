package dev.mercato.inventory.expiry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the expiry on every instance; claimed rows are skipped by the others, so each reservation expires once.
 * Metrics: {@code inventory.expiry.runs{result}}.
 */
@Component
@ConditionalOnProperty(name = "inventory.expiry.enabled", havingValue = "true")
class ExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);

    private final Expiry expiry;
    private final ExpiryProperties properties;
    private final Counter succeeded;
    private final Counter failed;

    ExpiryJob(Expiry expiry, ExpiryProperties properties, MeterRegistry registry) {
        this.expiry = expiry;
        this.properties = properties;
        this.succeeded = runs(registry, "success");
        this.failed = runs(registry, "failure");
    }

    @Scheduled(fixedDelayString = "${inventory.expiry.interval}", initialDelayString = "${inventory.expiry.interval}")
    void run() {
        try {
            int expired = expiry.run(properties.batchSize());
            succeeded.increment();
            if (expired > 0) {
                log.info("expired {} reservations", expired);
            }
        } catch (DataAccessException e) {
            failed.increment();
            log.warn("reservation expiry failed, retried on the next run: {}", e.getMessage());
        }
    }

    private static Counter runs(MeterRegistry registry, String result) {
        return Counter.builder("inventory.expiry.runs")
                .description("Runs of the reservation expiry job")
                .tag("result", result)
                .register(registry);
    }
}
