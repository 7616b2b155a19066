package dev.mercato.ordering.saga;

import dev.mercato.web.poll.PollSchedule;
import java.util.List;
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
    private final PollSchedule schedule;

    SagaPoller(
            SagaRepository sagas,
            SagaRunner runner,
            SagaProperties properties,
            SagaCapacity capacity,
            PollSchedule schedule) {
        this.sagas = sagas;
        this.runner = runner;
        this.properties = properties;
        this.capacity = capacity;
        this.schedule = schedule;
    }

    @Scheduled(fixedDelayString = "${ordering.saga.poll-interval:250ms}", initialDelayString = "1s")
    void poll() {
        // no more than can run now (a claimed saga waiting for a slot would only wait out its lease), and never the
        // slots kept for new checkouts
        int batch = Math.min(properties.batchSize(), capacity.free() - properties.pollerReserve());
        if (batch <= 0 || !schedule.takeIfDue()) {
            return;
        }
        boolean found = false;
        try {
            List<SagaRepository.Claimed> due = sagas.claimDue(runner.instancePrefix(), properties.lease(), batch);
            found = !due.isEmpty();
            for (SagaRepository.Claimed claimed : due) {
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
            found = true; // a failed poll found nothing out: ask again soon
        } finally {
            schedule.polled(found);
        }
    }
}
