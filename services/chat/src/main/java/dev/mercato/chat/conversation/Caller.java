package dev.mercato.chat.conversation;

import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/** The user behind a request: the token's subject and roles. */
public record Caller(UUID id, List<String> roles) {

    public Caller {
        roles = List.copyOf(roles);
    }

    public static Caller of(Jwt token) {
        List<String> roles = token.getClaimAsStringList("roles");
        return new Caller(UUID.fromString(token.getSubject()), roles == null ? List.of() : roles);
    }

    boolean isSupport() {
        return roles.contains("support");
    }

    /** Support agents and administrators create rooms. */
    boolean isStaff() {
        return isSupport() || roles.contains("admin");
    }
}
