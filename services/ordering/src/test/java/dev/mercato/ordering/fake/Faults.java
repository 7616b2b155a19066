package dev.mercato.ordering.fake;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Scripted failures per method name ({@code Reserve}, {@code Capture}, ...): the next n calls fail, or all are slow. */
public final class Faults {

    private record Failure(Status.Code code, AtomicInteger remaining) {}

    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** The next {@code times} calls of {@code method} fail with {@code code} before doing anything. */
    public void failNext(String method, Status.Code code, int times) {
        failures.put(method, new Failure(code, new AtomicInteger(times)));
    }

    /** Every call of {@code method} takes this long before it is served. */
    public void delay(String method, long millis) {
        delays.put(method, millis);
    }

    public int calls(String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    public void reset() {
        failures.clear();
        delays.clear();
        calls.clear();
    }

    void enter(String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        Long delay = delays.get(method);
        if (delay != null) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Failure failure = failures.get(method);
        if (failure != null && failure.remaining().getAndDecrement() > 0) {
            throw new StatusRuntimeException(Status.fromCode(failure.code()).withDescription("scripted failure"));
        }
    }
}
