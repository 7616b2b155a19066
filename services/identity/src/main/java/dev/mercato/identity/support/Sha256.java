package dev.mercato.identity.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, for values with enough entropy of their own (random tokens and secrets) or that only need to be
 * unrecognizable in a store (emails in throttle keys). Passwords use Argon2id instead.
 */
public final class Sha256 {

    private Sha256() {}

    public static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    public static String hex(String value) {
        return HexFormat.of().formatHex(digest(value));
    }
}
