package dev.mercato.ordering.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * @param lockWait ({@code wait}) how long a request waits for a concurrent one with the same key before answering 409
 * @param retention how long keys (and their responses) are kept; at least 24 h by contract
 * @param cleanupInterval how often the expiry job ({@code idempotency-key-expiry}) deletes the older ones
 */
@ConfigurationProperties("ordering.idempotency")
record IdempotencyProperties(
        @Name("wait") @DefaultValue("5s") Duration lockWait,
        @DefaultValue("48h") Duration retention,
        @DefaultValue("1h") Duration cleanupInterval) {}
