package dev.mercato.messaging.deadletter.web;

import dev.mercato.messaging.consumer.ConsumerSpec;
import dev.mercato.messaging.consumer.QueueNames;
import dev.mercato.messaging.deadletter.DeadLetterQueue;
import dev.mercato.messaging.deadletter.DeadLetters;
import dev.mercato.messaging.topology.Topologies;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import java.util.List;
import org.springframework.amqp.AmqpException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's view of this service's dead-letter queues: list, look at, replay, discard, purge. Only the DLQs of
 * this service's own consumers can be named (by the consumer's work queue or by the DLQ itself); any other name is
 * 404, so no other queue on the broker is ever touched. Every endpoint needs the {@code admin} role, checked here with
 * {@code @PreAuthorize}: the service authenticates the caller and enables method security (the auto-configuration
 * refuses to start otherwise).
 */
@RestController
@RequestMapping(path = "/v1/admin/dead-letters", produces = "application/json")
public class DeadLetterController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_NAME_LENGTH = 255;

    private final DeadLetters deadLetters;
    private final Topologies topologies;
    private final JsonMapper json;

    public DeadLetterController(DeadLetters deadLetters, Topologies topologies, JsonMapper json) {
        this.deadLetters = deadLetters;
        this.topologies = topologies;
        this.json = json;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @GetMapping
    public DeadLetterViews.Queues list() {
        return new DeadLetterViews.Queues(broker(
                () -> deadLetters.list().stream().map(DeadLetterViews.Queue::of).toList()));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @GetMapping("/{queue}")
    public DeadLetterViews.Messages peek(
            @PathVariable String queue, @RequestParam(name = "limit", required = false) String limit) {
        int count = limit(limit);
        String workQueue = workQueue(queue);
        return broker(() -> {
            DeadLetterQueue dlq = deadLetterQueue(workQueue);
            var items = deadLetters.peek(workQueue, count).stream()
                    .map(letter -> DeadLetterViews.Message.of(letter, json))
                    .toList();
            return new DeadLetterViews.Messages(dlq.queue(), dlq.deadLetterQueue(), dlq.depth(), items);
        });
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/{queue}/replay")
    public DeadLetterViews.Replayed replayAll(@PathVariable String queue) {
        String workQueue = workQueue(queue);
        return new DeadLetterViews.Replayed(replaying(() -> deadLetters.replayAll(workQueue)));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/{queue}/messages/{messageId}/replay")
    public DeadLetterViews.Replayed replay(@PathVariable String queue, @PathVariable String messageId) {
        String workQueue = workQueue(queue);
        String id = messageId(messageId);
        if (!replaying(() -> deadLetters.replay(workQueue, id))) {
            throw messageNotFound(workQueue, id);
        }
        return new DeadLetterViews.Replayed(1);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @DeleteMapping("/{queue}")
    public DeadLetterViews.Purged purge(@PathVariable String queue) {
        String workQueue = workQueue(queue);
        return new DeadLetterViews.Purged(broker(() -> deadLetters.purge(workQueue)));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @DeleteMapping("/{queue}/messages/{messageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> discard(@PathVariable String queue, @PathVariable String messageId) {
        String workQueue = workQueue(queue);
        String id = messageId(messageId);
        if (!broker(() -> deadLetters.discard(workQueue, id))) {
            throw messageNotFound(workQueue, id);
        }
        return ResponseEntity.noContent().build();
    }

    /** The consumer's work queue, named by itself or by its DLQ; 404 for anything that is not one of ours. */
    private String workQueue(String name) {
        List<ConsumerSpec> consumers = topologies.consumers();
        for (ConsumerSpec consumer : consumers) {
            if (consumer.queue().equals(name)) {
                return consumer.queue();
            }
        }
        for (ConsumerSpec consumer : consumers) {
            if (QueueNames.deadLetter(consumer.queue()).equals(name)) {
                return consumer.queue();
            }
        }
        throw ProblemException.notFound("Dead-letter queue", name);
    }

    private DeadLetterQueue deadLetterQueue(String workQueue) {
        return deadLetters.list().stream()
                .filter(dlq -> dlq.queue().equals(workQueue))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Dead-letter queue", workQueue));
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT + ", was '" + value + "'");
    }

    private static String messageId(String value) {
        if (value.isBlank() || value.length() > MAX_NAME_LENGTH) {
            throw ProblemException.invalid("messageId", "must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return value;
    }

    private static ProblemException messageNotFound(String workQueue, String messageId) {
        return new ProblemException(Problems.of(
                ProblemType.NOT_FOUND,
                "Message " + messageId + " is not in the dead-letter queue " + QueueNames.deadLetter(workQueue)));
    }

    /** A replay the broker did not confirm leaves the message in the DLQ: the broker is the problem, not the request. */
    private static <T> T replaying(BrokerCall<T> call) {
        try {
            return broker(call);
        } catch (IllegalStateException e) {
            throw unavailable(e.getMessage());
        }
    }

    private static <T> T broker(BrokerCall<T> call) {
        try {
            return call.run();
        } catch (AmqpException e) {
            throw unavailable("The message broker could not be reached or refused the operation; retry later");
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(Problems.of(ProblemType.UNAVAILABLE, detail));
    }

    @FunctionalInterface
    private interface BrokerCall<T> {
        T run();
    }
}
