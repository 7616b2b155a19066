package dev.mercato.identity.user;

import dev.mercato.web.problem.ProblemException;
import java.util.List;
import java.util.Locale;

/**
 * The languages an account can choose ({@code en}, {@code it}): the ones the platform writes mails in. Chosen at
 * registration from the body's {@code locale}, else the best match of {@code Accept-Language}, else {@code en}.
 */
public final class AccountLocale {

    public static final String DEFAULT = "en";
    static final List<String> SUPPORTED = List.of("en", "it");

    private AccountLocale() {}

    /** The explicit choice when there is one (an unsupported one is a 400), else the header's best match. */
    static String choose(String explicit, String acceptLanguage) {
        if (explicit != null) {
            String tag = explicit.strip().toLowerCase(Locale.ROOT);
            if (!SUPPORTED.contains(tag)) {
                throw ProblemException.invalid("locale", "must be one of " + String.join(", ", SUPPORTED));
            }
            return tag;
        }
        return fromAcceptLanguage(acceptLanguage);
    }

    /** The supported language the header prefers most ({@code it-IT} counts as {@code it}); a malformed header is ignored. */
    static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            String match = Locale.lookupTag(ranges, SUPPORTED);
            return match == null ? DEFAULT : match;
        } catch (IllegalArgumentException malformed) {
            return DEFAULT;
        }
    }
}
