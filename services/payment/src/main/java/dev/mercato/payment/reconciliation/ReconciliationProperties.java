package dev.mercato.payment.reconciliation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("payment.reconciliation")
record ReconciliationProperties(
        boolean enabled,
        Duration interval,
        Duration recheckAfter,
        Duration longestWait,
        Duration settleAfter,
        int batchSize,
        Duration unmatchedGrace,
        Orders orders) {

    Schedule schedule() {
        return new Schedule(recheckAfter, longestWait, settleAfter);
    }

    /**
     * When a non-final payment is compared with the provider again. The number of checks of a payment is bounded
     * (about log2(settleAfter / recheckAfter)), whatever the number of payments stored.
     *
     * @param recheckAfter the wait after the first check since the payment last changed; doubled after each further one
     * @param longestWait the longest wait between two checks
     * @param settleAfter a payment unchanged this long is checked once more, then not again until it changes
     */
    record Schedule(Duration recheckAfter, Duration longestWait, Duration settleAfter) {}

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
