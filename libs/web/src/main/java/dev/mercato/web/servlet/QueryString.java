package dev.mercato.web.servlet;

import dev.mercato.web.text.PercentDecoding;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Strict reading of an {@code application/x-www-form-urlencoded} query string: valid escapes, UTF-8 only. */
final class QueryString {

    /** Longest parameter name quoted back to the client; a hostile name is not echoed whole. */
    private static final int MAX_NAME_ECHO = 64;

    record Violation(String parameter, String reason) {}

    private QueryString() {}

    static Optional<Violation> check(@Nullable String query, int maxParameters) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        int count = 0;
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++count > maxParameters) {
                return Optional.of(new Violation("query", "must have at most " + maxParameters + " parameters"));
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = decode(rawName);
            if (name == null) {
                return Optional.of(new Violation("query", "a parameter name is not valid percent-encoded UTF-8"));
            }
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (value == null) {
                return Optional.of(new Violation(shorten(name), "is not valid percent-encoded UTF-8"));
            }
            if (value.indexOf('\u0000') >= 0 || name.indexOf('\u0000') >= 0) {
                return Optional.of(new Violation(shorten(name.replace('\u0000', '?')), "must not contain NUL"));
            }
        }
        return Optional.empty();
    }

    static @Nullable String decode(String raw) {
        return PercentDecoding.decode(raw, true);
    }

    private static String shorten(String name) {
        return name.length() <= MAX_NAME_ECHO ? name : name.substring(0, MAX_NAME_ECHO) + "…";
    }
}
