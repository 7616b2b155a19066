package dev.mercato.catalog.validation;

/**
 * What free text may contain. Anything that is valid Unicode is stored and returned exactly as sent (markup, quotes, SQL
 * fragments, right-to-left marks, emoji); what PostgreSQL cannot store (NUL, unpaired surrogates) or no client
 * expects in a name (control characters) is refused, so it never reaches the database.
 */
public final class TextRules {

    private TextRules() {}

    /** Why {@code value} is not acceptable text, or null when it is. */
    public static String problem(String value, boolean multiline) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must be valid Unicode text";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode text";
            }
            if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
                return multiline
                        ? "must not contain control characters other than line breaks and tabs"
                        : "must not contain control characters";
            }
        }
        return null;
    }

    /** Length as people count it: a character outside the Basic Multilingual Plane (an emoji) counts once. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
