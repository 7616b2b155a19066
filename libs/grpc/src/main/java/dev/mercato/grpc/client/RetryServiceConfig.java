package dev.mercato.grpc.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The grpc-java service config of a target: round-robin load balancing and the retry policy for UNAVAILABLE. */
final class RetryServiceConfig {

    private RetryServiceConfig() {}

    static Map<String, Object> of(GrpcClientProperties.Retry retry) {
        Map<String, Object> methodConfig = new LinkedHashMap<>();
        methodConfig.put("name", List.of(Map.of())); // every method of every service
        if (retry.maxAttempts() > 1) {
            methodConfig.put(
                    "retryPolicy",
                    Map.of(
                            "maxAttempts", (double) retry.maxAttempts(),
                            "initialBackoff", seconds(retry.initialBackoff()),
                            "maxBackoff", seconds(retry.maxBackoff()),
                            "backoffMultiplier", retry.backoffMultiplier(),
                            "retryableStatusCodes", List.of("UNAVAILABLE")));
        }
        return Map.of(
                "loadBalancingConfig", List.of(Map.of("round_robin", Map.of())),
                "methodConfig", List.of(methodConfig));
    }

    private static String seconds(Duration duration) {
        return (duration.toNanos() / 1_000_000_000.0) + "s";
    }
}
