package dev.mercato.bench.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code bench.*}.
 *
 * @param phase fill, relay, drain or latency
 * @param queue the queue the benchmark's messages are routed to
 * @param messages messages appended by fill and awaited by relay and drain
 * @param consumers competing consumer threads (drain, latency)
 * @param rate messages per second offered by the latency phase, one transaction each
 * @param warmup latency phase: time at the rate before measuring
 * @param duration latency phase: measured time at the rate
 */
@ConfigurationProperties("bench")
record BenchSettings(
        String phase,
        @DefaultValue("bench.messaging") String queue,
        @DefaultValue("50000") int messages,
        @DefaultValue("1") int consumers,
        @DefaultValue("1000") int rate,
        @DefaultValue("15s") Duration warmup,
        @DefaultValue("30s") Duration duration) {

    static final String TYPE = "bench.tick";
    static final String AGGREGATE = "bench";

    boolean consumes() {
        return phase.equals("drain") || phase.equals("latency");
    }
}
