package dev.mercato.bench.messaging;

import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutgoingMessage;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The benchmark's messages: number n belongs to one of 1,000 aggregates (so the relay's waves carry many aggregates,
 * as a busy service's would) and carries a payload the size of a typical domain event.
 */
@Component
class BenchMessages {

    private static final int AGGREGATES = 1_000;
    private static final String FILLER = "x".repeat(200);

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;

    BenchMessages(Outbox outbox, TransactionTemplate transactions, JdbcClient jdbc) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** Appends messages from (inclusive) to to (exclusive) in one transaction. */
    void append(long from, long to) {
        transactions.executeWithoutResult(status -> {
            for (long n = from; n < to; n++) {
                outbox.append(OutgoingMessage.event(
                        BenchSettings.TYPE, 1, BenchSettings.AGGREGATE, "agg-" + (n % AGGREGATES), payload(n)));
            }
        });
    }

    static Map<String, Object> payload(long n) {
        return Map.of("n", n, "sku", "SKU-" + n, "note", FILLER);
    }

    long unpublished() {
        return jdbc.sql("select count(*) from messaging.outbox_message where type = ? and published_at is null")
                .param(BenchSettings.TYPE)
                .query(Long.class)
                .single();
    }
}
