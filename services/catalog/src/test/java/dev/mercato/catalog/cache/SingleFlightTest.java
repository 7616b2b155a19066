package dev.mercato.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void concurrentCallersOfOneKeyShareOneCall() throws Exception {
        SingleFlight flight = new SingleFlight(Duration.ofSeconds(5), new CacheMetrics(meters));
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        Future<String> first = pool.submit(() -> flight.run("product", "k", () -> {
            calls.incrementAndGet();
            loading.countDown();
            await(release);
            return "loaded";
        }));
        assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
        Future<String> second = pool.submit(() -> flight.run("product", "k", () -> "loaded again"));
        while (waits() == 0) {
            Thread.sleep(5);
        }
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("loaded");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("loaded");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aWaiterGetsTheLoadersFailure() throws Exception {
        SingleFlight flight = new SingleFlight(Duration.ofSeconds(5), new CacheMetrics(meters));
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        Future<String> first = pool.submit(() -> flight.run("product", "k", () -> {
            loading.countDown();
            await(release);
            throw new IllegalStateException("database down");
        }));
        assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();
        Future<String> waiter = pool.submit(() -> flight.run("product", "k", () -> "not shared"));
        while (waits() == 0) {
            Thread.sleep(5);
        }
        release.countDown();

        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("database down");
        assertThatThrownBy(() -> waiter.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("database down");
    }

    @Test
    void aWaiterLoadsItselfWhenTheLoaderTakesLongerThanItWaits() throws Exception {
        SingleFlight flight = new SingleFlight(Duration.ofMillis(50), new CacheMetrics(meters));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch loading = new CountDownLatch(1);

        pool.submit(() -> flight.run("product", "k", () -> {
            loading.countDown();
            await(release);
            return "slow";
        }));
        assertThat(loading.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(flight.run("product", "k", () -> "own")).isEqualTo("own");
        release.countDown();
    }

    private double waits() {
        return meters.counter("catalog.cache.stampede.waits", "cache", "product", "where", "local")
                .count();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
