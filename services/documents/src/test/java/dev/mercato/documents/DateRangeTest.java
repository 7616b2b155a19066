package dev.mercato.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.web.problem.ProblemException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateRangeTest {

    @Test
    void aDayAsTheUpperEndIncludesThatDay() {
        DateRange range = DateRange.parse("2026-12-01", "2026-12-01");
        assertThat(range.from()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void instantsWithAnOffsetAreTakenAsTheyAre() {
        DateRange range = DateRange.parse("2026-12-01T10:00:00+01:00", "2026-12-01T12:00:00Z");
        assertThat(range.from()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
    }

    @Test
    void rejectsMissingUnreadableAndEmptyRanges() {
        assertThatThrownBy(() -> DateRange.parse(null, "2026-12-01")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> DateRange.parse("12/01/2026", "2026-12-02")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> DateRange.parse("2026-12-01T12:00:00Z", "2026-12-01T12:00:00Z"))
                .isInstanceOf(ProblemException.class);
    }
}
