package dev.mercato.payment.provider;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The hop to the payment provider (psp-sim).
 *
 * @param baseUrl the provider's API root
 * @param connectTimeout TCP connect deadline
 * @param timeout deadline of one call, from sending to the whole response
 */
@ConfigurationProperties("payment.provider")
public record ProviderProperties(
        URI baseUrl,
        Duration connectTimeout,
        Duration timeout,
        Retry retry,
        CircuitBreaker circuitBreaker,
        Bulkhead bulkhead) {

    /** Attempts include the first call; waits grow from {@code initialBackoff} by {@code multiplier}, randomised. */
    public record Retry(
            int maxAttempts, Duration initialBackoff, double multiplier, double jitter, Duration maxBackoff) {}

    public record CircuitBreaker(
            float failureRateThreshold,
            int slidingWindowSize,
            int minimumNumberOfCalls,
            Duration waitInOpenState,
            int permittedCallsInHalfOpenState,
            Duration slowCallDuration,
            float slowCallRateThreshold) {}

    /** At most {@code maxConcurrentCalls} calls in flight; a caller waits at most {@code maxWait} for a slot. */
    public record Bulkhead(int maxConcurrentCalls, Duration maxWait) {}
}
