package dev.mercato.pspsim.payment;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts the failures {@code tok_flaky} has answered per idempotency key; committed on its own, not with a payment. */
@Repository
class FlakyAttemptRepository {

    private final JdbcClient jdbc;

    FlakyAttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when this attempt should fail: fewer than {@code failures} attempts with this key have failed so far. */
    boolean failNext(String key, int failures) {
        if (failures <= 0) {
            return false;
        }
        return jdbc.sql("""
                        insert into flaky_attempt (key, failures) values (:key, 1)
                        on conflict (key) do update set failures = flaky_attempt.failures + 1
                        where flaky_attempt.failures < :failures
                        """).param("key", key).param("failures", failures).update() == 1;
    }

    int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("delete from flaky_attempt where created_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
