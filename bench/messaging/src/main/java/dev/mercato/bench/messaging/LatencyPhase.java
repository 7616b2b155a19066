package dev.mercato.bench.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A service's steady traffic: bench.rate transactions per second, each appending one message, started on schedule
 * whether or not earlier ones finished (open loop, so a slow moment shows as latency instead of a lower rate). The
 * relay and the consumer run as in a service. Measured, after the warm-up:
 *
 * <ul>
 *   <li>end to end: from the producer's commit returning to the consumer's handler starting (same JVM clock);
 *   <li>relay lag: from the producing transaction's start (created_at) to the confirm (published_at), both stamped
 *       by PostgreSQL;
 *   <li>how late the producer's commits were against the schedule, to show the producer kept up.
 * </ul>
 */
@Component
class LatencyPhase implements Phase {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final BenchSettings settings;
    private final BenchMessages messages;
    private final Receipts receipts;
    private final JdbcClient jdbc;

    LatencyPhase(BenchSettings settings, BenchMessages messages, Receipts receipts, JdbcClient jdbc) {
        this.settings = settings;
        this.messages = messages;
        this.receipts = receipts;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public void run() throws InterruptedException {
        int rate = settings.rate();
        int warmupCount = (int) (rate * settings.warmup().toMillis() / 1000);
        int total = warmupCount + (int) (rate * settings.duration().toMillis() / 1000);
        long intervalNanos = 1_000_000_000L / rate;
        AtomicLongArray committedAt = new AtomicLongArray(total);
        AtomicLongArray scheduledAt = new AtomicLongArray(total);

        long start = System.nanoTime() + 100_000_000L;
        try (ExecutorService producers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int n = i;
                scheduledAt.set(n, due);
                producers.submit(() -> {
                    messages.append(n, n + 1);
                    committedAt.set(n, System.nanoTime());
                });
            }
        }
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (receipts.count() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        Histogram endToEnd = new Histogram(3);
        Histogram commitLateness = new Histogram(3);
        int missing = 0;
        for (int n = warmupCount; n < total; n++) {
            Long arrived = receipts.arrivalOf(n);
            commitLateness.recordValue(Math.max(0, committedAt.get(n) - scheduledAt.get(n)) / 1_000);
            if (arrived == null) {
                missing++;
                continue;
            }
            endToEnd.recordValue(Math.max(0, arrived - committedAt.get(n)) / 1_000);
        }
        var lag = jdbc.sql("""
                        select percentile_cont(array[0.5, 0.9, 0.99])
                                   within group (order by extract(epoch from published_at - created_at)) as q,
                               max(extract(epoch from published_at - created_at)) as max
                        from messaging.outbox_message
                        where type = ? and (payload ->> 'n')::bigint >= ? and published_at is not null
                        """)
                .param(BenchSettings.TYPE)
                .param(warmupCount)
                .query((rs, row) -> {
                    Double[] q = (Double[]) rs.getArray("q").getArray();
                    return new double[] {q[0] * 1000, q[1] * 1000, q[2] * 1000, rs.getDouble("max") * 1000};
                })
                .single();

        Report.line(
                "latency: %,d msg/s offered for %d s after %d s warm-up, %d consumer(s); %,d measured, %d not consumed",
                rate,
                settings.duration().toSeconds(),
                settings.warmup().toSeconds(),
                settings.consumers(),
                total - warmupCount,
                missing);
        Report.line("latency: commit -> consumer  %s", quantiles(endToEnd));
        Report.line(
                "latency: relay lag (tx start -> confirm)  p50 %.1f  p90 %.1f  p99 %.1f  max %.1f ms",
                lag[0], lag[1], lag[2], lag[3]);
        Report.line("latency: producer commit behind schedule  %s", quantiles(commitLateness));
    }

    private static String quantiles(Histogram micros) {
        return "p50 %.1f  p90 %.1f  p99 %.1f  max %.1f ms"
                .formatted(
                        micros.getValueAtPercentile(50) / 1000.0,
                        micros.getValueAtPercentile(90) / 1000.0,
                        micros.getValueAtPercentile(99) / 1000.0,
                        micros.getMaxValue() / 1000.0);
    }
}
