package dev.mercato.web.servlet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
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
            if (equals >= 0 && decode(pair.substring(equals + 1)) == null) {
                return Optional.of(new Violation(shorten(name), "is not valid percent-encoded UTF-8"));
            }
        }
        return Optional.empty();
    }

    /** The decoded text, or null when an escape is broken or the bytes are not UTF-8. */
    static @Nullable String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        var bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
                    return null;
                }
                bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String shorten(String name) {
        return name.length() <= MAX_NAME_ECHO ? name : name.substring(0, MAX_NAME_ECHO) + "…";
    }
}
