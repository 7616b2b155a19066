package dev.mercato.ordering.idempotency;

import dev.mercato.web.problem.ProblemException;
import org.jspecify.annotations.Nullable;

/** The {@code Idempotency-Key} header: 1 to 255 characters. */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";

    public static IdempotencyKey of(@Nullable String header) {
        if (header == null || header.isEmpty()) {
            throw ProblemException.invalid(HEADER, "is required: a unique key per checkout attempt, reused on retries");
        }
        if (header.length() > 255) {
            throw ProblemException.invalid(HEADER, "must be at most 255 characters");
        }
        return new IdempotencyKey(header);
    }
}
