package dev.mercato.catalog.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.catalog.i18n.LanguageProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranslationsTest {

    record Names(@Translations(maxLength = 5) Map<String, String> names) {}

    record Descriptions(
            @Translations(maxLength = 5, required = false) Map<String, String> descriptions) {}

    @Test
    void acceptsSupportedLanguagesWithTheDefaultOne() {
        assertThat(problem(Names.class, Map.of("en", "Book", "it", "Libro"))).isNull();
        assertThat(problem(Descriptions.class, Map.of("it", "Libro"))).isNull();
    }

    @Test
    void requiresTheDefaultLanguageWhenAsked() {
        assertThat(problem(Names.class, Map.of("it", "Libro"))).isEqualTo("must have a text in 'en'");
    }

    @Test
    void refusesUnsupportedLanguagesWithoutRepeatingThem() {
        assertThat(problem(Names.class, Map.of("en", "Book", "${x}", "?")))
                .isEqualTo("languages must be among [en, it]");
    }

    @Test
    void refusesBlankMissingOverlongAndControlTexts() {
        Map<String, String> missing = new HashMap<>();
        missing.put("en", null);

        assertThat(problem(Names.class, missing)).isEqualTo("en: must not be blank");
        assertThat(problem(Names.class, Map.of("en", " \n "))).isEqualTo("en: must not be blank");
        assertThat(problem(Names.class, Map.of("en", "Longer"))).isEqualTo("en: must be at most 5 characters");
        assertThat(problem(Names.class, Map.of("en", "a\u0000b"))).contains("control characters");
        assertThat(problem(Names.class, Map.of("en", "𝕏𝕏𝕏𝕏𝕏")))
                .as("five characters")
                .isNull();
    }

    private static String problem(Class<?> holder, Map<String, String> texts) {
        var validator = new Translations.Validator(new LanguageProperties("en", List.of("en", "it")));
        validator.initialize(holder.getRecordComponents()[0].getAnnotation(Translations.class));
        return validator.problem(texts);
    }
}
