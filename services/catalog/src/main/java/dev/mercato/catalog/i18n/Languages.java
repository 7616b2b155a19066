package dev.mercato.catalog.i18n;

import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Picks the translation to serve from an {@code Accept-Language} header, falling back to the default language. */
@Component
public class Languages {

    private final String defaultLanguage;
    private final List<String> supported;

    public Languages(LanguageProperties properties) {
        this.defaultLanguage = properties.defaultLanguage();
        this.supported = List.copyOf(properties.supportedLanguages());
    }

    public String pick(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return defaultLanguage;
        }
        try {
            String match = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), supported);
            return match != null ? match : defaultLanguage;
        } catch (IllegalArgumentException malformed) {
            return defaultLanguage;
        }
    }
}
