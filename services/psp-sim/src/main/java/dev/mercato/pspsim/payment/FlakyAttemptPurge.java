package dev.mercato.pspsim.payment;

import dev.mercato.pspsim.idempotency.IdempotencyProperties;
import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Flaky-token counters live as long as the idempotency keys they count for. */
@Component
class FlakyAttemptPurge {

    private final FlakyAttemptRepository attempts;
    private final IdempotencyProperties properties;
    private final Clock clock;

    FlakyAttemptPurge(FlakyAttemptRepository attempts, IdempotencyProperties properties, Clock clock) {
        this.attempts = attempts;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void purge() {
        attempts.purgeOlderThan(clock.instant().minus(properties.retention()));
    }
}
