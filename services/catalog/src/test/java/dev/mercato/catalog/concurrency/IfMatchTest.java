package dev.mercato.catalog.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.web.problem.ProblemException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IfMatchTest {

    @Test
    void readsTheVersionsOfStrongTags() {
        assertThat(IfMatch.parse("\"3\"").versions()).containsExactly(3);
        assertThat(IfMatch.parse("\"3-en\", \"4\"").versions()).containsExactlyInAnyOrder(3, 4);
        assertThat(IfMatch.parse(IfMatch.etag(12)).matches(12)).isTrue();
    }

    @Test
    void letsAStarMatchAnyVersion() {
        IfMatch any = IfMatch.parse(" * ");

        assertThat(any.any()).isTrue();
        assertThat(any.matches(41)).isTrue();
    }

    @Test
    void neverMatchesWeakOrForeignTags() {
        IfMatch weak = IfMatch.parse("W/\"3\", \"abc\", \"0\"");

        assertThat(weak.versions()).isEmpty();
        assertThat(weak.matches(3)).isFalse();
        assertThat(weak.sqlVersions()).containsExactly(0);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void requiresTheHeader(String header) {
        assertThatThrownBy(() -> IfMatch.parse(header))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().getStatus()).isEqualTo(428));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "\"3", "\"3\" \"4\"", "\"3\";drop", "**", "\"a\"b\""})
    void refusesWhatIsNotAnEntityTagList(String header) {
        assertThatThrownBy(() -> IfMatch.parse(header))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().getStatus()).isEqualTo(400))
                .hasMessageContaining("If-Match");
    }

    @Test
    void keepsItsVersionsImmutable() {
        assertThat(new IfMatch(false, Set.of(1)).versions()).isUnmodifiable();
    }
}
