package dev.mercato.documents.job;

import dev.mercato.documents.invoice.Invoices;
import dev.mercato.documents.order.OrderCopy;
import dev.mercato.documents.order.OrderRepository;
import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Renders one chunk of a bulk job, a batch of its pending items per transaction: the files are written, then the
 * renders are counted, the items marked done and the job's counters raised in one commit. Killed mid-chunk, the
 * broker hands the chunk to another worker (or this one, restarted), which finds the finished items done and renders
 * only the rest: a batch cut short is rendered again over the same files and counted once.
 */
@Component
public class InvoiceChunkWorker {

    private final JobRepository jobs;
    private final OrderRepository orders;
    private final Invoices invoices;
    private final TransactionTemplate transactions;
    private final JobSettings settings;

    InvoiceChunkWorker(
            JobRepository jobs,
            OrderRepository orders,
            Invoices invoices,
            TransactionTemplate transactions,
            JobSettings settings) {
        this.jobs = jobs;
        this.orders = orders;
        this.invoices = invoices;
        this.transactions = transactions;
        this.settings = settings;
    }

    public void handle(Envelope message) {
        if (!InvoiceChunk.MESSAGE_TYPE.equals(message.type()) || message.version() != 1) {
            throw new PermanentMessageFailure("not an invoice chunk: " + message.qualifiedType());
        }
        UUID job;
        int chunk;
        try {
            job = UUID.fromString(message.payload().get("jobId").asString());
            chunk = message.payload().get("chunk").asInt();
        } catch (RuntimeException unreadable) {
            throw new PermanentMessageFailure("unreadable invoice chunk " + message.messageId(), unreadable);
        }
        while (Boolean.TRUE.equals(transactions.execute(status -> batch(job, chunk)))) {
            // next batch
        }
    }

    /** One batch in the current transaction; false when the chunk had nothing left to do. */
    private boolean batch(UUID job, int chunk) {
        List<UUID> pending = jobs.pending(job, chunk, settings.batchSize());
        if (pending.isEmpty()) {
            return false;
        }
        Map<UUID, OrderCopy> known = orders.confirmedAmong(pending).stream()
                .collect(Collectors.toMap(OrderCopy::orderId, Function.identity()));
        List<OrderCopy> toRender =
                pending.stream().filter(known::containsKey).map(known::get).toList();
        Map<UUID, Optional<String>> outcome = invoices.render(toRender);
        List<UUID> done = new ArrayList<>(pending.size());
        int failed = 0;
        for (UUID order : pending) {
            Optional<String> error = outcome.getOrDefault(order, Optional.of("order not known or not confirmed"));
            if (error.isEmpty()) {
                done.add(order);
            } else {
                jobs.failed(job, chunk, order, error.get());
                failed++;
            }
        }
        jobs.done(job, chunk, done);
        jobs.progress(job, done.size(), failed);
        return true;
    }
}
