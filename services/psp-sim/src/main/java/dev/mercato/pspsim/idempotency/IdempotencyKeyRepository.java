package dev.mercato.pspsim.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class IdempotencyKeyRepository {

    record Existing(String fingerprint, StoredResponse response) {}

    private final JdbcClient jdbc;

    IdempotencyKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Bounds how long this transaction waits for another one holding the same key. */
    void waitAtMost(Duration wait) {
        jdbc.sql("select set_config('lock_timeout', :timeout, true)")
                .param("timeout", wait.toMillis() + "ms")
                .query(String.class)
                .single();
    }

    /** True when this transaction now owns the key; blocks while another open transaction holds it. */
    boolean claim(String key, String fingerprint) {
        return jdbc.sql(
                                "insert into idempotency_key (key, fingerprint) values (:key, :fingerprint) on conflict do nothing")
                        .param("key", key)
                        .param("fingerprint", fingerprint)
                        .update()
                == 1;
    }

    Optional<Existing> find(String key) {
        return jdbc.sql("select fingerprint, response_status, response_body from idempotency_key where key = :key")
                .param("key", key)
                .query((rs, n) -> new Existing(
                        rs.getString("fingerprint"),
                        new StoredResponse(rs.getInt("response_status"), rs.getString("response_body"))))
                .optional();
    }

    void complete(String key, StoredResponse response) {
        jdbc.sql("update idempotency_key set response_status = :status, response_body = :body where key = :key")
                .param("key", key)
                .param("status", response.status())
                .param("body", response.body())
                .update();
    }

    int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("delete from idempotency_key where created_at < :cutoff")
                .param("cutoff", java.sql.Timestamp.from(cutoff))
                .update();
    }
}
