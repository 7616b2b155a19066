package dev.mercato.realtime.security;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The caller of an {@code Authorization: Bearer} header, for the event stream, which runs below the security filters
 * (a filter chain held for a stream's whole life cost ~9 KB of heap per connection): the token is verified by the same
 * decoder as every request's ({@link StreamSecurity}), and only the {@link Caller} is kept, not the token.
 */
@Component
public class BearerTokens {

    /** RFC 6750's token68, as Spring Security's own converter reads it. */
    private static final Pattern BEARER =
            Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);

    private final ReactiveJwtDecoder decoder;

    BearerTokens(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** Whether the header is meant as a bearer token (another scheme is no credential here). */
    public static boolean isBearer(@Nullable String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6);
    }

    /**
     * @return the verified caller; fails with {@link InvalidTokenException} for a malformed, forged, expired or foreign
     *     token, or with Spring Security's {@code AuthenticationServiceException} when identity's keys are out of reach
     */
    public Mono<Caller> caller(String authorization) {
        var token = BEARER.matcher(authorization);
        if (!token.matches()) {
            return Mono.error(new InvalidTokenException());
        }
        return decoder.decode(token.group("token"))
                .map(Caller::of)
                .onErrorMap(
                        failure -> failure instanceof JwtException || failure instanceof IllegalArgumentException,
                        failure -> new InvalidTokenException());
    }

    /** The token is not one this platform's identity issued to a user, or no longer valid. */
    public static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException() {
            super("The access token is not valid", null, false, false);
        }
    }
}
