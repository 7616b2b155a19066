package dev.mercato.identity.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshVerdictTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);

    @Test
    void rotatesAValidUnusedToken() {
        assertThat(RefreshVerdict.of(false, false, LATER, NOW)).isEqualTo(RefreshVerdict.ROTATE);
    }

    @Test
    void treatsAUsedTokenAsReuseEvenBeforeItExpires() {
        assertThat(RefreshVerdict.of(false, true, LATER, NOW)).isEqualTo(RefreshVerdict.REUSED);
    }

    @Test
    void treatsAUsedTokenAsReuseEvenAfterItExpired() {
        assertThat(RefreshVerdict.of(false, true, NOW.minusSeconds(1), NOW)).isEqualTo(RefreshVerdict.REUSED);
    }

    @Test
    void refusesARevokedTokenWithoutRevokingAgain() {
        assertThat(RefreshVerdict.of(true, true, LATER, NOW)).isEqualTo(RefreshVerdict.REVOKED);
    }

    @Test
    void refusesAnExpiredToken() {
        assertThat(RefreshVerdict.of(false, false, NOW, NOW)).isEqualTo(RefreshVerdict.EXPIRED);
    }
}
