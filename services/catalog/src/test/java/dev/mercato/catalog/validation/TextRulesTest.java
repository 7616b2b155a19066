package dev.mercato.catalog.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRulesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "'; drop table product; --",
                "<script>alert(1)</script>",
                "مرحبا \u202Eevil\u202C",
                "👩‍👩‍👧‍👦 e\u0301 \u200B\uFEFF \u2028",
                "𝕏"
            })
    void acceptsAnyValidUnicodeText(String text) {
        assertThat(TextRules.problem(text, false)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul \u0000", "bell \u0007", "del \u007F", "c1 \u0085", "tab\t", "line\nbreak"})
    void refusesControlCharactersInASingleLine(String text) {
        assertThat(TextRules.problem(text, false)).contains("control characters");
    }

    @Test
    void allowsLineBreaksAndTabsInLongerTexts() {
        assertThat(TextRules.problem("one\r\ntwo\tthree", true)).isNull();
        assertThat(TextRules.problem("nul \u0000", true)).contains("control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "x\uDC00", "\uDC00\uD800", "end \uD83D"})
    void refusesUnpairedSurrogates(String text) {
        assertThat(TextRules.problem(text, true)).isEqualTo("must be valid Unicode text");
    }

    @Test
    void countsCharactersAsPeopleDo() {
        assertThat(TextRules.length("𝕏𝕏")).isEqualTo(2);
    }
}
