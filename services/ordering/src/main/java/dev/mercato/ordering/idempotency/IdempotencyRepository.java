package dev.mercato.ordering.idempotency;

import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.UserId;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code idempotency_key} table: the first response per (user, key). */
@Repository
class IdempotencyRepository {

    private final JdbcClient jdbc;

    IdempotencyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored response, with the fingerprint of the request that produced it. */
    record Stored(String fingerprint, StoredResponse response) {}

    Optional<Stored> find(UserId user, IdempotencyKey key) {
        return jdbc.sql("""
                        select request_hash, response_status, response_body, content_type, order_id
                        from idempotency_key where user_id = ? and key = ?""")
                .params(user.value(), key.value())
                .query((rs, n) -> {
                    UUID order = rs.getObject("order_id", UUID.class);
                    return new Stored(
                            rs.getString("request_hash"),
                            new StoredResponse(
                                    rs.getInt("response_status"),
                                    rs.getString("response_body"),
                                    rs.getString("content_type"),
                                    order == null ? null : new OrderId(order)));
                })
                .optional();
    }

    /**
     * Bounds how long this transaction waits for another one holding the same key (an uncommitted insert of the same
     * key blocks ours until it commits or rolls back).
     */
    void lockTimeout(Duration wait) {
        jdbc.sql("select set_config('lock_timeout', ?, true)")
                .param(wait.toMillis() + "ms")
                .query()
                .singleRow();
    }

    /** False when the key already has a response (possibly committed by a concurrent request we waited for). */
    boolean insert(UserId user, IdempotencyKey key, String fingerprint, StoredResponse response) {
        try {
            return insertOrSkip(user, key, fingerprint, response);
        } catch (DataAccessException e) {
            if (isLockTimeout(e)) {
                throw new KeyStillInUse();
            }
            throw e;
        }
    }

    /** Another request with the same key still holds it after the lock timeout. */
    static final class KeyStillInUse extends RuntimeException {
        KeyStillInUse() {
            super("idempotency key still in use", null, false, false);
        }
    }

    private static boolean isLockTimeout(DataAccessException e) {
        if (e instanceof PessimisticLockingFailureException) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private boolean insertOrSkip(UserId user, IdempotencyKey key, String fingerprint, StoredResponse response) {
        return jdbc.sql("""
                        insert into idempotency_key
                            (user_id, key, request_hash, response_status, response_body, content_type, order_id)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (user_id, key) do nothing""")
                        .params(
                                user.value(),
                                key.value(),
                                fingerprint,
                                response.status(),
                                response.body(),
                                response.contentType(),
                                response.order() == null
                                        ? null
                                        : response.order().value())
                        .update()
                == 1;
    }

    /** Deletes up to {@code batch} keys older than the retention, the oldest first; returns how many. */
    int deleteOlderThan(Duration retention, int batch) {
        return jdbc.sql("""
                        delete from idempotency_key where (user_id, key) in (
                            select user_id, key from idempotency_key
                            where created_at < now() - make_interval(secs => ?)
                            order by created_at limit ?
                            for update skip locked)
                        """).params((double) retention.toSeconds(), batch).update();
    }
}
