package dev.mercato.catalog.i18n;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param defaultLanguage the language every product has, used when the client accepts none of the others
 * @param supportedLanguages the languages translations exist for, as ISO 639 codes
 */
@ConfigurationProperties("catalog")
public record LanguageProperties(String defaultLanguage, List<String> supportedLanguages) {}
