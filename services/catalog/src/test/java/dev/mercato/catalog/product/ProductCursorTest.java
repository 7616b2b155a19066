package dev.mercato.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductCursorTest {

    @Test
    void decodesWhatItEncodes() {
        var cursor = new ProductCursor(4217);

        assertThat(ProductCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void startsFromTheBeginningWithoutACursor() {
        assertThat(ProductCursor.decode(null)).isEqualTo(ProductCursor.START);
        assertThat(ProductCursor.decode("")).isEqualTo(ProductCursor.START);
    }

    @Test
    void isOpaqueToClients() {
        assertThat(new ProductCursor(42).encode()).doesNotContain("42").matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "cDE6", "eDE6NDI", "' or 1=1 --", "../../etc/passwd"})
    void rejectsCursorsItDidNotIssue(String cursor) {
        assertThatThrownBy(() -> ProductCursor.decode(cursor))
                .isInstanceOf(ProblemException.class)
                .satisfies(e ->
                        assertThat(((ProblemException) e).problem().getStatus()).isEqualTo(400))
                .hasMessageContaining("cursor");
    }

    @Test
    void rejectsNegativePositions() {
        String forged = Base64.getUrlEncoder().encodeToString("p1:-5".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> ProductCursor.decode(forged)).isInstanceOf(ProblemException.class);
    }
}
