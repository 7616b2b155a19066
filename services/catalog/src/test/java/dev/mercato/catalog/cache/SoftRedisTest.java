package dev.mercato.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SoftRedisTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aFailedCallIsCountedAndRedisIsSkippedForTheWindow() {
        SoftRedis redis = new SoftRedis(Duration.ofMinutes(1), new CacheMetrics(meters));

        assertThat(redis.call(this::failing)).isSameAs(SoftRedis.UNAVAILABLE);
        assertThat(redis.call(this::answering)).isSameAs(SoftRedis.UNAVAILABLE);

        assertThat(calls).as("the second call never reached Redis").hasValue(1);
        assertThat(meters.counter("catalog.cache.redis.errors").count()).isEqualTo(1);
        assertThat(meters.get("catalog.cache.redis.skipped").gauge().value()).isEqualTo(1);
    }

    @Test
    void redisIsTriedAgainOnceTheWindowHasPassed() {
        SoftRedis redis = new SoftRedis(Duration.ZERO, new CacheMetrics(meters));

        redis.call(this::failing);

        assertThat(redis.call(this::answering)).isEqualTo("value");
        assertThat(meters.get("catalog.cache.redis.skipped").gauge().value()).isZero();
    }

    @Test
    void aStrictCallThrowsItsFailureEvenWhileReadsSkipRedis() {
        SoftRedis redis = new SoftRedis(Duration.ofMinutes(1), new CacheMetrics(meters));
        redis.call(this::failing);

        assertThatThrownBy(() -> redis.strict(() -> failing())).hasMessage("refused");

        assertThat(calls).as("tried although reads skip Redis").hasValue(2);
        assertThat(meters.counter("catalog.cache.redis.errors").count()).isEqualTo(2);
    }

    private Object failing() {
        calls.incrementAndGet();
        throw new IllegalStateException("refused");
    }

    private Object answering() {
        calls.incrementAndGet();
        return "value";
    }
}
