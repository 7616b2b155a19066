package dev.mercato.ordering.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param deadline how long a saga may take to reach a successful capture before it is compensated
 * @param lease how long a claimed saga stays with its instance without progress; longer than any call timeout
 * @param pollInterval how often due retries and orphaned sagas are looked for while polls find some
 * @param idlePollInterval the longest wait between polls once they find none (the wait doubles up to it)
 * @param batchSize sagas claimed per poll (at most the free running slots)
 * @param maxRunning sagas this instance runs at once; a checkout that finds none free is refused with 503
 * @param checkoutReserve running slots the poller leaves to new checkouts (at most half of {@code maxRunning}): a
 *     backlog of retries draining after an outage must not refuse the checkouts that keep arriving
 * @param callTimeout per downstream target
 * @param retry backoff of transient failures (and of compensations, which retry until they succeed)
 */
@ConfigurationProperties("ordering.saga")
public record SagaProperties(
        @DefaultValue("2m") Duration deadline,
        @DefaultValue("15s") Duration lease,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("2s") Duration idlePollInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("32") int maxRunning,
        @DefaultValue("8") int checkoutReserve,
        @DefaultValue CallTimeouts callTimeout,
        @DefaultValue Retry retry) {

    /** The slots the poller leaves free for checkouts. */
    int pollerReserve() {
        return Math.min(checkoutReserve, maxRunning / 2);
    }

    public record CallTimeouts(
            @DefaultValue("2s") Duration cart,
            @DefaultValue("2s") Duration inventory,
            @DefaultValue("4s") Duration payment) {}

    public record Retry(
            @DefaultValue("200ms") Duration initial,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("10s") Duration max,
            @DefaultValue("0.3") double jitter) {}
}
