package dev.mercato.identity.token;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RefreshTokenRepository {

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID familyId, UUID userId, byte[] hash, Instant issuedAt, Instant expiresAt) {
        jdbc.sql("""
                        insert into refresh_token (id, family_id, user_id, token_hash, issued_at, expires_at)
                        values (:id, :family, :user, :hash, :issued, :expires)
                        """)
                .param("id", id)
                .param("family", familyId)
                .param("user", userId)
                .param("hash", hash)
                .param("issued", java.sql.Timestamp.from(issuedAt))
                .param("expires", java.sql.Timestamp.from(expiresAt))
                .update();
    }

    /** The token with this hash, locked until the transaction ends so two refreshes of one token serialize. */
    Optional<StoredToken> lockByHash(byte[] hash) {
        return jdbc.sql("select * from refresh_token where token_hash = :hash for update")
                .param("hash", hash)
                .query((rs, row) -> new StoredToken(
                        rs.getObject("id", UUID.class),
                        rs.getObject("family_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("used_at") != null,
                        rs.getTimestamp("revoked_at") != null))
                .optional();
    }

    void markUsed(UUID id, Instant at) {
        jdbc.sql("update refresh_token set used_at = :at where id = :id")
                .param("id", id)
                .param("at", java.sql.Timestamp.from(at))
                .update();
    }

    int revokeFamily(UUID familyId, String reason) {
        return jdbc.sql("""
                        update refresh_token set revoked_at = now(), revoked_reason = :reason
                        where family_id = :family and revoked_at is null
                        """).param("family", familyId).param("reason", reason).update();
    }

    int revokeAllOf(UUID userId, String reason) {
        return jdbc.sql("""
                        update refresh_token set revoked_at = now(), revoked_reason = :reason
                        where user_id = :user and revoked_at is null
                        """).param("user", userId).param("reason", reason).update();
    }

    record StoredToken(UUID id, UUID familyId, UUID userId, Instant expiresAt, boolean used, boolean revoked) {}
}
