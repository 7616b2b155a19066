package dev.mercato.pspsim.idempotency;

import dev.mercato.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Checks {@code Idempotency-Key} headers and fingerprints requests. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private IdempotencyKeys() {}

    public static String require(String header) {
        if (header == null || header.isEmpty()) {
            throw ProblemException.invalid(HEADER, "is required on every mutating request");
        }
        if (!VALID.matcher(header).matches()) {
            throw ProblemException.invalid(HEADER, "must be 1 to 255 printable ASCII characters without spaces");
        }
        return header;
    }

    /** What identifies "the same request": method, path and the canonical form of the parsed body. */
    public static String fingerprint(String method, String path, String canonicalBody) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((method + " " + path + "\n" + canonicalBody).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
