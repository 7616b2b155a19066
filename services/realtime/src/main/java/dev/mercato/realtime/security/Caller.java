package dev.mercato.realtime.security;

import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is connected: the user a verified token or a redeemed ticket names, with the roles it carried. */
public record Caller(UUID userId, List<String> roles) {

    public Caller {
        roles = List.copyOf(roles);
    }

    /** @throws IllegalArgumentException when the token's subject is not a user id */
    public static Caller of(Jwt token) {
        List<String> roles = token.getClaimAsStringList("roles");
        return new Caller(UUID.fromString(token.getSubject()), roles == null ? List.of() : roles);
    }
}
