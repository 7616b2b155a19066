package dev.mercato.catalog.validation;

import dev.mercato.catalog.i18n.LanguageProperties;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/**
 * A text in several languages, {@code {"en": "...", "it": "..."}}: only supported languages, each text non-blank,
 * acceptable to {@link TextRules} and at most {@link #maxLength()} characters; when {@link #required()}, the default
 * language is present (it is the fallback every reader relies on). Null is valid (combine with {@code @NotNull}).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Translations.Validator.class)
public @interface Translations {

    int maxLength();

    boolean required() default true;

    boolean multiline() default false;

    String message() default "is not a valid set of translations";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Translations, Map<String, String>> {

        private final String defaultLanguage;
        private final List<String> supported;
        private Translations rules;

        public Validator(LanguageProperties languages) {
            this.defaultLanguage = languages.defaultLanguage();
            this.supported = List.copyOf(languages.supportedLanguages());
        }

        @Override
        public void initialize(Translations annotation) {
            this.rules = annotation;
        }

        @Override
        public boolean isValid(Map<String, String> texts, ConstraintValidatorContext context) {
            String problem = texts == null ? null : problem(texts);
            if (problem == null) {
                return true;
            }
            // the message never repeats what the client sent: templates are interpolated
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }

        String problem(Map<String, String> texts) {
            if (rules.required() && !texts.containsKey(defaultLanguage)) {
                return "must have a text in '" + defaultLanguage + "'";
            }
            for (var entry : texts.entrySet()) {
                if (!supported.contains(entry.getKey())) {
                    return "languages must be among " + supported;
                }
                String text = entry.getValue();
                String language = entry.getKey();
                if (text == null || text.isBlank()) {
                    return language + ": must not be blank";
                }
                String invalid = TextRules.problem(text, rules.multiline());
                if (invalid != null) {
                    return language + ": " + invalid;
                }
                if (TextRules.length(text) > rules.maxLength()) {
                    return language + ": must be at most " + rules.maxLength() + " characters";
                }
            }
            return null;
        }
    }
}
