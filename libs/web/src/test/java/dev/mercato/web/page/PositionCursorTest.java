package dev.mercato.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PositionCursorTest {

    @Test
    void aCursorCarriesItsPositionBack() {
        String cursor = PositionCursor.encode("n1:", 42);

        assertThat(cursor).doesNotContain("=", "42");
        assertThat(PositionCursor.decode("n1:", cursor, Long.MAX_VALUE, 1)).isEqualTo(42);
    }

    @Test
    void noCursorStartsTheListing() {
        assertThat(PositionCursor.decode("n1:", null, Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(PositionCursor.decode("n1:", "", 0, 0)).isZero();
    }

    @Test
    void aCursorOfAnotherListingOrNotACursorAtAllIsRefused() {
        for (String foreign : new String[] {
            PositionCursor.encode("o1:", 42), "not base64!", encode("n1:abc"), PositionCursor.encode("n1:", 0)
        }) {
            assertThatThrownBy(() -> PositionCursor.decode("n1:", foreign, Long.MAX_VALUE, 1))
                    .as(foreign)
                    .isInstanceOf(ProblemException.class)
                    .hasMessageContaining("cursor");
        }
    }

    @Test
    void aLimitIsOneToAHundredAndTwentyByDefault() {
        assertThat(PositionCursor.limit(null)).isEqualTo(20);
        assertThat(PositionCursor.limit("1")).isEqualTo(1);
        assertThat(PositionCursor.limit("100")).isEqualTo(100);
        for (String wrong : new String[] {"0", "101", "-1", "ten", ""}) {
            assertThatThrownBy(() -> PositionCursor.limit(wrong)).as(wrong).isInstanceOf(ProblemException.class);
        }
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }
}
