package dev.mercato.identity.user;

import dev.mercato.web.problem.ProblemException;
import java.util.Locale;

/**
 * Length over composition rules (NIST SP 800-63B): at least 10 characters, at most 128, and not built from the
 * account's own email.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {}

    static void check(String field, String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ProblemException.invalid(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw ProblemException.invalid(field, "must be at most " + MAX_LENGTH + " characters");
        }
        String localPart = email.substring(0, Math.max(0, email.indexOf('@')));
        if (localPart.length() >= 4 && password.toLowerCase(Locale.ROOT).contains(localPart)) {
            throw ProblemException.invalid(field, "must not contain your email address");
        }
    }
}
