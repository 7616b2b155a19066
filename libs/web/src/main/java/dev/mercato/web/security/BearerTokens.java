package dev.mercato.web.security;

import dev.mercato.web.servlet.ProblemErrorController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * How every servlet service checks the platform's access tokens (issued by identity, RS256): the same claims checked,
 * the same roles as authorities, the same 401/403 problem documents.
 */
public final class BearerTokens {

    /** The claim that tells user tokens ({@code user}) from service tokens ({@code service}). */
    public static final String TOKEN_USE = "token_use";

    private BearerTokens() {}

    /** Issuer, expiry, audience and kind of token; a service token is never accepted where a user token is expected. */
    public static OAuth2TokenValidator<Jwt> checks(String issuer, String audience, String tokenUse) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience)),
                new JwtClaimValidator<String>(TOKEN_USE, tokenUse::equals));
    }

    /** The {@code roles} claim ({@code ["admin"]}) as Spring authorities ({@code ROLE_ADMIN}), for {@code hasRole}. */
    public static JwtAuthenticationConverter rolesAsAuthorities() {
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<String> roles = jwt.getClaimAsStringList("roles");
            return roles == null
                    ? List.of()
                    : roles.stream()
                            .map(role -> (GrantedAuthority)
                                    new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)))
                            .toList();
        });
        return converter;
    }

    /** Authentication entry point: 401 problem document with {@code WWW-Authenticate: Bearer}. */
    public static void unauthorized(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        request.setAttribute(
                ProblemErrorController.DETAIL_ATTRIBUTE,
                "A valid access token is required (Authorization: Bearer <token>)");
        response.sendError(401);
    }

    /** Access-denied handler: 403 problem document. */
    public static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        request.setAttribute(ProblemErrorController.DETAIL_ATTRIBUTE, "Your role does not allow this request");
        response.sendError(403);
    }
}
