package dev.mercato.ordering.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets idempotency keys older than the retention. Idempotent, so every instance may run it. */
@Component
class IdempotencyCleanup {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanup.class);

    private final IdempotencyRepository keys;
    private final IdempotencyProperties properties;

    IdempotencyCleanup(IdempotencyRepository keys, IdempotencyProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${ordering.idempotency.cleanup-interval:1h}", initialDelayString = "1m")
    void cleanup() {
        try {
            int deleted = keys.deleteOlderThan(properties.retention());
            if (deleted > 0) {
                log.info("forgot {} idempotency keys older than {}", deleted, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("idempotency key cleanup failed: {}", e.toString());
        }
    }
}
