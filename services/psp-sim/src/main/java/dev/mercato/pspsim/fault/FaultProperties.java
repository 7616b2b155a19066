package dev.mercato.pspsim.fault;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The faults the simulator starts with and returns to on {@code POST /admin/reset}. */
@ConfigurationProperties("psp-sim.faults")
record FaultProperties(Duration latency, Duration jitter, double failureRate) {

    FaultSettings settings() {
        return new FaultSettings(latency.toMillis(), jitter.toMillis(), failureRate);
    }
}
