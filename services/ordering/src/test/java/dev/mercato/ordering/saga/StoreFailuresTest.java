package dev.mercato.ordering.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class StoreFailuresTest {

    @Test
    void retriesWhatPassesAndNothingElse() {
        assertThat(StoreFailures.isTransient(new CannotCreateTransactionException("pool timeout")))
                .isTrue();
        assertThat(StoreFailures.isTransient(new CannotGetJdbcConnectionException("no connection")))
                .isTrue();
        assertThat(StoreFailures.isTransient(new CannotAcquireLockException("55P03")))
                .isTrue();
        assertThat(StoreFailures.isTransient(new QueryTimeoutException("statement timeout")))
                .isTrue();

        assertThat(StoreFailures.isTransient(new DataIntegrityViolationException("constraint")))
                .as("a broken constraint stays broken")
                .isFalse();
        assertThat(StoreFailures.isTransient(new BadSqlGrammarException("saga", "select", new java.sql.SQLException())))
                .isFalse();
        assertThat(StoreFailures.isTransient(new IllegalStateException("a bug")))
                .isFalse();
    }

    @Test
    void backsOffFrom100MillisecondsDoublingToOneSecond() {
        assertThat(StoreFailures.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(StoreFailures.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(StoreFailures.backoff(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(StoreFailures.backoff(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(StoreFailures.backoff(1_000)).isEqualTo(Duration.ofSeconds(1));
    }
}
