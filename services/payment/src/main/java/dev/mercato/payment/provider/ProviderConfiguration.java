package dev.mercato.payment.provider;

import dev.mercato.payment.domain.PaymentProvider;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider hop's resilience, named {@code psp} in the metrics: {@code resilience4j_circuitbreaker_state},
 * {@code resilience4j_retry_calls}, {@code resilience4j_bulkhead_available_concurrent_calls}...
 */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    static final String NAME = "psp";

    @Bean
    CircuitBreaker pspCircuitBreaker(ProviderProperties properties, MeterRegistry meters) {
        ProviderProperties.CircuitBreaker cb = properties.circuitBreaker();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRateThreshold())
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumNumberOfCalls())
                .waitDurationInOpenState(cb.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .slowCallDurationThreshold(cb.slowCallDuration())
                .slowCallRateThreshold(cb.slowCallRateThreshold())
                // a refusal (4xx) is the provider working correctly
                .recordExceptions(TransientProviderFailure.class)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry.circuitBreaker(NAME);
    }

    @Bean
    Retry pspRetry(ProviderProperties properties, MeterRegistry meters) {
        ProviderProperties.Retry retry = properties.retry();
        RetryRegistry registry = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(retry.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        retry.initialBackoff(), retry.multiplier(), retry.jitter(), retry.maxBackoff()))
                .retryExceptions(TransientProviderFailure.class)
                .build());
        TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
        return registry.retry(NAME);
    }

    @Bean
    Bulkhead pspBulkhead(ProviderProperties properties, MeterRegistry meters) {
        BulkheadRegistry registry = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(properties.bulkhead().maxConcurrentCalls())
                .maxWaitDuration(properties.bulkhead().maxWait())
                .build());
        TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
        return registry.bulkhead(NAME);
    }

    @Bean
    PaymentProvider paymentProvider(
            ProviderProperties properties, JsonMapper json, Retry retry, CircuitBreaker breaker, Bulkhead bulkhead) {
        return new PspPaymentProvider(new PspClient(properties, json), retry, breaker, bulkhead);
    }
}
