package dev.mercato.bench.messaging;

import dev.mercato.messaging.envelope.Envelope;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * What the consumer saw: how many benchmark messages it handled and, for the latency phase, when each arrived
 * (nanoTime, comparable with the producer's because both run in this JVM).
 */
@Component
class Receipts {

    private final AtomicLong count = new AtomicLong();
    private final ConcurrentHashMap<Long, Long> arrivals = new ConcurrentHashMap<>();
    private volatile long firstAt;
    private volatile long lastAt;

    void record(Envelope envelope) {
        long now = System.nanoTime();
        if (count.getAndIncrement() == 0) {
            firstAt = now;
        }
        lastAt = now;
        arrivals.putIfAbsent(envelope.payload().get("n").asLong(), now);
    }

    long count() {
        return count.get();
    }

    Long arrivalOf(long n) {
        return arrivals.get(n);
    }

    long firstAt() {
        return firstAt;
    }

    long lastAt() {
        return lastAt;
    }
}
