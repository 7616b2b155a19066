package dev.mercato.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.testsupport.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-12-06T12:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    /** The tokens the wrapped decoder was asked to verify, in order. */
    private final List<String> verifications = new ArrayList<>();

    /** Accepts "good-<seconds>" (expiring that many seconds after START), rejects anything else. */
    private final JwtDecoder decoder = token -> {
        verifications.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        Instant expires = START.plusSeconds(Long.parseLong(token.substring(5)));
        if (!expires.isAfter(clock.instant())) {
            throw new BadJwtException("expired");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("user-1")
                .issuedAt(START)
                .expiresAt(expires)
                .build();
    };

    @Test
    void verifiesATokenOnceWhileItLives() {
        JwtDecoder remembering = new VerifiedTokens(16, clock).remembering(decoder);

        Jwt first = remembering.decode("good-900");
        clock.advance(Duration.ofMinutes(10));
        Jwt again = remembering.decode("good-900");

        assertThat(again).isSameAs(first);
        assertThat(verifications).containsExactly("good-900");
    }

    @Test
    void neverAdmitsATokenPastItsExpiryAndVerifiesItAgainThen() {
        JwtDecoder remembering = new VerifiedTokens(16, clock).remembering(decoder);
        remembering.decode("good-60");

        clock.advance(Duration.ofSeconds(60));

        assertThatThrownBy(() -> remembering.decode("good-60")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).containsExactly("good-60", "good-60");
    }

    @Test
    void doesNotRememberARejectedToken() {
        JwtDecoder remembering = new VerifiedTokens(16, clock).remembering(decoder);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> remembering.decode("forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).containsExactly("forged", "forged", "forged");
    }

    @Test
    void remembersAtMostItsCapacity() {
        VerifiedTokens tokens = new VerifiedTokens(4, clock);
        JwtDecoder remembering = tokens.remembering(decoder);

        for (int i = 0; i < 50; i++) {
            remembering.decode("good-" + (100 + i));
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(4);
    }

    @Test
    void aDifferentTokenIsVerifiedEvenForTheSameSubject() {
        JwtDecoder remembering = new VerifiedTokens(16, clock).remembering(decoder);

        remembering.decode("good-900");
        remembering.decode("good-901");

        assertThat(verifications).containsExactly("good-900", "good-901");
    }
}
