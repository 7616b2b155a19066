package dev.mercato.payment.reconciliation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("payment.reconciliation")
record ReconciliationProperties(
        boolean enabled, Duration interval, Duration recheckAfter, int batchSize, Duration unmatchedGrace) {}
