package dev.mercato.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LinesTest {

    @Test
    void keepsLinesInSkuOrder() {
        assertThat(Lines.of(Line.of("B", 1), Line.of("A", 2)).skus()).containsExactly(new Sku("A"), new Sku("B"));
    }

    @Test
    void rejectsNoLinesTooManyLinesAndASkuTwice() {
        List<Line> tooMany =
                IntStream.rangeClosed(0, 100).mapToObj(i -> Line.of("S" + i, 1)).toList();

        assertThatIllegalArgumentException().isThrownBy(() -> Lines.of(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> Lines.of(tooMany));
        assertThatIllegalArgumentException().isThrownBy(() -> Lines.of(Line.of("A", 1), Line.of("A", 2)));
    }

    @Test
    void rejectsQuantitiesAndSkusOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> Line.of("A", 0));
        assertThatIllegalArgumentException().isThrownBy(() -> Line.of("A", 10_001));
        assertThatIllegalArgumentException().isThrownBy(() -> Line.of("", 1));
        assertThatIllegalArgumentException().isThrownBy(() -> Line.of("x".repeat(65), 1));
        assertThatIllegalArgumentException().isThrownBy(() -> Line.of("MC 1", 1));
        assertThat(Line.of("x".repeat(64), 10_000).quantity()).isEqualTo(10_000);
    }

    @Test
    void comparesLinesAsASet() {
        Lines lines = Lines.of(Line.of("A", 1), Line.of("B", 2));

        assertThat(lines.sameAs(Lines.of(Line.of("B", 2), Line.of("A", 1)))).isTrue();
        assertThat(lines.sameAs(Lines.of(Line.of("A", 1)))).isFalse();
        assertThat(lines.sameAs(Lines.of(Line.of("A", 1), Line.of("B", 3)))).isFalse();
    }
}
