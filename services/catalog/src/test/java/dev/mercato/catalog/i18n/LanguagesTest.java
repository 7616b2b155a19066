package dev.mercato.catalog.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguagesTest {

    private final Languages languages = new Languages(new LanguageProperties("en", List.of("en", "it")));

    @ParameterizedTest(name = "Accept-Language \"{0}\" -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL | en",
                "'' | en",
                "it | it",
                "it-IT | it",
                "fr-CH, fr;q=0.9, it;q=0.8, en;q=0.7 | it",
                "de | en",
                "en-GB,en;q=0.9 | en",
                "*;q=0.5,it;q=0.9 | it",
                ";;;=garbage | en"
            })
    void picksTheBestSupportedLanguage(String header, String expected) {
        assertThat(languages.pick(header)).isEqualTo(expected);
    }
}
