package dev.mercato.messaging.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An idempotent consumer: its durable work queue with bindings, its retry and dead-letter behaviour and its handler.
 * Settings left unset come from {@code mercato.messaging.consumer.*}. Build one with {@link Consumers#on(String)}.
 */
public record ConsumerSpec(
        String queue,
        List<QueueBinding> bindings,
        @Nullable Integer maxAttempts,
        @Nullable Duration initialDelay,
        @Nullable Double multiplier,
        @Nullable Duration maxDelay,
        @Nullable Double jitter,
        @Nullable Integer prefetch,
        @Nullable Integer concurrency,
        boolean inTransaction,
        boolean singleActiveConsumer,
        MessageHandler handler) {

    public ConsumerSpec {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(handler, "handler");
        bindings = List.copyOf(bindings);
    }

    public RetryPolicy retryPolicy(RetryPolicy defaults) {
        return new RetryPolicy(
                maxAttempts != null ? maxAttempts : defaults.maxAttempts(),
                initialDelay != null ? initialDelay : defaults.initialDelay(),
                multiplier != null ? multiplier : defaults.multiplier(),
                maxDelay != null ? maxDelay : defaults.maxDelay(),
                jitter != null ? jitter : defaults.jitter());
    }

    public static final class Builder {

        private final String queue;
        private final List<QueueBinding> bindings = new ArrayList<>();
        private Integer maxAttempts;
        private Duration initialDelay;
        private Double multiplier;
        private Duration maxDelay;
        private Double jitter;
        private Integer prefetch;
        private Integer concurrency;
        private boolean inTransaction = true;
        private boolean singleActiveConsumer;

        Builder(String queue) {
            if (queue == null || queue.isBlank() || queue.startsWith("amq.")) {
                throw new IllegalArgumentException("A consumer needs a queue name not starting with 'amq.': " + queue);
            }
            this.queue = queue;
        }

        /** Binds the work queue to a topic or direct exchange with a routing key (topic patterns allowed). */
        public Builder bind(String exchange, String routingKey) {
            bindings.add(new QueueBinding(exchange, routingKey, Map.of()));
            return this;
        }

        /** Binds the work queue to a headers exchange: messages whose headers match all of these. */
        public Builder bindHeaders(String exchange, Map<String, Object> headers) {
            if (headers.isEmpty()) {
                throw new IllegalArgumentException("A headers binding needs at least one header");
            }
            bindings.add(new QueueBinding(exchange, "", headers));
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Exponential backoff between attempts: {@code initial * multiplier^(n-1)}, at most {@code max}. */
        public Builder backoff(Duration initial, double multiplier, Duration max) {
            this.initialDelay = initial;
            this.multiplier = multiplier;
            this.maxDelay = max;
            return this;
        }

        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Unacknowledged messages per consumer thread. */
        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** Competing consumers on the queue in this instance. */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /**
         * For a handler whose effect leaves the process (an e-mail, a call to another service): it runs outside any
         * transaction, so no database connection or lock is held while it waits on the other side. The inbox is
         * checked before it in a query and recorded after it in a short transaction of its own, so the handler must
         * make a repeated run harmless itself: it runs again when the process dies between its effect and the inbox
         * record, or when that record fails.
         */
        public Builder outsideTransaction() {
            this.inTransaction = false;
            return this;
        }

        /**
         * The broker delivers to one consumer of the queue at a time, across every instance; when it goes away, the
         * next one takes over with the unacknowledged messages first. With {@code concurrency(1)} the queue is
         * handled in the order it was published, also across an instance's loss (retried messages excepted: they
         * come back after their delay). RabbitMQ fixes this when it creates the queue: changing it takes a new name.
         */
        public Builder singleActiveConsumer() {
            this.singleActiveConsumer = true;
            return this;
        }

        public ConsumerSpec handle(MessageHandler handler) {
            return new ConsumerSpec(
                    queue,
                    bindings,
                    maxAttempts,
                    initialDelay,
                    multiplier,
                    maxDelay,
                    jitter,
                    prefetch,
                    concurrency,
                    inTransaction,
                    singleActiveConsumer,
                    handler);
        }
    }
}
