package dev.mercato.identity.token;

import dev.mercato.identity.IdentityProperties;
import dev.mercato.identity.support.Sha256;
import dev.mercato.identity.user.PasswordChanged;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque refresh tokens, rotated on every use. Only their SHA-256 hashes are stored: the tokens have 256 bits of
 * entropy, so a fast hash is enough and a stolen database yields nothing usable.
 */
@Service
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RefreshTokenRepository tokens;
    private final SecurityEvents events;
    private final IdentityProperties properties;
    private final Clock clock;

    RefreshTokens(RefreshTokenRepository tokens, SecurityEvents events, IdentityProperties properties, Clock clock) {
        this.tokens = tokens;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a new family, for a login. */
    @Transactional
    public String issueNewFamily(UUID userId) {
        return issue(userId, UUID.randomUUID());
    }

    /** Exchanges a token for its successor; empty when it is unknown, expired, revoked or reused. */
    @Transactional
    public Optional<Rotation> rotate(String presented) {
        Optional<RefreshTokenRepository.StoredToken> found = tokens.lockByHash(Sha256.digest(presented));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var token = found.get();
        Instant now = clock.instant();
        switch (RefreshVerdict.of(token.revoked(), token.used(), token.expiresAt(), now)) {
            case ROTATE -> {
                tokens.markUsed(token.id(), now);
                return Optional.of(new Rotation(token.userId(), issue(token.userId(), token.familyId())));
            }
            case REUSED -> {
                int revoked = tokens.revokeFamily(token.familyId(), "reuse");
                events.record(
                        token.userId(),
                        "refresh_token_reuse",
                        "{\"familyId\":\"" + token.familyId() + "\",\"revoked\":" + revoked + "}");
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** Ends the session the token belongs to (its whole family); unknown tokens are ignored. */
    @Transactional
    public void revokeFamilyOf(String presented) {
        tokens.lockByHash(Sha256.digest(presented)).ifPresent(token -> tokens.revokeFamily(token.familyId(), "logout"));
    }

    /** Ends every session of the user. */
    @Transactional
    public void revokeAll(UUID userId, String reason) {
        int revoked = tokens.revokeAllOf(userId, reason);
        events.record(userId, "sessions_revoked", "{\"reason\":\"" + reason + "\",\"revoked\":" + revoked + "}");
    }

    @EventListener
    void on(PasswordChanged change) {
        revokeAll(change.userId(), "password_change");
    }

    private String issue(UUID userId, UUID familyId) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        tokens.insert(
                UUID.randomUUID(), familyId, userId, Sha256.digest(token), now, now.plus(properties.refreshTokenTtl()));
        return token;
    }

    public record Rotation(UUID userId, String refreshToken) {}
}
