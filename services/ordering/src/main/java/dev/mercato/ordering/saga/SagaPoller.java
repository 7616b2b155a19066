package dev.mercato.ordering.saga;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings back sagas that wait for a retry and sagas whose runner died (lease expired). Claims are row leases taken
 * with {@code FOR UPDATE SKIP LOCKED}, so any number of instances poll safely without a scheduler lock.
 */
@Component
@ConditionalOnProperty(name = "ordering.saga.poller-enabled", havingValue = "true", matchIfMissing = true)
class SagaPoller {

    private static final Logger log = LoggerFactory.getLogger(SagaPoller.class);

    private final SagaRepository sagas;
    private final SagaRunner runner;
    private final SagaProperties properties;
    private final SagaCapacity capacity;

    SagaPoller(SagaRepository sagas, SagaRunner runner, SagaProperties properties, SagaCapacity capacity) {
        this.sagas = sagas;
        this.runner = runner;
        this.properties = properties;
        this.capacity = capacity;
    }

    @Scheduled(fixedDelayString = "${ordering.saga.poll-interval:250ms}", initialDelayString = "1s")
    void poll() {
        try {
            // no more than can run now: a claimed saga waiting for a slot would only wait out its lease
            int batch = Math.min(properties.batchSize(), capacity.free());
            if (batch == 0) {
                return;
            }
            for (SagaRepository.Claimed claimed : sagas.claimDue(runner.instancePrefix(), properties.lease(), batch)) {
                Optional<SagaCapacity.Slot> slot = capacity.tryTake();
                if (slot.isPresent()) {
                    runner.runAsync(claimed.id(), claimed.leaseToken(), slot.get(), null, null);
                } else {
                    // checkouts took the slots meanwhile: the saga is due again at once for the next poll
                    sagas.releaseLease(claimed.id(), claimed.leaseToken());
                }
            }
        } catch (RuntimeException e) {
            log.warn("saga poll failed: {}", e.toString());
        }
    }
}
