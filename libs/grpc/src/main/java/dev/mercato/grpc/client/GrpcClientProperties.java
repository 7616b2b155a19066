package dev.mercato.grpc.client;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mercato.grpc.client.*}: this service's credentials at identity and the services it calls.
 *
 * @param id this service's client id at identity (default {@code spring.application.name})
 * @param secret its secret ({@code MERCATO_SERVICE_CLIENT_SECRET})
 * @param tokenUri identity's service-token endpoint ({@code IDENTITY_URL}/internal/v1/service-tokens)
 * @param tokenTimeout how long a call waits for a token from identity before it fails with UNAVAILABLE
 * @param renewAfter fraction of a token's lifetime after which a fresh one is fetched
 * @param targets the services this one calls, by name (= the audience of their tokens)
 */
@ConfigurationProperties("mercato.grpc.client")
public record GrpcClientProperties(
        String id,
        String secret,

        @DefaultValue("http://localhost:8082/internal/v1/service-tokens")
        String tokenUri,

        @DefaultValue("2s") Duration tokenTimeout,
        @DefaultValue("0.8") double renewAfter,
        Map<String, Target> targets) {

    public GrpcClientProperties {
        targets = targets == null ? Map.of() : Map.copyOf(targets);
    }

    /**
     * @param address {@code static://host:port[,host:port...]} or any grpc-java target ({@code dns:///host:port})
     * @param deadline applied to a call whose caller set none
     * @param retry retries of UNAVAILABLE calls
     * @param circuitBreaker the breaker {@code grpc-<target>}
     * @param bulkhead bound on this service's concurrent calls to the target
     */
    public record Target(
            String address,
            @DefaultValue("2s") Duration deadline,
            @DefaultValue Retry retry,
            @DefaultValue CircuitBreaker circuitBreaker,
            @DefaultValue Bulkhead bulkhead) {

        public Target {
            deadline = deadline == null ? Duration.ofSeconds(2) : deadline;
            retry = retry == null ? new Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0) : retry;
            circuitBreaker = circuitBreaker == null ? CircuitBreaker.defaults() : circuitBreaker;
            bulkhead = bulkhead == null ? new Bulkhead(50) : bulkhead;
        }
    }

    /**
     * grpc-java's retry policy: only UNAVAILABLE, exponential backoff with jitter (built in).
     *
     * @param maxAttempts attempts including the first (1 = no retry; grpc-java caps it at 5)
     */
    public record Retry(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("100ms") Duration initialBackoff,
            @DefaultValue("1s") Duration maxBackoff,
            @DefaultValue("2.0") double backoffMultiplier) {}

    /**
     * Resilience4j count-based breaker; UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and INTERNAL count as
     * failures, answers such as NOT_FOUND or FAILED_PRECONDITION as successes.
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("10s") Duration waitInOpenState,
            @DefaultValue("3") int permittedCallsInHalfOpenState) {

        static CircuitBreaker defaults() {
            return new CircuitBreaker(50, 20, 10, Duration.ofSeconds(10), 3);
        }
    }

    /** @param maxConcurrentCalls calls in flight at once; one more fails at once with UNAVAILABLE */
    public record Bulkhead(@DefaultValue("50") int maxConcurrentCalls) {}
}
