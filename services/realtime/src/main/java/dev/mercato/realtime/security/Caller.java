package dev.mercato.realtime.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is connected: the user a verified token or a redeemed ticket names, with the roles it carried and when the
 * token it came from expires (a WebSocket lives past that only with a fresh token of the same user).
 */
public record Caller(UUID userId, List<String> roles, Instant expiresAt) {

    public Caller {
        roles = List.copyOf(roles);
    }

    /** @throws IllegalArgumentException when the token's subject is not a user id */
    public static Caller of(Jwt token) {
        List<String> roles = token.getClaimAsStringList("roles");
        // identity's tokens always expire; one that does not keeps no WebSocket open past its upgrade
        Instant expiresAt = token.getExpiresAt() != null ? token.getExpiresAt() : Instant.now();
        return new Caller(UUID.fromString(token.getSubject()), roles == null ? List.of() : roles, expiresAt);
    }
}
