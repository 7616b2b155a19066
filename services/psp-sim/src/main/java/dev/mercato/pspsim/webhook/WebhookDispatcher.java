package dev.mercato.pspsim.webhook;

import dev.mercato.web.poll.PollSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers pending webhooks from the database: every attempt and its outcome are persisted, so deliveries survive a
 * restart, back off exponentially with jitter on failures, and are marked failed after the last attempt.
 */
@Component
@ConditionalOnBooleanProperty(name = "psp-sim.webhooks.dispatch-enabled", matchIfMissing = true)
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookRepository repository;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final PollSchedule schedule;
    private final Backoff backoff;

    WebhookDispatcher(
            WebhookRepository repository,
            WebhookSender sender,
            WebhookProperties properties,
            TransactionTemplate transactions,
            Clock clock,
            PollSchedule schedule) {
        this.repository = repository;
        this.sender = sender;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.schedule = schedule;
        this.backoff = new Backoff(properties.initialBackoff(), properties.maxBackoff());
    }

    @Scheduled(fixedDelayString = "${psp-sim.webhooks.poll-interval}")
    void dispatchDue() {
        if (!schedule.takeIfDue()) {
            return;
        }
        List<WebhookRepository.DueDelivery> due;
        try {
            due = repository.claimDue(
                    properties.batchSize(), properties.timeout().plusSeconds(30));
        } catch (RuntimeException e) {
            log.warn("Could not look for due webhooks: {}", e.getMessage());
            schedule.polled(true); // found nothing out: ask again soon
            return;
        }
        schedule.polled(!due.isEmpty());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            due.forEach(delivery -> executor.submit(() -> deliver(delivery)));
        }
    }

    private void deliver(WebhookRepository.DueDelivery delivery) {
        int attempt = delivery.attempts() + 1;
        Instant started = clock.instant();
        WebhookSender.Result result = sender.send(delivery, attempt);
        Instant finished = clock.instant();
        var row = new WebhookRepository.AttemptRow(
                delivery.id(),
                attempt,
                started,
                result.statusCode(),
                result.error(),
                Duration.between(started, finished).toMillis());
        String error =
                result.error() != null ? result.error() : result.delivered() ? null : "HTTP " + result.statusCode();
        try {
            transactions.executeWithoutResult(tx -> {
                repository.recordAttempt(row);
                if (result.delivered()) {
                    repository.updateDelivery(delivery.id(), "delivered", attempt, finished, result.statusCode(), null);
                } else if (attempt >= properties.maxAttempts()) {
                    log.warn(
                            "Webhook {} to {} failed after {} attempts: {}",
                            delivery.eventId(),
                            delivery.url(),
                            attempt,
                            error);
                    repository.updateDelivery(delivery.id(), "failed", attempt, finished, result.statusCode(), error);
                } else {
                    Instant next = finished.plus(
                            backoff.after(attempt, ThreadLocalRandom.current().nextDouble()));
                    repository.updateDelivery(delivery.id(), "pending", attempt, next, result.statusCode(), error);
                    schedule.dueAt(next);
                }
            });
        } catch (RuntimeException e) {
            // The lease taken when claiming runs out and the delivery is attempted again.
            log.warn("Could not record webhook attempt for {}: {}", delivery.eventId(), e.getMessage());
            schedule.dueAt(clock.instant().plus(properties.timeout().plusSeconds(30)));
        }
    }
}
