package dev.mercato.ordering.saga;

import java.time.Duration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures of ordering's own database are worth another try in a moment, and how long that moment is. */
final class StoreFailures {

    private static final Duration FIRST = Duration.ofMillis(100);
    private static final Duration LONGEST = Duration.ofSeconds(1);

    private StoreFailures() {}

    /**
     * No connection in time (the pool's wait, or the database unreachable), a lock or query timeout, a deadlock or a
     * serialization failure: conditions that pass. A bad statement or a broken constraint does not.
     */
    static boolean isTransient(Throwable failure) {
        return failure instanceof CannotCreateTransactionException
                || failure instanceof DataAccessResourceFailureException
                || failure instanceof TransientDataAccessException;
    }

    /** 100 ms, doubled after each failure in a row, at most 1 s. */
    static Duration backoff(int failures) {
        Duration wait = FIRST.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 10));
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
