package dev.mercato.payment.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies {@code Psp-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>}: every {@code v1}
 * is compared in constant time, and a timestamp outside the tolerance is refused (so a captured delivery cannot be
 * replayed later by someone else).
 */
final class WebhookSignature {

    enum Result {
        VALID,
        MISSING,
        MALFORMED,
        MISMATCH,
        STALE
    }

    private final byte[] secret;
    private final Duration tolerance;

    WebhookSignature(String secret, Duration tolerance) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    Result verify(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            return Result.MISSING;
        }
        Long timestamp = null;
        List<byte[]> candidates = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return Result.MALFORMED;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            try {
                if (name.equals("t")) {
                    timestamp = Long.parseLong(value);
                } else if (name.equals("v1")) {
                    candidates.add(HexFormat.of().parseHex(value));
                }
            } catch (IllegalArgumentException e) {
                return Result.MALFORMED;
            }
        }
        if (timestamp == null || candidates.isEmpty()) {
            return Result.MALFORMED;
        }
        byte[] expected = sign(timestamp, body);
        boolean matches = false;
        for (byte[] candidate : candidates) {
            matches |= MessageDigest.isEqual(expected, candidate);
        }
        if (!matches) {
            return Result.MISMATCH;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return Result.STALE;
        }
        return Result.VALID;
    }

    byte[] sign(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The header value the provider would send for this body at this time. */
    String header(long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(sign(timestamp, body));
    }
}
