package dev.mercato.pspsim.idempotency;

import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import java.util.function.Supplier;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a mutating operation at most once per idempotency key. The key is claimed, the operation's effects written and
 * its response stored in one transaction, so a concurrent request with the same key waits on the key's unique index
 * and then replays the stored response; if the first one fails, nothing is stored and the waiter runs the operation
 * itself. Only successful responses are stored: errors leave no trace, so retrying them re-executes.
 */
@Component
public class Idempotency {

    private final IdempotencyKeyRepository keys;
    private final TransactionTemplate transactions;
    private final IdempotencyProperties properties;

    Idempotency(IdempotencyKeyRepository keys, TransactionTemplate transactions, IdempotencyProperties properties) {
        this.keys = keys;
        this.transactions = transactions;
        this.properties = properties;
    }

    public ResponseEntity<String> execute(String key, String fingerprint, Supplier<StoredResponse> operation) {
        Outcome outcome;
        try {
            outcome = transactions.execute(tx -> {
                keys.waitAtMost(properties.lockWait());
                if (keys.claim(key, fingerprint)) {
                    StoredResponse response = operation.get();
                    keys.complete(key, response);
                    return new Outcome(response, false);
                }
                var existing = keys.find(key).orElseThrow(() -> inProgress(key));
                if (!existing.fingerprint().equals(fingerprint)) {
                    throw reused(key);
                }
                return new Outcome(existing.response(), true);
            });
        } catch (PessimisticLockingFailureException e) {
            throw inProgress(key);
        }
        return ResponseEntity.status(outcome.response().status())
                .contentType(MediaType.APPLICATION_JSON)
                .header(IdempotencyKeys.REPLAYED, Boolean.toString(outcome.replayed()))
                .body(outcome.response().body());
    }

    private record Outcome(StoredResponse response, boolean replayed) {}

    private static ProblemException reused(String key) {
        return new ProblemException(Problems.of(
                ProblemType.IDEMPOTENCY_KEY_REUSED,
                "Idempotency-Key " + key + " was already used for a different request (method, path or body);"
                        + " use a new key for a new request"));
    }

    // Also reached when the key was purged between our claim attempt and the read: retrying is right in both cases.
    private static ProblemException inProgress(String key) {
        return new ProblemException(Problems.of(
                        ProblemType.CONFLICT,
                        "Another request with Idempotency-Key " + key + " is still in progress; retry shortly"))
                .withHeader(HttpHeaders.RETRY_AFTER, "1");
    }
}
