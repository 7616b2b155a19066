package dev.mercato.pspsim.idempotency;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets keys older than the retention; a retry after that is a new request. */
@Component
class IdempotencyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyKeyRepository keys;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyPurge(IdempotencyKeyRepository keys, IdempotencyProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void purge() {
        int purged = keys.purgeOlderThan(clock.instant().minus(properties.retention()));
        if (purged > 0) {
            log.info("Purged {} idempotency keys older than {}", purged, properties.retention());
        }
    }
}
