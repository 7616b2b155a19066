package dev.mercato.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryServiceConfigTest {

    @Test
    void retriesOnlyUnavailableWithExponentialBackoffAndBalancesRoundRobin() {
        var config = RetryServiceConfig.of(
                new GrpcClientProperties.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0));

        assertThat(config.get("loadBalancingConfig")).isEqualTo(List.of(Map.of("round_robin", Map.of())));
        @SuppressWarnings("unchecked")
        var method = ((List<Map<String, Object>>) config.get("methodConfig")).getFirst();
        assertThat(method.get("retryPolicy"))
                .isEqualTo(Map.of(
                        "maxAttempts",
                        3.0,
                        "initialBackoff",
                        "0.1s",
                        "maxBackoff",
                        "1.0s",
                        "backoffMultiplier",
                        2.0,
                        "retryableStatusCodes",
                        List.of("UNAVAILABLE")));
    }

    @Test
    void oneAttemptMeansNoRetryPolicy() {
        var config = RetryServiceConfig.of(
                new GrpcClientProperties.Retry(1, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0));

        @SuppressWarnings("unchecked")
        var method = ((List<Map<String, Object>>) config.get("methodConfig")).getFirst();
        assertThat(method).doesNotContainKey("retryPolicy");
    }
}
