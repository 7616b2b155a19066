package dev.mercato.messaging.outbox;

import dev.mercato.messaging.consumer.MessageContext;
import dev.mercato.messaging.envelope.TraceparentSource;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only way a service sends a message: {@link #append} writes it to the outbox table in the caller's transaction,
 * so the message exists if and only if the business change committed; the {@link OutboxRelay} publishes it after
 * the commit.
 *
 * <p>Messages of one aggregate are published in append order as long as the transactions that append them are
 * serialized on that aggregate (they update its row first, as a version check or lock does): the sequence number is
 * taken at insert, so two concurrent, unserialized transactions could commit their messages in the other order.
 */
public final class Outbox {

    /** Request ids of HTTP requests (libs/web puts them in the logging context). */
    private static final String REQUEST_ID_MDC_KEY = "requestId";

    private final OutboxRows rows;
    private final JsonMapper json;
    private final int partitions;
    private final TraceparentSource traces;
    private final Runnable afterCommit;

    public Outbox(OutboxRows rows, JsonMapper json, int partitions, TraceparentSource traces, Runnable afterCommit) {
        this.rows = rows;
        this.json = json;
        this.partitions = partitions;
        this.traces = traces;
        this.afterCommit = afterCommit;
    }

    /**
     * Appends a message in the current transaction and returns its message id.
     *
     * @throws IllegalStateException when no transaction is active: a message written outside the business
     *     transaction could be sent for a change that never committed, or lost for one that did
     */
    public UUID append(OutgoingMessage message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append must run inside the transaction that makes the change it "
                    + "announces (@Transactional or TransactionTemplate)");
        }
        UUID messageId = UUID.randomUUID();
        Optional<MessageContext> handling = MessageContext.current();
        String correlationId = firstNonNull(
                message.correlationId(),
                handling.map(context -> context.envelope().correlationId()).orElse(null),
                MDC.get(REQUEST_ID_MDC_KEY),
                messageId.toString());
        String causationId = message.causationId() != null
                ? message.causationId()
                : handling.map(context -> context.envelope().messageId().toString())
                        .orElse(null);
        var headers = new StoredHeaders(correlationId, causationId, traces.current(), message.headers());
        Instant occurredAt = message.occurredAt() != null ? message.occurredAt() : Instant.now();
        rows.insert(
                messageId,
                message,
                Partitions.of(message.aggregateId(), partitions),
                json.writeValueAsString(message.payload()),
                json.writeValueAsString(headers),
                occurredAt);
        wakeRelayAfterCommit();
        return messageId;
    }

    private void wakeRelayAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        boolean registered = TransactionSynchronizationManager.getSynchronizations().stream()
                .anyMatch(synchronization -> synchronization instanceof WakeRelay);
        if (!registered) {
            TransactionSynchronizationManager.registerSynchronization(new WakeRelay(afterCommit));
        }
    }

    private record WakeRelay(Runnable wake) implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            wake.run();
        }
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
