package dev.mercato.inventory.expiry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled whether this instance runs the job (every instance may: they share the work)
 * @param interval pause between runs
 * @param batchSize reservations expired per transaction
 */
@ConfigurationProperties("inventory.expiry")
record ExpiryProperties(boolean enabled, Duration interval, int batchSize) {}
