package dev.mercato.ordering.idempotency;

import dev.mercato.ordering.domain.UserId;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a request at most once per (user, idempotency key). The first request's effects and its response are stored
 * with the key in one transaction; every later request with the key gets that response again, marked
 * {@code Idempotent-Replayed}. A concurrent duplicate waits on the key's uncommitted row (at most
 * {@code ordering.idempotency.wait}, then 409 in-progress) and replays once the first commits; if the first rolls
 * back, nothing is stored and the duplicate runs the request itself. A key reused for a different request (another
 * fingerprint) is refused with 422.
 */
@Component
public class Idempotency {

    private final IdempotencyRepository keys;
    private final TransactionTemplate tx;
    private final IdempotencyProperties properties;
    private final MeterRegistry metrics;

    Idempotency(
            IdempotencyRepository keys,
            TransactionTemplate tx,
            IdempotencyProperties properties,
            MeterRegistry metrics) {
        this.keys = keys;
        this.tx = tx;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * @param fingerprint what makes two requests the same (e.g. a hash of the parsed body)
     * @param first prepares the first request; not called when the key already has a response
     */
    public ResponseEntity<byte[]> execute(
            UserId user, IdempotencyKey key, String fingerprint, Supplier<FirstRequest> first) {
        Optional<IdempotencyRepository.Stored> stored = keys.find(user, key);
        if (stored.isPresent()) {
            return replay(stored.get(), fingerprint);
        }
        try (FirstRequest request = first.get()) {
            if (!store(user, key, fingerprint, request)) {
                return replay(keys.find(user, key).orElseThrow(), fingerprint);
            }
            count("stored");
            request.committed();
            return request.response().toResponse(false);
        }
    }

    private boolean store(UserId user, IdempotencyKey key, String fingerprint, FirstRequest request) {
        try {
            return Boolean.TRUE.equals(tx.execute(status -> {
                keys.lockTimeout(properties.lockWait());
                if (!keys.insert(user, key, fingerprint, request.response())) {
                    return false; // a concurrent request with the key committed first
                }
                request.write();
                return true;
            }));
        } catch (IdempotencyRepository.KeyStillInUse e) {
            count("in_progress");
            throw new ProblemException(Problems.of(
                    ProblemType.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                    "A request with this Idempotency-Key is still being processed; retry shortly"));
        }
    }

    private ResponseEntity<byte[]> replay(IdempotencyRepository.Stored stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            count("key_reused");
            throw new ProblemException(Problems.of(
                    ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request; use a new key for a new request"));
        }
        count("replayed");
        return stored.response().toResponse(true);
    }

    private void count(String outcome) {
        metrics.counter("ordering.idempotency", "outcome", outcome).increment();
    }
}
