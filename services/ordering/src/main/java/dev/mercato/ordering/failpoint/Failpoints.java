package dev.mercato.ordering.failpoint;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Named places in the code where a test can make the process crash, stall or fail on purpose, armed only by
 * configuration ({@code ordering.failpoints}, env {@code ORDERING_FAILPOINTS}):
 * {@code saga.after-call.AUTHORIZE_PAYMENT=crash,saga.before-call.CAPTURE_PAYMENT=delay:2000}. Actions:
 * {@code crash} (halt the JVM with 137, like kill -9: no shutdown hooks, nothing flushed), {@code delay:<ms>},
 * {@code error} (throws {@link FailpointError}); a suffix {@code @N} fires it only the first N times in this process
 * ({@code error@1}). Unarmed, {@link #hit} is one map lookup on an empty map.
 */
public final class Failpoints {

    public static final Failpoints NONE = new Failpoints(Map.of(), status -> {});

    private final Map<String, Action> armed;
    private final Map<String, AtomicInteger> remaining = new ConcurrentHashMap<>();
    private final IntConsumer halt;

    Failpoints(Map<String, Action> armed, IntConsumer halt) {
        this.armed = Map.copyOf(armed);
        this.halt = halt;
        armed.forEach((name, action) -> {
            if (action.times() > 0) {
                remaining.put(name, new AtomicInteger(action.times()));
            }
        });
    }

    public static Failpoints parse(@Nullable String spec) {
        return parse(spec, status -> Runtime.getRuntime().halt(status));
    }

    static Failpoints parse(@Nullable String spec, IntConsumer halt) {
        Map<String, Action> armed = new LinkedHashMap<>();
        if (spec != null) {
            for (String entry : spec.split(",")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                if (eq <= 0 || eq == trimmed.length() - 1) {
                    throw new IllegalArgumentException("failpoint '" + trimmed + "' is not name=action");
                }
                armed.put(
                        trimmed.substring(0, eq).trim(),
                        Action.parse(trimmed.substring(eq + 1).trim()));
            }
        }
        return new Failpoints(armed, halt);
    }

    public Map<String, Action> armed() {
        return armed;
    }

    public boolean isEmpty() {
        return armed.isEmpty();
    }

    /** Runs the action armed at this name, if any. */
    public void hit(String name) {
        if (armed.isEmpty()) {
            return;
        }
        Action action = armed.get(name);
        if (action == null) {
            return;
        }
        AtomicInteger left = remaining.get(name);
        if (left != null && left.getAndDecrement() <= 0) {
            return;
        }
        switch (action.kind()) {
            case CRASH -> {
                System.err.println("FAILPOINT " + name + " crash: halting the JVM with 137");
                System.err.flush();
                halt.accept(137);
            }
            case DELAY -> {
                try {
                    Thread.sleep(action.millis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case ERROR -> throw new FailpointError(name);
        }
    }

    /** One armed action. */
    public record Action(Kind kind, long millis, int times) {

        public Action(Kind kind, long millis) {
            this(kind, millis, 0);
        }

        public enum Kind {
            CRASH,
            DELAY,
            ERROR
        }

        static Action parse(String text) {
            int at = text.lastIndexOf('@');
            if (at > 0) {
                Action action = parse(text.substring(0, at));
                try {
                    int times = Integer.parseInt(text.substring(at + 1));
                    if (times > 0) {
                        return new Action(action.kind(), action.millis(), times);
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw new IllegalArgumentException("failpoint count in '" + text + "' must be a positive number");
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("crash")) {
                return new Action(Kind.CRASH, 0);
            }
            if (lower.equals("error")) {
                return new Action(Kind.ERROR, 0);
            }
            if (lower.startsWith("delay:")) {
                try {
                    long millis = Long.parseLong(lower.substring("delay:".length()));
                    if (millis >= 0) {
                        return new Action(Kind.DELAY, millis);
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            throw new IllegalArgumentException("unknown failpoint action '" + text + "' (crash, error, delay:<ms>)");
        }

        @Override
        public String toString() {
            String name = kind == Kind.DELAY ? "delay:" + millis : kind.name().toLowerCase(Locale.ROOT);
            return times > 0 ? name + "@" + times : name;
        }
    }
}
