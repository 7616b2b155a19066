package dev.mercato.identity.user;

import dev.mercato.web.problem.ProblemException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Emails are compared in one canonical form: trimmed and lower-cased. */
final class EmailAddress {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int MAX_LENGTH = 254;

    private EmailAddress() {}

    static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    static String validated(String email) {
        String normalized = normalize(email);
        if (normalized.length() > MAX_LENGTH || !SHAPE.matcher(normalized).matches()) {
            throw ProblemException.invalid("email", "must be an email address");
        }
        return normalized;
    }
}
