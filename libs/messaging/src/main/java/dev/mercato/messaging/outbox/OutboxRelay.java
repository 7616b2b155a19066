package dev.mercato.messaging.outbox;

import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.publish.ConfirmedPublisher;
import dev.mercato.messaging.publish.ConfirmedPublisher.Outcome;
import dev.mercato.messaging.publish.ConfirmedPublisher.Outgoing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes committed outbox messages, on a virtual thread: every poll interval, and at once after a local commit
 * that appended something.
 *
 * <p>Each partition is published in its own transaction that first claims it with a transaction-scoped advisory lock,
 * so any number of relay instances share the partitions and each partition is published by one relay at a time, in
 * sequence order. A message is marked published only after the broker confirmed it and did not return it as
 * unroutable (except on exchanges where a subscriber is optional, such as the domain events' topic exchange: an event
 * nobody subscribes to yet is published and counted); otherwise it stays unpublished with its attempt count and error, is retried with backoff, and the later
 * messages of its aggregate wait for it. At-least-once: a crash between the confirm and the commit publishes a
 * message again, which consumers absorb by message id.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private final OutboxRows rows;
    private final TransactionTemplate transactions;
    private final ConfirmedPublisher publisher;
    private final AmqpEnvelopes envelopes;
    private final JsonMapper json;
    private final OutboxMetrics metrics;
    private final Settings settings;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicLong publishedTotal = new AtomicLong();

    private volatile boolean running;
    private volatile Thread thread;

    /**
     * @param pollInterval how often the relay looks for due messages without being woken, while it finds some
     * @param idleInterval how often at most once it finds none: the wait doubles from {@code pollInterval} up to
     *     this. Every local commit that appends wakes the relay at once, so polling only catches messages another
     *     instance committed and could not publish (it died): an idle relay need not ask twenty times a second.
     * @param batchSize messages per partition per transaction
     * @param concurrency partitions published at the same time, each in its own transaction, so their confirm round
     *     trips (the broker writes persistent messages to disk before confirming) overlap
     * @param confirmTimeout how long to wait for the broker's confirms
     * @param retryInitial delay before the first retry of a message the broker did not take
     * @param retryMax cap of that delay, which doubles per attempt
     * @param appId the AMQP app-id of published messages (the service name)
     */
    public record Settings(
            Duration pollInterval,
            Duration idleInterval,
            int batchSize,
            int concurrency,
            Duration confirmTimeout,
            Duration retryInitial,
            Duration retryMax,
            String appId,
            Set<String> subscriberOptionalExchanges) {}

    public OutboxRelay(
            OutboxRows rows,
            TransactionTemplate transactions,
            ConfirmedPublisher publisher,
            AmqpEnvelopes envelopes,
            OutboxMetrics metrics,
            Settings settings) {
        this.rows = rows;
        this.transactions = transactions;
        this.publisher = publisher;
        this.envelopes = envelopes;
        this.json = envelopes.json();
        this.metrics = metrics;
        this.settings = settings;
    }

    /** Look for due messages now rather than at the next poll. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Messages this relay instance has published since it started. */
    public long publishedCount() {
        return publishedTotal.get();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("outbox-relay").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        Thread current = thread;
        if (current != null) {
            try {
                if (!current.join(settings.confirmTimeout().plusSeconds(5))) {
                    log.warn("Outbox relay did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration pause = Duration.ZERO;
        Duration idle = settings.pollInterval();
        boolean woken = false;
        while (running) {
            try {
                Pass pass = relayDue();
                if (pass.brokerTrouble()) {
                    pause = pause.isZero() ? Duration.ofMillis(250) : min(pause.multipliedBy(2));
                    log.warn("Broker unavailable to the outbox relay; retrying in {} ms", pause.toMillis());
                    sleep(pause);
                    continue;
                }
                pause = Duration.ZERO;
                if (pass.moreWaiting()) {
                    continue;
                }
                // Polling is for messages no local commit announced (another instance's, left when it died): poll
                // fast while a poll finds some. What a wake-up found was the local commit's, all of it (the batch was
                // not full), so the polls keep backing off: one scan per wake-up instead of a second one a poll
                // interval later that finds nothing (two scans per event under a steady checkout load).
                idle = pass.published() > 0 && !woken ? settings.pollInterval() : longerIdle(idle);
                // A message that failed here is retried on time even when the poll interval is longer.
                Duration wait =
                        pass.nextRetry() != null && pass.nextRetry().compareTo(idle) < 0 ? pass.nextRetry() : idle;
                woken = awaitWakeUp(wait);
            } catch (RuntimeException e) {
                pause = pause.isZero() ? Duration.ofMillis(500) : min(pause.multipliedBy(2));
                log.warn("Outbox relay pass failed; retrying in {} ms", pause.toMillis(), e);
                sleep(pause);
            }
        }
    }

    /** @param nextRetry the shortest retry delay of a message that failed in this pass, if any */
    record Pass(int published, boolean moreWaiting, boolean brokerTrouble, Duration nextRetry) {

        Pass and(Pass other) {
            Duration retry = nextRetry == null
                    ? other.nextRetry
                    : other.nextRetry == null || nextRetry.compareTo(other.nextRetry) < 0 ? nextRetry : other.nextRetry;
            return new Pass(
                    published + other.published,
                    moreWaiting || other.moreWaiting,
                    brokerTrouble || other.brokerTrouble,
                    retry);
        }
    }

    private static final Pass NOTHING = new Pass(0, false, false, null);

    /** One pass over every partition with due messages. */
    Pass relayDue() {
        OutboxRows.Scan scan = rows.scan();
        metrics.scanned();
        List<Integer> partitions = new ArrayList<>(scan.pendingPartitions());
        // Relays that start at different partitions contend less for the same ones.
        Collections.shuffle(partitions);
        Pass total = new Pass(0, false, false, scan.nextRetry());
        Queue<Integer> due = new ConcurrentLinkedQueue<>(partitions);
        int workers = Math.min(settings.concurrency(), partitions.size());
        if (workers <= 1) {
            return total.and(relayEach(due));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Pass>> results = new ArrayList<>(workers);
            for (int i = 0; i < workers; i++) {
                results.add(pool.submit(() -> relayEach(due)));
            }
            for (Future<Pass> result : results) {
                total = total.and(result.get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return total;
    }

    /** Takes partitions off the shared queue until it is empty; on broker trouble the other workers stop too. */
    private Pass relayEach(Queue<Integer> due) {
        Pass total = NOTHING;
        Integer partition;
        while ((partition = due.poll()) != null) {
            if (!running && thread != null) {
                break;
            }
            int claimed = partition;
            total = total.and(transactions.execute(status -> relayPartition(claimed)));
            if (total.brokerTrouble()) {
                due.clear();
                break;
            }
        }
        return total;
    }

    private Pass relayPartition(int partition) {
        if (!rows.tryClaim(partition)) {
            return NOTHING;
        }
        List<OutboxRows.Row> batch = rows.lockDue(partition, settings.batchSize());
        List<Long> published = new ArrayList<>();
        Set<String> held = new HashSet<>();
        boolean brokerTrouble = false;
        Duration nextRetry = null;
        List<OutboxRows.Row> pending = batch;
        while (!pending.isEmpty() && !brokerTrouble) {
            // A wave holds one message per aggregate: when one fails, the next of its aggregate has not been sent.
            List<OutboxRows.Row> wave = new ArrayList<>();
            List<OutboxRows.Row> later = new ArrayList<>();
            Set<String> inWave = new HashSet<>();
            for (OutboxRows.Row row : pending) {
                if (held.contains(row.aggregateKey())) {
                    continue;
                }
                (inWave.add(row.aggregateKey()) ? wave : later).add(row);
            }
            List<Outcome> outcomes =
                    publisher.publishAll(wave.stream().map(this::outgoing).toList(), settings.confirmTimeout());
            metrics.sent((int) outcomes.stream()
                    .filter(outcome -> outcome.status() != ConfirmedPublisher.Status.NOT_SENT)
                    .count());
            for (int i = 0; i < wave.size(); i++) {
                OutboxRows.Row row = wave.get(i);
                Outcome outcome = outcomes.get(i);
                if (outcome.status() == ConfirmedPublisher.Status.RETURNED
                        && settings.subscriberOptionalExchanges().contains(row.exchange())) {
                    metrics.unrouted(row.type());
                    published.add(row.seq());
                    continue;
                }
                metrics.outcome(outcome);
                if (outcome.confirmed()) {
                    published.add(row.seq());
                    continue;
                }
                held.add(row.aggregateKey());
                if (outcome.status() == ConfirmedPublisher.Status.NOT_SENT) {
                    continue;
                }
                brokerTrouble |= outcome.status() == ConfirmedPublisher.Status.FAILED;
                log.warn(
                        "Outbox message {} ({}) not published, attempt {}: {}",
                        row.messageId(),
                        row.type(),
                        row.attempts() + 1,
                        outcome.error());
                Duration retryIn = retryDelay(row.attempts());
                rows.markFailed(row.seq(), outcome.error(), retryIn);
                nextRetry = nextRetry == null || retryIn.compareTo(nextRetry) < 0 ? retryIn : nextRetry;
            }
            pending = later;
        }
        rows.markPublished(published);
        publishedTotal.addAndGet(published.size());
        return new Pass(
                published.size(), batch.size() == settings.batchSize() && !brokerTrouble, brokerTrouble, nextRetry);
    }

    private Outgoing outgoing(OutboxRows.Row row) {
        StoredHeaders headers = json.readValue(row.headers(), StoredHeaders.class);
        Message message = envelopes.toMessage(new Envelope(
                row.messageId(),
                row.type(),
                row.version(),
                row.occurredAt(),
                headers.correlationId(),
                headers.causationId(),
                headers.traceparent(),
                json.readTree(row.payload())));
        headers.amqp().forEach(message.getMessageProperties()::setHeader);
        message.getMessageProperties().setAppId(settings.appId());
        return new Outgoing(row.exchange(), row.routingKey(), message);
    }

    /** Doubles per attempt from the initial delay, capped. */
    Duration retryDelay(int previousAttempts) {
        long initial = settings.retryInitial().toMillis();
        double millis = initial * Math.pow(2, Math.min(previousAttempts, 30));
        return Duration.ofMillis((long) Math.min(millis, settings.retryMax().toMillis()));
    }

    private Duration longerIdle(Duration idle) {
        Duration doubled = idle.multipliedBy(2);
        Duration longest = settings.idleInterval().compareTo(settings.pollInterval()) > 0
                ? settings.idleInterval()
                : settings.pollInterval();
        return doubled.compareTo(longest) > 0 ? longest : doubled;
    }

    /** True when woken (a local commit, or stop) before the timeout. */
    private boolean awaitWakeUp(Duration timeout) {
        try {
            if (wakeUps.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                wakeUps.drainPermits();
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return true;
        }
    }

    /** Unlike a poll wait, commits do not cut this short (they would hammer a broker that is down); stop does. */
    private void sleep(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Duration min(Duration pause) {
        return pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
    }
}
