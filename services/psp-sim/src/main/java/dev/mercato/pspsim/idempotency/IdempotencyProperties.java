package dev.mercato.pspsim.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param retention how long a key and its stored response are kept (at least; expired keys are purged hourly)
 * @param lockWait how long a request waits for a concurrent request with the same key before answering 409
 */
@ConfigurationProperties("psp-sim.idempotency")
public record IdempotencyProperties(Duration retention, Duration lockWait) {}
