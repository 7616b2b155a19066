package dev.mercato.payment.reconciliation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("payment.reconciliation")
record ReconciliationProperties(
        boolean enabled,
        Duration interval,
        Duration recheckAfter,
        int batchSize,
        Duration unmatchedGrace,
        Orders orders) {

    /**
     * Comparing payments with how their orders ended.
     *
     * @param grace an order's payment is compared only this long after the order's outcome, so the saga's own
     *     compensation (and a provider call still in flight) acts first
     * @param outcomeTimeout a payment this old whose order has no outcome yet is reported; longer than the saga's
     *     deadline
     * @param batchSize order outcomes checked per run (a check reads one payment; only repairs call the provider)
     */
    record Orders(Duration grace, Duration outcomeTimeout, int batchSize) {}
}
