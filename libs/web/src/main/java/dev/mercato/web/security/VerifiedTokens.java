package dev.mercato.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Bearer tokens this process has already verified, remembered until they expire. A caller sends the same token with
 * every request (a shopper polling an order, ordering's service token on every gRPC call), and verifying it again —
 * parse, RS256 signature, claims — was 21% of ordering's samples of serving HTTP under the checkout benchmark,
 * against 9% for ordering's own code ({@code ./mercato bench profile ordering}; docs/benchmarks.md, 2026-12-06
 * evening).
 *
 * <p>Keyed by the whole token: the same bytes verify the same way until the token expires, so only time can change
 * the verdict, and no entry outlives its token. Only accepted tokens are remembered; a rejected one is checked in full
 * every time. A signing key withdrawn from the JWKS stops admitting new tokens at once and remembered ones when they
 * expire (access tokens live 15 minutes).
 */
public final class VerifiedTokens {

    private final Cache<String, Jwt> accepted;
    private final Clock clock;

    /** {@code capacity}: how many distinct tokens are remembered (a few KB each), the least recently used go first. */
    public VerifiedTokens(int capacity, Clock clock) {
        this.clock = clock;
        this.accepted = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> lifeLeft(jwt)))
                .build();
    }

    /** Remembers what {@code decoder} accepts. */
    public JwtDecoder remembering(JwtDecoder decoder) {
        return token -> {
            Jwt known = find(token);
            return known != null ? known : remember(token, decoder.decode(token));
        };
    }

    /** The token as verified before, or null when it is not remembered (or has expired since). */
    public Jwt find(String token) {
        Jwt jwt = accepted.getIfPresent(token);
        // the cache's own clock is coarse; a token is never admitted past its expiry
        return jwt != null && isLive(jwt) ? jwt : null;
    }

    /** Remembers {@code verified}, which a decoder has just accepted for {@code token}; returns it. */
    public Jwt remember(String token, Jwt verified) {
        if (isLive(verified)) {
            accepted.put(token, verified);
        }
        return verified;
    }

    private boolean isLive(Jwt jwt) {
        return jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(clock.instant());
    }

    private Duration lifeLeft(Jwt jwt) {
        Instant expires = jwt.getExpiresAt();
        Duration left = expires == null ? Duration.ZERO : Duration.between(clock.instant(), expires);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** For tests and metrics: how many tokens are remembered now (approximate). */
    long size() {
        accepted.cleanUp();
        return accepted.estimatedSize();
    }
}
